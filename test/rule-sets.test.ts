import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, screen } from "../src/index.js";
import { contractExample } from "./support/households.js";
import { copyRules, editJson, editText, lineOf, loadError } from "./support/rule-set-copy.js";

describe("shipped rule sets", () => {
  it("yunnan extends cn and replaces only the threshold", () => {
    const cn = loadRuleSet("rules/cn");
    const yunnan = loadRuleSet("rules/yunnan");
    expect(yunnan.layers).toEqual(["cn", "yunnan"]);
    expect(yunnan.rules.map((r) => r.id)).toEqual(cn.rules.map((r) => r.id));
    const years = (name: "cn" | "yunnan") =>
      (name === "cn" ? cn : yunnan).parameters.threshold!.values.map(
        (v) => `${v.from}…${v.until}: ${v.value} ${v.status}`,
      );
    expect(years("yunnan")).toEqual([
      "2023-01-01…2023-12-31: 8050 partial",
      "2024-01-01…2024-12-31: 8700 partial",
      "2025-01-01…2025-12-31: 8700 confirmed",
    ]);
    // The only national figure is the 2021 floor: no national line after 2021.
    expect(years("cn")).toEqual(["2021-01-01…2021-12-31: 6000 partial"]);
    expect(cn.parameters.warningBandMultiplier!.values.map((v) => v.status)).toEqual(["default"]);
    expect(yunnan.hash).not.toBe(cn.hash);
    expect(yunnan.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("hashes the resolved content, not where or how the files are written", () => {
    const copy = copyRules();
    editJson(join(copy, "yunnan/parameters.json"), () => undefined); // reformatted, same content
    expect(loadRuleSet(join(copy, "yunnan")).hash).toBe(loadRuleSet("rules/yunnan").hash);
    editJson(join(copy, "yunnan/parameters.json"), (p) => {
      p.threshold.values[1].value = "9000";
    });
    expect(loadRuleSet(join(copy, "yunnan")).hash).not.toBe(loadRuleSet("rules/yunnan").hash);
  });

  it("fails clearly on a date with no threshold in force: Yunnan 2026, Yunnan 2022, cn alone after 2021", async () => {
    const yunnan = loadRuleSet("rules/yunnan");
    const cn = loadRuleSet("rules/cn");
    for (const [ruleSet, asOf] of [
      [yunnan, "2026-01-01"],
      [yunnan, "2026-06-30"],
      [yunnan, "2022-06-30"],
      [cn, "2022-01-01"],
      [cn, "2025-06-30"],
    ] as const) {
      await expect(screen(contractExample(), { ruleSet, asOf }), `${ruleSet.id} ${asOf}`).rejects.toMatchObject({
        code: "E_NO_PARAMETER_IN_FORCE",
        message: expect.stringMatching(new RegExp(`threshold.*${ruleSet.id}|${ruleSet.id}.*threshold`)),
      });
    }
  });

  it("uses 8050 through 2023-12-31, 8700 in 2024 and 2025 with no stale warning, and 6000 for cn in 2021", async () => {
    const ruleSet = loadRuleSet("rules/yunnan");
    const household = contractExample();
    household.monitoring = null;
    household.income.periodEnd = "2023-05-31";
    household.events = [];
    const threshold = async (asOf: string, set = ruleSet) => {
      const result = await screen(household, { ruleSet: set, asOf });
      expect(
        result.checks.map((c) => c.id),
        asOf,
      ).not.toContain("W_STALE_PARAMETER");
      return result.figures.threshold;
    };
    expect(await threshold("2023-06-30")).toBe("8050.00");
    expect(await threshold("2023-12-31")).toBe("8050.00");
    expect(await threshold("2024-01-01")).toBe("8700.00");
    expect(await threshold("2024-06-30")).toBe("8700.00");
    expect(await threshold("2025-12-31")).toBe("8700.00");
    household.income.periodEnd = "2021-05-31";
    expect(await threshold("2021-06-30", loadRuleSet("rules/cn"))).toBe("6000.00");
  });

  it("screens 2026 on a county overlay's dated threshold, and warns when a value without an end is used in a later year", async () => {
    const county = join(copyRules(), "my-county");
    mkdirSync(county);
    writeFileSync(
      join(county, "ruleset.json"),
      JSON.stringify({ id: "my-county", version: "2026.1", extends: "../yunnan", description: { zh: "本县规则集" } }),
    );
    writeFileSync(
      join(county, "parameters.json"),
      JSON.stringify({
        threshold: {
          merge: "addValues",
          values: [
            { from: "2026-01-01", value: "9100", source: { document: "本县 2026 年认定标准" }, status: "confirmed" },
          ],
        },
      }),
    );
    const ruleSet = loadRuleSet(county);
    const household = contractExample();
    household.income.periodEnd = "2026-05-31";
    const in2026 = await screen(household, { ruleSet, asOf: "2026-06-30" });
    expect(in2026.figures.threshold).toBe("9100.00");
    expect(in2026.checks.map((c) => c.id)).not.toContain("W_STALE_PARAMETER");
    expect((await screen(household, { ruleSet, asOf: "2025-06-30" })).figures.threshold).toBe("8700.00");
    const in2027 = await screen(household, { ruleSet, asOf: "2027-03-31" });
    expect(in2027.figures.threshold).toBe("9100.00");
    expect(in2027.checks.map((c) => c.id)).toContain("W_STALE_PARAMETER");
  });

  it("gives byte-identical results for the same input, and English on request", async () => {
    const ruleSet = loadRuleSet("rules/yunnan");
    const a = JSON.stringify(await screen(contractExample(), { ruleSet, asOf: "2025-06-30", explain: true }));
    const b = JSON.stringify(
      await screen(contractExample(), { ruleSet: loadRuleSet("rules/yunnan"), asOf: "2025-06-30", explain: true }),
    );
    expect(a).toBe(b);
    const english = await screen(contractExample(), { ruleSet, asOf: "2025-06-30", lang: "en" });
    expect(english.riskTypes[0]!.label).toBe("Illness");
    expect(english.reasons[0]).toMatch(/continue/);
  });
});

describe("rule-set errors name the file, the JSON path and the line", () => {
  it("an unknown key", () => {
    const copy = copyRules();
    const file = join(copy, "yunnan/parameters.json");
    editText(file, `"yearly": true,`, `"yearly": true,\n    "yaerly": true,`);
    const problem = loadError(join(copy, "yunnan")).problems[0]!;
    expect(problem).toMatchObject({ path: "/threshold/yaerly", line: lineOf(file, `"yaerly"`) });
    expect(problem.file).toMatch(/yunnan[/\\]parameters\.json$/);
  });

  it("a wrong type", () => {
    const copy = copyRules();
    const file = join(copy, "yunnan/parameters.json");
    editText(file, `"value": "8700"`, `"value": 8700`);
    const problem = loadError(join(copy, "yunnan")).problems[0]!;
    expect(problem).toMatchObject({
      path: "/threshold/values/1/value",
      line: lineOf(file, `"value": 8700`),
      message: expect.stringMatching(/decimal string/),
    });
  });

  it("an unknown fact and an unknown operator", () => {
    const copy = copyRules();
    const file = join(copy, "cn/rules/assessment.json");
    editText(file, `"fact": "eventCount"`, `"fact": "eventTotal"`);
    editText(file, `"operator": "decimalGreaterThanInclusive"`, `"operator": "decimalAtLeast"`);
    const problems = loadError(join(copy, "yunnan")).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: expect.stringContaining(`unknown fact "eventTotal"`),
          line: lineOf(file, `"eventTotal"`),
        }),
        expect.objectContaining({
          message: expect.stringContaining(`unknown operator "decimalAtLeast"`),
          line: lineOf(file, `"decimalAtLeast"`),
        }),
      ]),
    );
  });

  it("bad references: a parameter, a measure, a fact param", () => {
    const copy = copyRules();
    const file = join(copy, "cn/rules/plan.json");
    editText(file, `"measure": "housing.renovation"`, `"measure": "housing.rebuild"`);
    editText(join(copy, "cn/rules/assessment.json"), `"param": "riskWindowMonths"`, `"param": "riskWindow"`);
    editText(join(copy, "cn/rules/assessment.json"), `"illness": [`, `"sickness": [`);
    const messages = loadError(join(copy, "cn")).problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`unknown measure "housing.rebuild"`),
        expect.stringContaining(`unknown parameter "riskWindow"`),
        expect.stringContaining(`takes no param "sickness"`),
      ]),
    );
  });

  it("malformed JSON reports the position of the syntax error", () => {
    const copy = copyRules();
    const file = join(copy, "yunnan/ruleset.json");
    editText(file, `"version": "2026.2",`, `"version": "2026.2"`);
    const error = loadError(join(copy, "yunnan"));
    expect(error.code).toBe("E_RULESET_JSON");
    // jsonc-parser finds the missing comma at the next token; the problem names the line it belongs at.
    const line = lineOf(file, `"version"`);
    expect(error.problems[0]).toMatchObject({
      line,
      message: expect.stringMatching(
        new RegExp(
          `invalid JSON: missing comma at the end of line ${line} \\(the next item starts at line ${lineOf(file, `"extends"`)}, column \\d+\\)`,
        ),
      ),
    });
    expect(loadError(join(copy, "yunnan"), "zh").problems[0]).toMatchObject({
      line,
      message: expect.stringContaining(`JSON 语法错误：第 ${line} 行末尾缺少逗号`),
    });
  });

  it("extends that do not exist, or form a cycle", () => {
    const copy = copyRules();
    editJson(join(copy, "yunnan/ruleset.json"), (m) => {
      m.extends = "../nowhere";
    });
    expect(loadError(join(copy, "yunnan")).code).toBe("E_RULESET_NOT_FOUND");
    editJson(join(copy, "yunnan/ruleset.json"), (m) => {
      m.extends = "../cn";
    });
    editJson(join(copy, "cn/ruleset.json"), (m) => {
      m.extends = "../yunnan";
    });
    expect(loadError(join(copy, "yunnan")).code).toBe("E_RULESET_CYCLE");
  });

  it("a child may disable an inherited rule with a reason, and not one it does not inherit", async () => {
    const copy = copyRules();
    const rulesDir = join(copy, "yunnan/rules");
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(rulesDir);
    writeFileSync(
      join(rulesDir, "checks.json"),
      JSON.stringify({
        stage: "checks",
        rules: [{ id: "check.staleIncomeData", disabled: true, reason: "县里按季度更新收入" }],
      }),
    );
    const ruleSet = loadRuleSet(join(copy, "yunnan"));
    expect(ruleSet.rules.map((r) => r.id)).not.toContain("check.staleIncomeData");
    expect(ruleSet.disabled).toEqual([
      { kind: "rule", id: "check.staleIncomeData", reason: "县里按季度更新收入", by: "yunnan" },
    ]);
    writeFileSync(
      join(rulesDir, "checks.json"),
      JSON.stringify({ stage: "checks", rules: [{ id: "check.nothing", disabled: true, reason: "x" }] }),
    );
    expect(loadError(join(copy, "yunnan")).problems[0]!.message).toMatch(/cannot disable rule "check.nothing"/);
  });
});

