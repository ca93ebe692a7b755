import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../src/index.js";
import { copyRules, editJson, editText, lineOf, loadError } from "./support/rule-set-copy.js";
import { runCliCaptured } from "./support/run-cli.js";

describe("hostile rule files", () => {
  it("refuses jsonpath filter and script expressions in condition paths", () => {
    for (const path of [
      "$..*",
      "$[?(@.x)]",
      "$.a[(@.length-1)]",
      "$['a']",
      "$.constructor.constructor('return process')()",
    ]) {
      const copy = copyRules();
      editJson(join(copy, "cn/rules/checks.json"), (c) => {
        c.rules[0].conditions.all[0].path = path;
      });
      expect(loadError(join(copy, "cn")).problems[0]!.message, path).toMatch(/only plain paths/);
    }
  });

  it("rejects __proto__ keys in rule files and leaves Object.prototype alone", () => {
    const copy = copyRules();
    writeFileSync(
      join(copy, "yunnan/parameters.json"),
      `{"__proto__": {"polluted": true}, "threshold": {"__proto__": {"x": 1}, "description": {"zh": "x"}, "type": "money", "values": [{"from": "2025-01-01", "value": "1", "source": {"document": "d"}, "status": "default"}]}}`,
    );
    const problems = loadError(join(copy, "yunnan")).problems.map((p) => `${p.path} ${p.message}`);
    expect(problems.join("\n")).toMatch(/__proto__/);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("rejects conditions nested too deep, enormous arrays and cyclic named conditions quickly", () => {
    const deep = copyRules();
    const nested = '{"not":'.repeat(5000) + `{"fact":"flag","operator":"equal","value":"x"}` + "}".repeat(5000);
    writeFileSync(
      join(deep, "cn/rules/checks.json"),
      `{"stage":"checks","rules":[{"id":"deep","label":{"zh":"深"},"conditions":{"all":[${nested}]},"event":{"type":"check","params":{"severity":"info"}}}]}`,
    );
    expect(loadError(join(deep, "cn")).problems[0]!.message).toMatch(/nested more than 64 levels/);

    const big = copyRules();
    const rule = {
      id: "r",
      label: { zh: "规则" },
      conditions: { all: [{ fact: "flag", operator: "equal", value: "x" }] },
      event: { type: "check", params: { severity: "info" } },
    };
    const started = performance.now();
    writeFileSync(
      join(big, "cn/rules/many.json"),
      JSON.stringify({ stage: "checks", rules: Array.from({ length: 20_000 }, (_, i) => ({ ...rule, id: `r${i}` })) }),
    );
    expect(loadError(join(big, "cn")).problems.some((p) => /5000/.test(p.message))).toBe(true);
    writeFileSync(
      join(big, "cn/rules/many.json"),
      JSON.stringify({
        stage: "checks",
        rules: [{ ...rule, conditions: { all: Array.from({ length: 100_000 }, () => rule.conditions.all[0]) } }],
      }),
    );
    expect(loadError(join(big, "cn")).problems.some((p) => /200/.test(p.message))).toBe(true);
    expect(performance.now() - started).toBeLessThan(30_000); // bounded, not a benchmark: seconds at most

    const cyclic = copyRules();
    editJson(join(cyclic, "cn/conditions.json"), (c) => {
      c.conditions.loopA = { all: [{ condition: "loopB" }] };
      c.conditions.loopB = { any: [{ condition: "loopA" }] };
    });
    expect(
      loadError(join(cyclic, "cn"))
        .problems.map((p) => p.message)
        .join("\n"),
    ).toMatch(/refers to itself/);
  });

  it("validate reports a rule file larger than the limit without reading it", async () => {
    const copy = copyRules();
    writeFileSync(join(copy, "cn/rules/huge.json"), `{"stage":"checks","rules":[${"1,".repeat(9_000_000)}1]}`);
    const { code, stderr } = await runCliCaptured(["validate", "--lang", "en", join(copy, "cn")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/huge\.json.*larger than/);
  });
});

describe("--expect-hash", () => {
  it("screens with the right hash and refuses a changed rule set", async () => {
    const ruleSet = loadRuleSet("rules/yunnan");
    const household = JSON.stringify({
      ...JSON.parse(JSON.stringify((await import("./support/households.js")).contractExample())),
    });
    const ok = await runCliCaptured(
      ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--quiet", "--expect-hash", ruleSet.hash, "-"],
      household,
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ruleSet.hash).toBe(ruleSet.hash);
    const copy = copyRules();
    editJson(join(copy, "yunnan/parameters.json"), (p) => {
      p.threshold.values[1].value = "8701";
    });
    const refused = await runCliCaptured(
      ["screen", "--rules", join(copy, "yunnan"), "--as-of", "2025-06-30", "--expect-hash", ruleSet.hash, "-"],
      household,
    );
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain("E_RULESET_HASH_MISMATCH");
  });
});

describe("rule files that would silently change a result", () => {
  it("rejects a repeated key, naming its line", () => {
    const copy = copyRules();
    const file = join(copy, "cn/parameters.json");
    editText(file, `"value": "6000",`, `"value": "6000", "value": "9999",`);
    const problem = loadError(join(copy, "cn")).problems[0]!;
    expect(problem).toMatchObject({
      line: lineOf(file, `"value": "9999"`),
      message: expect.stringContaining(`duplicate key "value"`),
    });
  });

  it("reports a __proto__ parameter name with its file instead of crashing", async () => {
    const copy = copyRules();
    editText(join(copy, "cn/parameters.json"), `"threshold": {`, `"__proto__": {"polluted": 1}, "threshold": {`);
    const { code, stderr } = await runCliCaptured(["validate", "--lang", "en", join(copy, "cn")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cn[/\\]parameters\.json:\d+:\d+ \/__proto__: parameter names are letters/);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
