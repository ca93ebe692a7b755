import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

const SCREEN = ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30"];
const household = (id: string, change: (h: Record<string, any>) => void = () => undefined) => {
  const h = contractExample();
  h.id = id;
  change(h);
  return h;
};
const ids = (ndjson: string) =>
  ndjson
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).householdId);

describe("dixian screen", () => {
  it("screens NDJSON from stdin in input order, rejecting broken households by line, id and field", async () => {
    const lines = [
      JSON.stringify(household("A")),
      "",
      JSON.stringify(
        household("B", (h) => {
          h.members[0].labor = "strong";
          h.extra = 1;
        }),
      ),
      "{not json",
      JSON.stringify(household("C")),
      JSON.stringify(
        household("D", (h) => {
          h.income.wage = "1.234";
        }),
      ),
      JSON.stringify(household("E")),
    ];
    const { code, stdout, stderr } = await runCliCaptured(
      [...SCREEN, "--lang", "en", "-"],
      lines.join("\r\n") + "\r\n",
    );
    expect(code).toBe(1);
    expect(ids(stdout)).toEqual(["A", "C", "E"]);
    expect(stderr).toContain("rejected line 3 (id B): /members/0/labor:");
    expect(stderr).toContain(`/: unknown field: "extra"`);
    expect(stderr).toContain("rejected line 4: /: invalid JSON");
    expect(stderr).toContain("rejected line 6 (id D): /income/wage: money has at most two decimal places");
    expect(stderr).toContain("read 6, screened 3, rejected 3");
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("writes rejections as NDJSON to --rejects and results to --out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-cli-"));
    const input = join(dir, "in.json");
    writeFileSync(input, JSON.stringify([household("A"), { id: "B" }, household("C")], null, 2));
    const { code, stdout } = await runCliCaptured([
      ...SCREEN,
      "--out",
      join(dir, "out.ndjson"),
      "--rejects",
      join(dir, "rejects.ndjson"),
      "--quiet",
      input,
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(ids(readFileSync(join(dir, "out.ndjson"), "utf8"))).toEqual(["A", "C"]);
    const rejection = JSON.parse(readFileSync(join(dir, "rejects.ndjson"), "utf8").trim());
    expect(rejection).toMatchObject({ code: "E_INPUT_SCHEMA", index: 1, householdId: "B" });
    expect(rejection.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["/region", "/members", "/income"]),
    );
  });

  it("reads a single pretty-printed household, a BOM and a last line without newline; writes --format json", async () => {
    const pretty = "\uFEFF" + JSON.stringify(household("P"), null, 2);
    const single = await runCliCaptured([...SCREEN, "--format", "json", "-"], pretty);
    expect(single.code).toBe(0);
    expect(JSON.parse(single.stdout).map((r: { householdId: string }) => r.householdId)).toEqual(["P"]);
    const empty = await runCliCaptured([...SCREEN, "--format", "json", "-"], "");
    expect(JSON.parse(empty.stdout)).toEqual([]);
    expect(empty.code).toBe(0);
  });

  it("fails clearly on a date with no threshold, a missing rule set and bad arguments", async () => {
    const in2022 = await runCliCaptured(
      ["screen", "--rules", "rules/yunnan", "--as-of", "2022-06-30", "-"],
      JSON.stringify(household("A")),
    );
    expect(in2022.code).toBe(2);
    expect(in2022.stderr).toMatch(/E_NO_PARAMETER_IN_FORCE.*threshold/);
    const cnAlone = await runCliCaptured(
      ["screen", "--rules", "rules/cn", "--as-of", "2025-06-30", "-"],
      JSON.stringify(household("A")),
    );
    expect(cnAlone.code).toBe(2);
    expect(cnAlone.stderr).toMatch(/E_NO_PARAMETER_IN_FORCE.*threshold/);
    const missing = await runCliCaptured(["screen", "--rules", "rules/nowhere", "--as-of", "2025-06-30", "-"], "");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/E_RULESET_NOT_FOUND/);
    const badDate = await runCliCaptured(["screen", "--rules", "rules/yunnan", "--as-of", "2025-02-30", "-"], "");
    expect(badDate.stderr).toMatch(/E_BAD_AS_OF/);
    const noRules = await runCliCaptured(["screen", "--as-of", "2025-06-30", "-"]);
    expect(noRules).toMatchObject({ code: 2, stderr: expect.stringContaining("--rules") });
    const unknownOption = await runCliCaptured(["screen", "--rulez", "x"]);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).not.toMatch(/\n\s+at /);
  });

  it("has --help for every command", async () => {
    const commands = [
      "screen",
      "validate",
      "test",
      "init-overlay",
      "explain",
      "report",
      "worklist",
      "diff",
      "generate",
      "anonymize",
      "serve",
    ];
    const overview = await runCliCaptured(["--help"]);
    const listed = overview.stdout
      .split("Commands:\n")[1]!
      .split("\n\n")[0]!
      .split("\n")
      .map((line) => line.trim().split(/\s+/)[0]);
    expect([...listed].sort()).toEqual([...commands].sort());
    for (const command of commands) {
      const { code, stdout, stderr } = await runCliCaptured([command, "--help"]);
      expect({ command, code, stderr }).toEqual({ command, code: 0, stderr: "" });
      expect(stdout).toMatch(new RegExp(`^Usage: dixian ${command} `));
    }
  });

  it("writes no result on a 2026 date: the transition period ended and no Yunnan 2026 threshold is known", async () => {
    const { code, stdout, stderr } = await runCliCaptured(
      ["screen", "--rules", "rules/yunnan", "--as-of", "2026-06-30", "--quiet", "-"],
      JSON.stringify(household("A")),
    );
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/E_NO_PARAMETER_IN_FORCE.*threshold/);
    expect(stderr).toContain("2026-06-30");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("dixian screen output and input edge cases", () => {
  it("keeps going when the first line is broken and a later line is not UTF-8", async () => {
    const good = JSON.stringify(household("G1"));
    const input = Buffer.concat([
      Buffer.from(`{"id": "broken"\n${good}\n`),
      Buffer.from([0xff, 0x0a]),
      Buffer.from(JSON.stringify(household("G2")) + "\n"),
    ]);
    const { stdout, stderr, code } = await runCliCaptured([...SCREEN, "--workers", "1", "--lang", "en", "-"], input);
    expect(code).toBe(1);
    expect(ids(stdout)).toEqual(["G1", "G2"]);
    expect(stderr).toContain("rejected line 1: /: invalid JSON");
    expect(stderr).toContain("rejected line 3: /: line is not valid UTF-8");
    expect(stderr).toContain("read 4, screened 2, rejected 2");
  });

  it("names an output it cannot write, before screening, without a stack trace", async () => {
    const { code, stderr, stdout } = await runCliCaptured(
      [...SCREEN, "--out", "/nonexistent-dir/out.ndjson", "--lang", "en", "-"],
      JSON.stringify(household("A")),
    );
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("cannot write /nonexistent-dir/out.ndjson: ENOENT");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