describe("more rule-set errors with exact lines", () => {
  it("an unknown parameter reference points at its own line", () => {
    const copy = copyRules();
    const file = join(copy, "cn/rules/flag.json");
    editText(file, `"param": "eliminationMinMonths"`, `"param": "eliminationMonths"`);
    const problem = loadError(join(copy, "cn")).problems[0]!;
    expect(problem).toMatchObject({
      line: lineOf(file, `"eliminationMonths"`),
      message: `unknown parameter "eliminationMonths"; did you mean "eliminationMinMonths"?`,
    });
    expect(problem.path).toMatch(/\/value\/param$/);
  });

  it("parameter values out of order or overlapping", () => {
    const copy = copyRules();
    editJson(join(copy, "yunnan/parameters.json"), (p) => {
      p.threshold.values.reverse();
    });
    expect(loadError(join(copy, "yunnan")).problems[0]!.message).toMatch(/in order of "from"/);
    editJson(join(copy, "yunnan/parameters.json"), (p) => {
      p.threshold.values.reverse();
      p.threshold.values[0].until = "2025-03-01";
    });
    expect(loadError(join(copy, "yunnan")).problems[0]!.message).toMatch(/overlaps the next value/);
  });

  it("a misspelt key inside a parameter is worded in the reader's language, with a suggestion", () => {
    const copy = copyRules();
    editJson(join(copy, "yunnan/parameters.json"), (p) => {
      p.threshold.valuez = p.threshold.values;
    });
    expect(loadError(join(copy, "yunnan")).problems.map((p) => `${p.path} ${p.message}`)).toEqual([
      '/threshold/valuez unknown field: "valuez"; did you mean "values"?',
    ]);
    expect(loadError(join(copy, "yunnan"), "zh").problems.map((p) => `${p.path} ${p.message}`)).toEqual([
      '/threshold/valuez 未知字段："valuez"；你是否想写 "values"？',
    ]);
  });

  it('a missing extends points at the line of "extends"', () => {
    const copy = copyRules();
    const file = join(copy, "yunnan/ruleset.json");
    editText(file, `"extends": "../cn"`, `"extends": "../china"`);
    const problem = loadError(join(copy, "yunnan")).problems[0]!;
    expect(problem).toMatchObject({ path: "/extends", line: lineOf(file, `"extends"`) });
  });

  it("a label missing in Chinese, a duplicate id, a stage that cannot produce an event", () => {
    const copy = copyRules();
    editJson(join(copy, "cn/measures.json"), (m) => {
      delete m.measures[0].label.zh;
    });
    expect(loadError(join(copy, "cn")).problems.map((p) => `${p.path} ${p.message}`)).toEqual([
      "/measures/0/label/zh required field is missing",
    ]);
    editJson(join(copy, "cn/measures.json"), (m) => {
      m.measures[0].label.zh = "产业帮扶";
      m.measures[2].id = m.measures[1].id;
    });
    expect(loadError(join(copy, "cn")).problems[0]!.message).toMatch(/duplicate id "employment.services"/);
    editJson(join(copy, "cn/measures.json"), (m) => {
      m.measures[2].id = "employment.skillsTraining";
    });
    editJson(join(copy, "cn/rules/checks.json"), (c) => {
      c.rules[0].event = { type: "measure", params: { measure: "industry.support" } };
    });
    expect(loadError(join(copy, "cn")).problems[0]!.message).toMatch(/cannot come from the checks stage/);
  });

  it("a misspelt key deep inside a condition is named with its own line", () => {
    const copy = copyRules();
    const file = join(copy, "cn/rules/assessment.json");
    editText(
      file,
      `"fact": "memberCount",\n            "params": {\n              "disabilityLevel": [\n                1,`,
      `"fcat": "memberCount",\n            "params": {\n              "disabilityLevel": [\n                1,`,
    );
    const problems = loadError(join(copy, "cn")).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: lineOf(file, `"fcat"`),
          message: `unknown field: "fcat"; did you mean "fact"?`,
          path: expect.stringMatching(/\/rules\/\d+\/conditions\/any\/0\/fcat$/),
        }),
      ]),
    );
  });

  it("unsafe condition paths are refused", () => {
    const copy = copyRules();
    editJson(join(copy, "cn/rules/checks.json"), (c) => {
      c.rules[0].conditions.all[0].path = "$..[?(@.constructor)]";
    });
    expect(loadError(join(copy, "cn")).problems[0]!.message).toMatch(/only plain paths/);
  });
});
