import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Calendar arithmetic and `dixian generate` give the same answers under every TZ setting, on the
 * days some zones skipped too: Pacific/Apia jumped from 2011-12-29 to 2011-12-31, and
 * Pacific/Kiritimati from 1994-12-30 to 1995-01-01. Runs child processes with TZ set.
 */
const ZONES = ["Pacific/Apia", "Pacific/Kiritimati", "Asia/Kathmandu"];

/**
 * The national rule set with a threshold in force from 1990, so populations can be made for the
 * skipped days. It ends before cn's own first value (2021) begins, so the two do not overlap.
 */
function earlyThresholdRuleSet(): string {
  const dir = mkdtempSync(join(tmpdir(), "dixian-tz-"));
  writeFileSync(
    join(dir, "ruleset.json"),
    JSON.stringify({ id: "early", version: "1", extends: "builtin:cn", description: { zh: "测试", en: "test" } }),
  );
  writeFileSync(
    join(dir, "parameters.json"),
    JSON.stringify({
      threshold: {
        merge: "addValues",
        values: [
          { from: "1990-01-01", until: "2020-12-31", value: "2300", source: { document: "test" }, status: "default" },
        ],
      },
    }),
  );
  return dir;
}

function run(args: string[], tz: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", ...args], {
    encoding: "utf8",
    env: { ...process.env, TZ: tz },
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe("time zones with skipped days", () => {
  it("the skipped days are real in the zones tested (the host knows them)", () => {
    const probe = "const d = new Date(2011, 11, 30, 12); process.stdout.write(String(d.getDate()))";
    expect(
      execFileSync(process.execPath, ["-e", probe], { encoding: "utf8", env: { ...process.env, TZ: "Pacific/Apia" } }),
    ).toBe("31");
  });

  it("ages, month shifts and windows are the same as in UTC", () => {
    const utc = run(["test/support/calendar-probe.ts"], "UTC");
    expect(JSON.parse(utc).length).toBeGreaterThan(1000);
    for (const zone of ZONES) expect(run(["test/support/calendar-probe.ts"], zone), zone).toBe(utc);
  }, 120_000);

  const rules = earlyThresholdRuleSet();
  it.each(["2011-12-30", "1994-12-31"])(
    "dixian generate --as-of %s gives the same bytes as in UTC",
    (asOf) => {
      const args = ["src/cli.ts", "generate", "--households", "400", "--seed", "11", "--as-of", asOf, "--rules", rules];
      const utc = run(args, "UTC");
      expect(utc.split("\n").length).toBeGreaterThan(400);
      for (const zone of ["Pacific/Apia", "Pacific/Kiritimati"]) expect(run(args, zone), zone).toBe(utc);
    },
    120_000,
  );
});
