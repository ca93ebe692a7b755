import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyOverrides,
  DixianError,
  loadBuiltInRuleSet,
  loadRuleSet,
  parseOverrideList,
  screen,
} from "../src/index.js";
import { generateHouseholds } from "../src/population/generate-households.js";
import { copyRules, editJson, editText, lineOf, loadError } from "./support/rule-set-copy.js";
import { runCliCaptured } from "./support/run-cli.js";

const UNTIL_2025 = "test/fixtures/rule-sets/threshold-until-2025";
const household = [...generateHouseholds({ households: 1, seed: 9, asOf: "2025-06-30", referenceIncome: 8700 })][0]!;
const householdFile = (() => {
  const copy = copyRules();
  const file = join(copy, "..", "household.json");
  writeFileSync(file, JSON.stringify(household));
  return file;
})();
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at [\w.<]/);

describe("--set NAME=VALUE", () => {
  it("screen: --set threshold=9000 gives figures.threshold 9000.00, a different hash and ruleSet.overrides", async () => {
    const plain = await runCliCaptured([
      "screen",
      "--quiet",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      householdFile,
    ]);
    const set = await runCliCaptured([
      "screen",
      "--quiet",
      "--workers",
      "2",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--set",
      "threshold=9000",
      householdFile,
    ]);
    expect(set.code).toBe(0);
    const before = JSON.parse(plain.stdout);
    const after = JSON.parse(set.stdout);
    expect(after.figures.threshold).toBe("9000.00");
    expect(after.ruleSet.overrides).toEqual({ threshold: "9000" });
    expect(after.ruleSet.hash).not.toBe(before.ruleSet.hash);
    expect(before.ruleSet).not.toHaveProperty("overrides");
    // The override is in force on every date, so a yearly value is never stale.
    expect(after.checks.map((c: { id: string }) => c.id)).not.toContain("W_STALE_PARAMETER");
  });

  it("is repeatable, and checks each value like the parameter's own", async () => {
    const ok = await runCliCaptured([
      "screen",
      "--quiet",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--set",
      "threshold=9000.5",
      "--set",
      "riskWindowMonths=6",
      householdFile,
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ruleSet.overrides).toEqual({ riskWindowMonths: "6", threshold: "9000.5" });
    for (const [set, pattern] of [
      ["nosuch=1", /E_PARAMETER_OVERRIDE: nosuch: rule set "yunnan" has no parameter "nosuch"/],
      ["threshold=abc", /E_PARAMETER_OVERRIDE: threshold: parameter "threshold" takes money.*not "abc"/],
      ["threshold=1.234", /parameter "threshold" takes money/],
      ["riskWindowMonths=6.5", /parameter "riskWindowMonths" takes a whole number, not "6.5"/],
      ["warningBandMultiplier=x", /parameter "warningBandMultiplier" takes a ratio/],
      ["threshold", /E_USAGE: --set takes NAME=VALUE/],
    ] as const) {
      const { code, stdout, stderr } = await runCliCaptured([
        "screen",
        "--quiet",
        "--lang",
        "en",
        "--rules",
        "rules/yunnan",
        "--as-of",
        "2025-06-30",
        "--set",
        set,
        householdFile,
      ]);
      expect(code, set).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(pattern);
      noStackTrace(stderr);
    }
    // Chinese by default, with the same information.
    const zh = await runCliCaptured([
      "screen",
      "--quiet",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--set",
      "riskWindowMonths=6.5",
      householdFile,
    ]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/E_PARAMETER_OVERRIDE: riskWindowMonths: .*"6\.5"/);
    expect(zh.stderr).not.toMatch(/takes a whole number/);
  });

  it("explain shows the override and the threshold it gives", async () => {
    const { code, stdout } = await runCliCaptured([
      "explain",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--set",
      "threshold=9000",
      "--lang",
      "en",
      householdFile,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Overridden parameters .*: threshold=9000/);
    expect(stdout).toMatch(/Threshold T: 9000\.00/);
    const bad = await runCliCaptured([
      "explain",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--set",
      "nosuch=1",
      householdFile,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nosuch/);
  });

  it("diff: --set-b gives a what-if against the shipped set; --set applies to both", async () => {
    const population = [...generateHouseholds({ households: 200, seed: 4, asOf: "2025-06-30", referenceIncome: 8700 })];
    const copy = copyRules();
    const file = join(copy, "..", "population.ndjson");
    writeFileSync(file, population.map((h) => JSON.stringify(h)).join("\n") + "\n");
    const whatIf = await runCliCaptured([
      "diff",
      file,
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--set-b",
      "threshold=9500",
      "--json",
    ]);
    expect(whatIf.code).toBe(0);
    const diff = JSON.parse(whatIf.stdout);
    expect(diff.flagChanged.length).toBeGreaterThan(0);
    expect(
      diff.flagChanged.every(
        (h: { after: { figures: { threshold: string } } }) => h.after.figures.threshold === "9500.00",
      ),
    ).toBe(true);
    expect(diff.a).not.toHaveProperty("overrides");
    expect(diff.b.overrides).toEqual({ threshold: "9500" });
    const both = await runCliCaptured([
      "diff",
      file,
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--set",
      "threshold=9500",
      "--json",
    ]);
    expect(JSON.parse(both.stdout).flagChanged).toEqual([]);
    const bad = await runCliCaptured([
      "diff",
      file,
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--set-b",
      "threshold=abc",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/threshold.*abc/);
    noStackTrace(bad.stderr);
  });

  it("test: --set applies to the rule sets the tests load", async () => {
    const plain = await runCliCaptured(["test", "rules/yunnan"]);
    expect(plain.code).toBe(0);
    const set = await runCliCaptured(["test", "--lang", "en", "--set", "threshold=100000", "rules/yunnan"]);
    expect(set.code).toBe(1);
    expect(set.stdout).toMatch(/FAIL .*\n\s+figures\.threshold\n\s+expected: 8050\.00\n\s+actual:\s+100000\.00/);
    const bad = await runCliCaptured(["test", "--set", "nosuch=1", "rules/yunnan"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nosuch/);
  });

  it("API: loadRuleSet/loadBuiltInRuleSet take overrides, applyOverrides returns a new rule set", async () => {
    const yunnan = loadBuiltInRuleSet("yunnan");
    const whatIf = loadBuiltInRuleSet("yunnan", { overrides: { threshold: "9000" } });
    expect(applyOverrides(yunnan, { threshold: "9000" }).hash).toBe(whatIf.hash);
    expect(loadRuleSet("rules/yunnan", { overrides: { threshold: "9000" } }).hash).toBe(whatIf.hash);
    expect(applyOverrides(yunnan, { threshold: "9001" }).hash).not.toBe(whatIf.hash);
    expect(yunnan.overrides).toBeUndefined();
    const result = await screen(household, { ruleSet: whatIf, asOf: "2025-06-30" });
    expect(result.ruleSet.overrides).toEqual({ threshold: "9000" });
    expect(result.figures.threshold).toBe("9000.00");
    expect(() => applyOverrides(yunnan, { nosuch: "1" })).toThrow(DixianError);
    expect(parseOverrideList(["a=1", "b=x=y"])).toEqual({ a: "1", b: "x=y" });
    expect(() => parseOverrideList(["a=1", "a=2"], "--set", "en")).toThrow(/given twice/);
    expect(() => parseOverrideList(["=1"], "--set", "en")).toThrow(/NAME=VALUE/);
    expect(() => parseOverrideList(["a=1", "a=2"])).toThrow(/给了两次/);
    expect(() => parseOverrideList(["=1"])).toThrow(/参数名=取值/);
  });

  it("supplies a value the rule set lacks on a date", async () => {
    const missing = await runCliCaptured([
      "screen",
      "--quiet",
      "--rules",
      UNTIL_2025,
      "--as-of",
      "2026-06-30",
      householdFile,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("E_NO_PARAMETER_IN_FORCE");
    // It names the parameter, the date, the file where a value belongs and both ways to supply one, in Chinese (default) and English.
    expect(missing.stderr).toContain(`参数 threshold 在 2026-06-30 没有生效的取值`);
    expect(missing.stderr).toContain(`${UNTIL_2025}/parameters.json`);
    expect(missing.stderr).toMatch(/县级规则集.*--set threshold=取值/);
    noStackTrace(missing.stderr);
    const english = await runCliCaptured([
      "screen",
      "--quiet",
      "--lang",
      "en",
      "--rules",
      UNTIL_2025,
      "--as-of",
      "2026-06-30",
      householdFile,
    ]);
    expect(english.code).toBe(2);
    expect(english.stderr).toContain("E_NO_PARAMETER_IN_FORCE");
    expect(english.stderr).toContain(`${UNTIL_2025}/parameters.json`);
    expect(english.stderr).toMatch(
      /parameter "threshold" in force on 2026-06-30.*county overlay.*--set threshold=VALUE/,
    );
    noStackTrace(english.stderr);
    const supplied = await runCliCaptured([
      "screen",
      "--quiet",
      "--rules",
      UNTIL_2025,
      "--as-of",
      "2026-06-30",
      "--set",
      "threshold=9100",
      householdFile,
    ]);
    expect(supplied.code).toBe(0);
    expect(JSON.parse(supplied.stdout).figures.threshold).toBe("9100.00");
  });
});

describe("validate --as-of", () => {
  it("fails when a parameter the rules use has no value in force, naming it and its file", async () => {
    const { code, stdout, stderr } = await runCliCaptured([
      "validate",
      "--lang",
      "en",
      "--as-of",
      "2026-06-30",
      UNTIL_2025,
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const file = `${UNTIL_2025}/parameters.json`;
    expect(stderr).toContain(
      `${file}:${lineOf(file, `"threshold"`)}:3 /threshold: parameter "threshold" has no value in force on 2026-06-30`,
    );
    expect(stderr).toContain(`--set threshold=VALUE`);
  });

  it("rules/yunnan without a 2026 line: fails on 2026-06-30 naming threshold and rules/yunnan/parameters.json, passes on 2025-06-30", async () => {
    const copy = copyRules();
    const file = join(copy, "yunnan/parameters.json");
    editJson(file, (parameters) => {
      const values = parameters.threshold.values as { from: string; until?: string }[];
      for (const value of values) value.until ??= `${value.from.slice(0, 4)}-12-31`;
      parameters.threshold.values = values.filter((value) => value.from < "2026-01-01");
    });
    const failing = await runCliCaptured(["validate", "--lang", "en", "--as-of", "2026-06-30", join(copy, "yunnan")]);
    expect(failing.code).toBe(2);
    expect(failing.stderr).toMatch(
      /yunnan\/parameters\.json:\d+:\d+ \/threshold: parameter "threshold" has no value in force on 2026-06-30.*yunnan\/parameters\.json/,
    );
    expect((await runCliCaptured(["validate", "--as-of", "2025-06-30", join(copy, "yunnan")])).code).toBe(0);
  });

  it("passes on a date with a value in force, and with --set", async () => {
    expect((await runCliCaptured(["validate", "--as-of", "2025-06-30", UNTIL_2025])).code).toBe(0);
    expect(
      (await runCliCaptured(["validate", "--as-of", "2026-06-30", "--set", "threshold=9100", UNTIL_2025])).code,
    ).toBe(0);
    expect((await runCliCaptured(["validate", "--as-of", "2025-06-30", "rules/yunnan"])).code).toBe(0);
  });
});

describe("money-safe operators", () => {
  it("a rule comparing perCapitaNetIncome with lessThan fails validate with its file, line and the decimal operator", async () => {
    const copy = copyRules();
    const file = join(copy, "cn/rules/flag.json");
    editText(
      file,
      `"fact": "perCapitaNetIncome",\n            "operator": "decimalGreaterThan"`,
      `"fact": "perCapitaNetIncome",\n            "operator": "greaterThan"`,
    );
    const line = lineOf(file, `"operator": "greaterThan"`);
    const { code, stderr } = await runCliCaptured(["validate", "--lang", "en", join(copy, "yunnan")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(
        `cn/rules/flag\\.json:${line}:\\d+ /rules/\\d+/conditions/\\w+/\\d+/operator: operator "greaterThan" .*fact "perCapitaNetIncome" is an exact decimal: use "decimalGreaterThan"`,
      ),
    );
  });

  it("rejects a numeric string, a money parameter and a ratio fact; allows counts and null checks", () => {
    const copy = copyRules();
    mkdirSync(join(copy, "yunnan/rules"), { recursive: true });
    const file = join(copy, "yunnan/rules/extra.json");
    const rule = (id: string, condition: object) => ({
      id,
      label: { zh: id },
      conditions: { all: [condition] },
      event: { type: "check", params: { severity: "info" } },
    });
    writeFileSync(
      file,
      JSON.stringify(
        {
          stage: "checks",
          rules: [
            rule("numericString", { fact: "householdSize", operator: "lessThan", value: "3" }),
            rule("moneyParameter", {
              fact: "householdSize",
              operator: "lessThanInclusive",
              value: { param: "threshold" },
            }),
            rule("ratioFact", {
              fact: "spendingShare",
              params: { kind: "medical" },
              operator: "greaterThanInclusive",
              value: 0.25,
            }),
            rule("moneyFact", { fact: "income", params: { component: "wage" }, operator: "equal", value: 0 }),
            rule("countIsFine", { fact: "householdSize", operator: "lessThan", value: 3 }),
            rule("nullIsFine", {
              fact: "previousIncome",
              params: { component: "wage" },
              operator: "equal",
              value: null,
            }),
          ],
        },
        null,
        2,
      ),
    );
    const problems = loadError(join(copy, "yunnan")).problems.filter((p) => p.file.endsWith("extra.json"));
    expect(problems.map((p) => [p.path, p.message.match(/use "(\w+)"/)?.[1]])).toEqual([
      ["/rules/0/conditions/all/0/operator", "decimalLessThan"],
      ["/rules/1/conditions/all/0/operator", "decimalLessThanInclusive"],
      ["/rules/2/conditions/all/0/operator", "decimalGreaterThanInclusive"],
      ["/rules/3/conditions/all/0/operator", "decimalEqual"],
    ]);
    expect(problems[0]!.line).toBe(lineOf(file, `"operator": "lessThan"`));
  });
});
