import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DixianError, loadRuleSet, ruleSetFromJson, screen } from "../src/index.js";
import * as browser from "../src/browser.js";
import { MAX_CONDITION_DEPTH } from "../src/rulesets/condition-graph.js";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * A rule set that passes its checks must run: a chain of named conditions deep enough to overflow
 * every evaluator's stack, or a graph whose expansion is exponential, is refused where the rule set
 * is loaded (validate, loadRuleSet, ruleSetFromJson, serve), never found by a failing screening.
 */
type Conditions = Record<string, unknown>;

const fact = { fact: "memberCount", operator: "greaterThanInclusive", value: 1 };

/** c0 → c1 → … → c(n-1) → a fact. */
function chain(length: number): Conditions {
  const conditions: Conditions = {};
  for (let i = 0; i < length; i++) conditions[`c${i}`] = { all: [{ condition: `c${i + 1}` }] };
  conditions[`c${length}`] = { all: [fact] };
  return conditions;
}

/** Each level uses the next `width` times: width^levels conditions from a small file. */
function fanOut(levels: number, width: number): Conditions {
  const conditions: Conditions = {};
  for (let i = 0; i < levels; i++)
    conditions[`f${i}`] = { any: Array.from({ length: width }, () => ({ condition: `f${i + 1}` })) };
  conditions[`f${levels}`] = { all: [fact] };
  return conditions;
}

function files(conditions: Conditions, ruleConditions: unknown = { all: [{ condition: "c0" }] }) {
  return {
    "ruleset.json": { id: "deep", version: "1", extends: "builtin:yunnan", description: { zh: "测试" } },
    "conditions.json": { conditions },
    "rules/extra.json": {
      stage: "checks",
      rules: [
        {
          id: "check.deep",
          label: { zh: "深" },
          basis: { document: "测试" },
          conditions: ruleConditions,
          event: { type: "check", params: { severity: "warning" } },
          reason: { zh: "深" },
        },
      ],
    },
  };
}

function onDisk(content: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "dixian-deep-"));
  mkdirSync(join(dir, "rules"));
  for (const [path, value] of Object.entries(content)) writeFileSync(join(dir, path), JSON.stringify(value, null, 1));
  return dir;
}

function refusal(load: () => unknown): DixianError {
  try {
    load();
  } catch (error) {
    if (error instanceof DixianError) return error;
    throw error;
  }
  throw new Error("expected the rule set to be refused");
}

describe("the depth of the resolved condition graph", () => {
  it.each([
    ["5000 named conditions in a chain", chain(5000), /c0 → c1 → c2 → … → c4999 → c5000/],
    ["a chain just past the limit", chain(MAX_CONDITION_DEPTH / 2), /c0 → c1 → c2 → … /],
    [
      "a chain through nested any/not",
      {
        ...Object.fromEntries(
          Array.from({ length: 40 }, (_, i) => [`c${i}`, { any: [{ not: { condition: `c${i + 1}` } }, fact] }]),
        ),
        c40: { all: [fact] },
      },
      /c0 → c1/,
    ],
  ])(
    "refuses %s in loadRuleSet, ruleSetFromJson and the browser entry, naming the chain",
    (_case, conditions, chainText) => {
      for (const load of [
        () => loadRuleSet(onDisk(files(conditions)), { lang: "en" }),
        () => ruleSetFromJson(files(conditions), { lang: "en" }),
        () => browser.ruleSetFromJson(files(conditions), { lang: "en" }),
      ]) {
        const error = refusal(load);
        expect(error.code).toBe("E_RULESET_CONDITION_LIMIT");
        const problem = error.problems.find((p) => p.path === "/rules/0/conditions")!;
        expect(problem.file).toMatch(/rules[\\/]extra\.json$/);
        expect(problem.message).toMatch(chainText);
        expect(problem.message).toContain(`more than the ${MAX_CONDITION_DEPTH} allowed`);
      }
    },
  );

  it("refuses a too deep named condition even when no rule uses it", () => {
    const error = refusal(() =>
      ruleSetFromJson(files({ ...chain(100), used: { all: [fact] } }, { all: [{ condition: "used" }] })),
    );
    expect(error.code).toBe("E_RULESET_CONDITION_LIMIT");
    expect(error.problems.map((p) => p.path)).toEqual(["/conditions/c0"]);
    expect(error.message).toContain("超过上限 64 层");
  });

  it("refuses a graph whose expansion is exponential, though shallow", () => {
    const error = refusal(() => ruleSetFromJson(files(fanOut(12, 4), { all: [{ condition: "f0" }] }), { lang: "en" }));
    expect(error.code).toBe("E_RULESET_CONDITION_LIMIT");
    expect(error.problems[0]!.message).toMatch(/more than the 10000 allowed/);
  });

  it("runs every rule set it accepts, with both engines and explanations", async () => {
    const ruleSet = ruleSetFromJson(files(chain(MAX_CONDITION_DEPTH / 2 - 2)));
    for (const engine of ["compiled", "json-rules-engine"] as const) {
      const result = await screen(contractExample(), { ruleSet, asOf: "2025-06-30", engine, explain: true });
      expect(result.checks.map((check) => check.id)).toContain("check.deep");
    }
    const wide = ruleSetFromJson(files(fanOut(4, 6), { all: [{ condition: "f0" }] }));
    const result = await screen(contractExample(), { ruleSet: wide, asOf: "2025-06-30" });
    expect(result.checks.map((check) => check.id)).toContain("check.deep");
  });

  it("still reports a cycle as a cycle", () => {
    const error = refusal(() =>
      ruleSetFromJson(files({ c0: { all: [{ condition: "c1" }] }, c1: { any: [{ condition: "c0" }] } })),
    );
    expect(error.code).toBe("E_RULESET_SCHEMA");
    expect(error.message).toContain("引用了自身");
  });

  it("fails validate and refuses to start serve (exit 2), in Chinese and English", async () => {
    const dir = onDisk(files(chain(300)));
    const validate = await runCliCaptured(["validate", dir]);
    expect(validate.code).toBe(2);
    expect(validate.stderr + validate.stdout).toContain("请缩短命名条件的引用链");
    const serve = await runCliCaptured(["serve", "--rules", dir, "--port", "0", "--lang", "en"]);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain("E_RULESET_CONDITION_LIMIT");
    expect(serve.stderr).toContain("shorten the chain of named conditions");
    const screened = await runCliCaptured(
      ["screen", "--rules", dir, "--as-of", "2025-06-30", "-"],
      JSON.stringify(contractExample()),
    );
    expect(screened.code).toBe(2);
    expect(screened.stdout).toBe("");
  });
});
