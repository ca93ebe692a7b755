import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateHouseholds } from "../src/population/generate-households.js";

/**
 * The same households and rule set give byte-identical output across runs, worker counts, the
 * process's timezone and its locale settings. Runs the real command line in child processes.
 */
const dir = mkdtempSync(join(tmpdir(), "dixian-determinism-"));
const input = join(dir, "households.ndjson");
writeFileSync(
  input,
  [...generateHouseholds({ households: 300, seed: 99, asOf: "2025-08-31", referenceIncome: 8700 })]
    .map((h) => JSON.stringify(h))
    .join("\n"),
);

function screenWith(env: Record<string, string>, workers: number, extra: string[] = []): string {
  return execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/cli.ts",
      "screen",
      "--rules",
      "rules/examples/xundian-lianhe",
      "--as-of",
      "2025-08-31",
      "--workers",
      String(workers),
      "--quiet",
      "--explain",
      ...extra,
      input,
    ],
    {
      encoding: "utf8",
      env: { ...process.env, ...env },
      maxBuffer: 512 * 1024 * 1024,
    },
  );
}

describe("determinism", () => {
  it("is byte-identical across repetitions, worker counts, timezones and locales", () => {
    const reference = screenWith({ TZ: "UTC", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" }, 1);
    expect(reference.split("\n").length).toBeGreaterThan(300);
    expect(screenWith({ TZ: "UTC", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" }, 1)).toBe(reference);
    expect(screenWith({ TZ: "Asia/Shanghai", LANG: "zh_CN.UTF-8", LC_ALL: "zh_CN.UTF-8" }, 2)).toBe(reference);
    expect(screenWith({ TZ: "America/Los_Angeles", LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8" }, 3)).toBe(reference);
    expect(screenWith({ TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8" }, 2, ["--engine", "json-rules-engine"])).toBe(
      reference,
    );
  }, 180_000);

  it("gives the same CSV in every timezone", () => {
    const utc = screenWith({ TZ: "UTC" }, 1, ["--format", "csv"]);
    expect(screenWith({ TZ: "Asia/Shanghai" }, 2, ["--format", "csv"])).toBe(utc);
  }, 120_000);
});
