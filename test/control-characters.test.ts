import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printableText, printableValue } from "../src/results/printable.js";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

const SCREEN = ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--workers", "1"];
/** Anything a terminal would act on, other than the line breaks dixian writes itself. */
// eslint-disable-next-line no-control-regex -- the characters that must not reach a terminal
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FORGED = "A\u001b[2K\r\ndixian screen: read 1, screened 1, rejected 0\u202e\u0007";

describe("control characters in input text", () => {
  it("escapes them, keeping dixian's own line breaks", () => {
    expect(printableText("a\u001b[31mb\nc\rd\u202e")).toBe("a\\x1b[31mb\nc\\x0dd\\u{202E}");
    expect(printableValue("x\ny\u0085")).toBe("x\\x0ay\\x85");
    expect(printableText("农户 ok · 村")).toBe("农户 ok · 村");
  });

  it("cannot forge lines of screen's rejections or summary", async () => {
    const bad = { ...contractExample(), id: FORGED, householdType: "bogus" };
    const good = { ...contractExample(), id: FORGED };
    // English, the language the forged summary imitates.
    const run = await runCliCaptured(
      [...SCREEN, "--lang", "en", "-"],
      [bad, good].map((h) => JSON.stringify(h)).join("\n"),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^rejected line 1 \(id A\\x1b\[2K\\x0d\\x0adixian screen: read 1, screened 1, rejected 0\\u\{202E\}\\x07\): \/householdType/,
    );
    expect(lines[1]).toMatch(/^dixian screen: read 2, screened 1, rejected 1 /);
  });

  it("escapes them in explain text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-control-"));
    const household: Record<string, any> = { ...contractExample(), id: FORGED };
    household.region = { ...household.region, village: "村\u001b]0;title\u0007" };
    writeFileSync(join(dir, "h.json"), JSON.stringify(household));
    const run = await runCliCaptured([
      "explain",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      join(dir, "h.json"),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain("A\\x1b[2K\\x0d\\x0adixian screen");
    expect(run.stdout.split("\n").filter((line) => line.startsWith("dixian screen"))).toEqual([]);
  });
});
