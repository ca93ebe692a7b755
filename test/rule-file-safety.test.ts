import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, screen } from "../src/index.js";
import { contractExample } from "./support/households.js";
import { loadError } from "./support/rule-set-copy.js";
import { runCliCaptured } from "./support/run-cli.js";

const rule = (id: string, condition: unknown) => ({
  id,
  label: { zh: "测试", en: "test" },
  basis: { document: "test" },
  conditions: { all: [condition] },
  event: { type: "measure", params: { measure: "industry.support" } },
});

/** A county rule set on top of the shipped Yunnan set, with one file of plan rules. */
function countyRuleSet(rules: unknown[], extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "dixian-county-"));
  writeFileSync(
    join(dir, "ruleset.json"),
    JSON.stringify({ id: "county", version: "1", extends: "builtin:yunnan", description: { zh: "县", en: "county" } }),
  );
  mkdirSync(join(dir, "rules"));
  writeFileSync(join(dir, "rules", "plan.json"), JSON.stringify({ stage: "plan", rules }));
  for (const [name, value] of Object.entries(extra)) writeFileSync(join(dir, name), JSON.stringify(value));
  return dir;
}

const INHERITED_NAMES = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"];

describe("rule references are own names only", () => {
  it.each(INHERITED_NAMES)("reports a parameter or named condition called %s as unknown in validate", async (name) => {
    const dir = countyRuleSet([
      rule("measure.county.param", { fact: "householdSize", operator: "greaterThan", value: { param: name } }),
      rule("measure.county.named", { condition: name }),
      rule("measure.county.times", {
        fact: "householdSize",
        operator: "greaterThan",
        value: { param: "threshold", times: name },
      }),
    ]);
    const messages = loadError(dir).problems.map((problem) => problem.message);
    expect(messages).toContain(`unknown parameter "${name}"`);
    expect(messages).toContain(`unknown named condition "${name}"`);
    const run = await runCliCaptured(["validate", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("screens with a parameter and a named condition that are really called constructor", async () => {
    const dir = countyRuleSet(
      [
        rule("measure.county.param", {
          fact: "householdSize",
          operator: "greaterThan",
          value: { param: "constructor" },
        }),
        rule("measure.county.named", { condition: "constructor" }),
      ],
      {
        "parameters.json": {
          constructor: {
            type: "integer",
            description: { zh: "人数", en: "size" },
            values: [{ from: "2020-01-01", value: 1, source: { document: "test" }, status: "confirmed" }],
          },
        },
        "conditions.json": {
          conditions: { constructor: { all: [{ fact: "householdSize", operator: "greaterThan", value: 0 }] } },
        },
      },
    );
    const ruleSet = loadRuleSet(dir);
    const result = await screen(contractExample(), { ruleSet, asOf: "2025-06-30", explain: true });
    const outcomes = new Map(result.explanation.map((entry) => [entry.rule, entry.status]));
    expect(outcomes.get("measure.county.named")).toBeDefined();
    expect(outcomes.get("measure.county.param")).toBeDefined();
  });
});

describe("rule files are regular files inside their rule set", () => {
  // A FIFO or /dev/zero read as a file would hang or fill memory: the test would time out.
  const timed = (dir: string) => ({ error: loadError(dir) });

  it("refuses a rule file that is a symlink to /dev/zero, at once", () => {
    const dir = countyRuleSet([]);
    symlinkSync("/dev/zero", join(dir, "rules", "zero.json"));
    const { error } = timed(dir);
    expect(error.problems.map((problem) => problem.message).join("\n")).toMatch(
      /outside the rule set directory|not a regular file/,
    );
  });

  it("refuses a FIFO without waiting for a writer", () => {
    const dir = countyRuleSet([]);
    execFileSync("mkfifo", [join(dir, "rules", "pipe.json")]);
    const { error } = timed(dir);
    expect(error.problems.map((problem) => problem.message)).toContain("is not a regular file");
  });

  it("refuses a symlink to a file outside the rule set, and a folder named like a rule file", () => {
    const outside = join(mkdtempSync(join(tmpdir(), "dixian-outside-")), "conditions.json");
    writeFileSync(outside, JSON.stringify({ conditions: {} }));
    const dir = countyRuleSet([]);
    symlinkSync(outside, join(dir, "conditions.json"));
    mkdirSync(join(dir, "rules", "folder.json"));
    const messages = loadError(dir).problems.map((problem) => `${problem.file}: ${problem.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/conditions\.json: is outside the rule set directory/),
        expect.stringMatching(/folder\.json: is not a regular file/),
      ]),
    );
  });

  it("refuses a rule file over the size cap, whatever it claims", () => {
    const dir = countyRuleSet([]);
    writeFileSync(join(dir, "rules", "huge.json"), `{"stage":"plan","rules":[],"x":"${"a".repeat(16 * 1024 * 1024)}"}`);
    expect(loadError(dir).problems.map((problem) => problem.message)).toContain(
      `file is larger than ${16 * 1024 * 1024} bytes`,
    );
  });
});
