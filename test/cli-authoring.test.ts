import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../src/index.js";
import { copyRules, editJson, editText, lineOf } from "./support/rule-set-copy.js";
import { runCliCaptured } from "./support/run-cli.js";
import { contractExample } from "./support/households.js";

const SHIPPED = ["rules/cn", "rules/yunnan", "rules/examples/xundian-lianhe"];

describe("dixian validate", () => {
  it("passes every shipped rule set, warning about values that are not confirmed", async () => {
    const { code, stdout, stderr } = await runCliCaptured(["validate", "--lang", "en", ...SHIPPED]);
    expect(code).toBe(0);
    expect(stdout.match(/^ok /gm)).toHaveLength(3);
    // Each parameter's latest value: a warning exactly when its status is not "confirmed".
    // An optional parameter may have no value (dibaoStandard): nothing to warn about.
    const latest = SHIPPED.flatMap((dir) =>
      Object.entries(loadRuleSet(dir).parameters)
        .filter(([, parameter]) => parameter.values.length > 0)
        .map(([name, parameter]) => ({ name, value: parameter.values.at(-1)! })),
    );
    const text = ({ name, value }: (typeof latest)[number]) =>
      `parameter ${name} = ${String(value.value)} (from ${value.from})`;
    const unconfirmed = latest.filter(({ value }) => value.status !== "confirmed");
    const confirmed = latest.filter(({ value }) => value.status === "confirmed");
    expect(unconfirmed.length).toBeGreaterThan(0);
    expect(confirmed.length).toBeGreaterThan(0);
    for (const entry of unconfirmed)
      expect(stderr).toContain(`warning: ${text(entry)} has status "${entry.value.status}", not "confirmed"`);
    for (const entry of confirmed) expect(stderr).not.toContain(text(entry));
  });

  it("names file:line:column and JSON path for hidden corruptions, exit 2", async () => {
    const copy = copyRules();
    const file = join(copy, "yunnan/parameters.json");
    editText(file, `"value": "8700"`, `"value": "87O0"`);
    const { code, stderr } = await runCliCaptured(["validate", "--lang", "en", join(copy, "yunnan")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(`parameters\\.json:${lineOf(file, `"87O0"`)}:\\d+ /threshold/values/1/value: expected a money`),
    );
  });

  it("never crashes on malformed JSON or an empty file", async () => {
    const copy = copyRules();
    writeFileSync(join(copy, "cn/rules/flag.json"), `{"stage": "flag", "rules": [ {"id": "x", }`);
    writeFileSync(join(copy, "cn/measures.json"), "");
    const { code, stderr } = await runCliCaptured(["validate", "--lang", "en", join(copy, "cn")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/flag\.json:1:\d+ \/: invalid JSON/);
    expect(stderr).toMatch(/measures\.json:1:1 \/: invalid JSON/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("dixian test", () => {
  it("passes the shipped rule tests and every rule fires", async () => {
    const { code, stdout } = await runCliCaptured(["test", "--coverage", "--lang", "en", ...SHIPPED]);
    expect(stdout).toContain("coverage: every rule fired");
    expect(stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(code).toBe(0);
  });

  it("fails when an expectation is changed, showing expected versus actual", async () => {
    const copy = copyRules();
    const file = join(copy, "yunnan/tests/thresholds.json");
    editJson(file, (tests) => {
      tests.tests.find((t: { name: string }) => t.name === "threshold-2025").expect.flag = "watch";
    });
    const { code, stdout } = await runCliCaptured(["test", "--lang", "en", join(copy, "yunnan")]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /FAIL .*thresholds\.json › threshold-2025\n  flag\n    expected: watch\n    actual:   identify/,
    );
    expect(stdout).toMatch(/^8 passed, 1 failed$/m);
  });

  it("refuses a test whose expect is empty, naming the file, line and test, in Chinese and English", async () => {
    const copy = copyRules();
    const file = join(copy, "yunnan/tests/thresholds.json");
    editJson(file, (tests) => {
      tests.tests[1].expect = {};
    });
    const { code, stdout, stderr } = await runCliCaptured(["test", join(copy, "yunnan")]);
    expect(code).toBe(2);
    expect(stdout).not.toMatch(/passed/);
    expect(stderr).toContain(`thresholds.json:${lineOf(file, `"expect": {}`)}:`);
    expect(stderr).toContain(
      "/tests/1/expect：expect 为空：至少写一项要检查的结果（如 flag）/ expect is empty: name at least one result to check",
    );
  });

  it("lists the rules no test fires with --coverage: the overlay's own ones fail it, inherited ones do not", async () => {
    const copy = copyRules();
    const file = join(copy, "examples/xundian-lianhe/tests/local-measures.json");
    editJson(file, (tests) => {
      tests.tests = tests.tests.filter(
        (test: { expect: { followUp?: { visitsPerWeek: number } } }) => test.expect.followUp?.visitsPerWeek !== 1,
      );
    });
    const { code, stdout } = await runCliCaptured(["test", "--coverage", join(copy, "examples/xundian-lianhe")]);
    expect(stdout).toMatch(
      /规则集自己写的规则中有 \d+ 条没有被任何用例触发：\n(  xundian-lianhe: .*\n)*  xundian-lianhe: followUp\.resolved\n/,
    );
    expect(stdout).toMatch(
      /xundian-lianhe 继承的规则中有 \d+ 条没有被这些用例触发（由上级规则集的测试负责，不算失败）：.*risk\.disaster\.flood/,
    );
    expect(code).toBe(1);
  });
});

describe("dixian explain", () => {
  const householdFile = (() => {
    const dir = copyRules();
    const file = join(dir, "household.json");
    writeFileSync(file, JSON.stringify(contractExample()));
    return file;
  })();

  it("prints a readable Chinese explanation naming the threshold in force and why the flag was given", async () => {
    const { code, stdout } = await runCliCaptured([
      "explain",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      householdFile,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("监测标准 T: 8700.00 元 (2025-01-01 起; 来源: 云农办通〔2025〕1号");
    expect(stdout).toContain("标记: continue (继续监测帮扶)");
    // An unmet condition of elimination is written as the failing fact (docs/policy.md#s4-2).
    expect(stdout).toContain("识别日 2025-01-10 距评估日不满 6 个月");
    expect(stdout).not.toContain("未满足");
    expect(stdout).toMatch(/✓ risk\.illness {2}因病风险 {2}\[满足\]/);
    expect(stdout).toMatch(/^ {2}✓ flag\.continue /m); // met, not merely shown
    expect(stdout).toContain("医疗救助 (health.medicalAssistance, 100A45, 保障性, 已落实)");
  });

  it("speaks English with --lang en and gives the structured form with --json", async () => {
    const english = await runCliCaptured([
      "explain",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--lang",
      "en",
      householdFile,
    ]);
    expect(english.stdout).toContain("Threshold T: 8700.00 yuan (from 2025-01-01");
    const json = await runCliCaptured([
      "explain",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--json",
      householdFile,
    ]);
    const result = JSON.parse(json.stdout);
    expect(result.explanation.length).toBe(loadRuleSet("rules/yunnan").rules.length);
    const eliminate = result.explanation.find((rule: { rule: string }) => rule.rule === "flag.eliminate");
    expect(eliminate.status).toBe("notMet");
    expect(JSON.stringify(eliminate.conditions)).toContain(`"fact":"monthsSince"`);
    const notEvaluated = result.explanation.filter((rule: { status: string }) => rule.status === "notEvaluated");
    // continue is the last flag rule, so only the rules that need a county's 低保 standard (none
    // shipped) are not evaluated, each naming the parameter it lacks.
    expect(
      notEvaluated.map((rule: { rule: string; parametersWithoutValue: string[] }) => [
        rule.rule,
        rule.parametersWithoutValue,
      ]),
    ).toEqual([
      ["measure.tekun", ["dibaoStandard"]],
      ["referral.tekun.onDibao", ["dibaoStandard"]],
      ["measure.dibaoStandard.dibao", ["dibaoStandard"]],
      ["measure.dibaoStandard.edge", ["dibaoStandard"]],
      ["measure.rigidSpending", ["dibaoStandard"]],
      ["referral.rigidSpending", ["dibaoStandard"]],
      ["referral.noLabor.aboveEdge", ["dibaoStandard"]],
      ["referral.socialAssistance.watch", ["dibaoStandard"]],
    ]);
  });
});

describe("the county overlay rules/examples/xundian-lianhe", () => {
  it("suggests local industries to a labour-capable identified household and asks for two visits a week", async () => {
    const household = contractExample();
    household.monitoring = null;
    household.income.wage = "2000";
    const { stdout } = await runCliCaptured(
      ["screen", "--rules", "rules/examples/xundian-lianhe", "--as-of", "2025-06-30", "--quiet", "-"],
      JSON.stringify(household),
    );
    const result = JSON.parse(stdout);
    expect(result.flag).toBe("identify");
    // The local industries are one suggestion, chosen with the household, not five (docs/policy.md#s4-4).
    expect(result.measures.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining(["local.featureIndustry", "local.luoshuidongPark"]),
    );
    expect(result.measures.map((m: { id: string }) => m.id)).not.toContain("local.ham");
    expect(result.followUp).toEqual({ visitsPerWeek: 2 });
    expect(result.ruleSet.hash).not.toBe(loadRuleSet("rules/yunnan").hash);
  });

  it("has a readable manifest extending yunnan", () => {
    const manifest = JSON.parse(readFileSync("rules/examples/xundian-lianhe/ruleset.json", "utf8"));
    expect(manifest.extends).toBe("../../yunnan");
  });
});
