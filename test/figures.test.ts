import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DixianError, loadRuleSet, screen, type ScreeningResult } from "../src/index.js";
import { generateHouseholds } from "../src/population/generate-households.js";
import { copyRules, editJson, lineOf, loadError } from "./support/rule-set-copy.js";
import { referenceScreen } from "./support/reference-policy.js";
import { runCliCaptured } from "./support/run-cli.js";

const NO_TRANSFER = "test/fixtures/rule-sets/no-transfer";
const AS_OF = "2025-06-30";

/** Yuan text → fen. */
function fen(value: string | undefined): bigint {
  if (value === undefined) return 0n;
  const [whole, part = ""] = value.replace("-", "").split(".");
  const magnitude = BigInt(whole!) * 100n + BigInt((part + "00").slice(0, 2));
  return value.startsWith("-") ? -magnitude : magnitude;
}

/** A quotient of fen shown as yuan, rounded half-up (away from zero) to two places, as docs/policy.md#s3-1 says. */
function shown(totalFen: bigint, members: number): string {
  const size = BigInt(members);
  const negative = totalFen < 0n;
  const magnitude = negative ? -totalFen : totalFen;
  const rounded = (2n * magnitude + size) / (2n * size);
  const text = `${rounded / 100n}.${String(rounded % 100n).padStart(2, "0")}`;
  return negative && rounded !== 0n ? `-${text}` : text;
}

describe("figures as rule-set data: an overlay that leaves transfer income out", () => {
  const yunnan = loadRuleSet("rules/yunnan");
  const noTransfer = loadRuleSet(NO_TRANSFER);
  const population = [...generateHouseholds({ households: 600, seed: 12, asOf: AS_OF, referenceIncome: 8700 })];

  it("changes flags and figures exactly as recomputing the household by hand predicts", async () => {
    let changedFlags = 0;
    let changedFigures = 0;
    for (const household of population) {
      const before = await screen(household, { ruleSet: yunnan, asOf: AS_OF });
      const after = await screen(household, { ruleSet: noTransfer, asOf: AS_OF });
      const income = household.income as Record<string, string | undefined>;
      const expenses = (household.expenses ?? {}) as Record<string, string | undefined>;
      const members = household.members.length;
      // By hand: net income without transfer, and the adjusted total built on it.
      const net = fen(income.wage) + fen(income.business) + fen(income.property) - fen(income.productionCost);
      const adjusted =
        net + fen(income.insurancePayout) - fen(expenses.medical) - fen(expenses.education) - fen(expenses.other);
      expect(after.figures).toEqual({
        threshold: "8700.00",
        perCapitaNetIncome: shown(net, members),
        adjustedPerCapitaIncome: shown(adjusted, members),
      });
      // The flag an independent implementation of the default semantics (docs/policy.md#s3-4) gives the household once its transfer income is not counted.
      const expected = referenceScreen(
        { ...household, income: { ...household.income, transfer: "0" } },
        AS_OF,
        870000n,
      );
      expect({
        flag: after.flag,
        category: after.category,
        riskTypes: after.riskTypes.map((r) => r.id).sort(),
      }).toEqual({ flag: expected.flag, category: expected.category, riskTypes: expected.riskTypes });
      if (after.flag !== before.flag) changedFlags++;
      if (after.figures.perCapitaNetIncome !== before.figures.perCapitaNetIncome) changedFigures++;
    }
    // The overlay matters on this population: the test would catch a definition that was ignored.
    expect(changedFlags).toBeGreaterThan(10);
    expect(changedFigures).toBeGreaterThan(300);
  });

  it("gives every household the result the shipped set gives it with transfer income zero (reasons included)", async () => {
    const strip = (result: ScreeningResult) => ({ ...result, ruleSet: null });
    for (const household of population.slice(0, 150)) {
      const after = await screen(household, { ruleSet: noTransfer, asOf: AS_OF, explain: true });
      const zeroed = await screen(
        { ...household, income: { ...household.income, transfer: "0" } },
        { ruleSet: yunnan, asOf: AS_OF, explain: true },
      );
      expect(strip(after)).toEqual(strip(zeroed));
    }
  });

  it("inherits every other definition and changes the hash", () => {
    expect(noTransfer.figures.householdNetIncome!.variants).toEqual([
      { add: ["income.wage", "income.business", "income.property"], subtract: ["income.productionCost"] },
    ]);
    expect(noTransfer.figures.perCapitaNetIncome).toEqual(yunnan.figures.perCapitaNetIncome);
    expect(noTransfer.figures.adjustedNetIncome).toEqual(yunnan.figures.adjustedNetIncome);
    expect(noTransfer.hash).not.toBe(yunnan.hash);
  });
});

describe("shipped figure definitions", () => {
  it("cn defines exactly the four figures of the contract", () => {
    const cn = loadRuleSet("rules/cn");
    expect(cn.figures).toEqual({
      householdNetIncome: {
        variants: [
          {
            add: ["income.wage", "income.business", "income.property", "income.transfer"],
            subtract: ["income.productionCost"],
          },
        ],
      },
      adjustedNetIncome: {
        variants: [
          {
            add: ["householdNetIncome", "income.insurancePayout"],
            subtract: ["expenses.medical", "expenses.education", "expenses.other"],
          },
        ],
      },
      perCapitaNetIncome: { variants: [{ perMember: "householdNetIncome" }] },
      adjustedPerCapitaIncome: { variants: [{ perMember: "adjustedNetIncome" }] },
    });
  });
});

describe("dated figure definitions", () => {
  it("use the definition in force on the as-of date", async () => {
    const copy = copyRules();
    writeFileSync(
      join(copy, "yunnan/figures.json"),
      JSON.stringify({
        householdNetIncome: {
          values: [
            {
              from: "2021-01-01",
              until: "2025-12-31",
              add: ["income.wage", "income.business", "income.property", "income.transfer"],
              subtract: ["income.productionCost"],
            },
            {
              from: "2026-01-01",
              add: ["income.wage", "income.business", "income.property"],
              subtract: ["income.productionCost"],
            },
          ],
        },
      }),
    );
    // No 2026 threshold is shipped: supply one, so only the figures decide.
    const ruleSet = loadRuleSet(join(copy, "yunnan"), { overrides: { threshold: "8700" } });
    const household = [...generateHouseholds({ households: 1, seed: 5, asOf: AS_OF, referenceIncome: 8700 })][0]!;
    household.income = {
      ...household.income,
      wage: "9000",
      business: "0",
      property: "0",
      transfer: "3000",
      productionCost: "0",
    };
    household.members = household.members.slice(0, 1);
    expect((await screen(household, { ruleSet, asOf: "2025-06-30" })).figures.perCapitaNetIncome).toBe("12000.00");
    expect((await screen(household, { ruleSet, asOf: "2026-06-30" })).figures.perCapitaNetIncome).toBe("9000.00");
  });

  it("fail to screen on a date with no definition in force, naming the figure", async () => {
    const copy = copyRules();
    writeFileSync(
      join(copy, "yunnan/figures.json"),
      JSON.stringify({
        householdNetIncome: { values: [{ from: "2021-01-01", until: "2025-12-31", add: ["income.wage"] }] },
      }),
    );
    const ruleSet = loadRuleSet(join(copy, "yunnan"), { overrides: { threshold: "8700" } });
    const household = [...generateHouseholds({ households: 1, seed: 5, asOf: AS_OF, referenceIncome: 8700 })][0]!;
    await expect(screen(household, { ruleSet, asOf: "2026-06-30" })).rejects.toMatchObject({
      code: "E_NO_FIGURE_IN_FORCE",
      message: expect.stringContaining('"householdNetIncome"'),
    });
    const { code, stderr } = await runCliCaptured([
      "validate",
      "--lang",
      "en",
      "--as-of",
      "2026-06-30",
      "--set",
      "threshold=8700",
      join(copy, "yunnan"),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /yunnan\/figures\.json:\d+:\d+ \/householdNetIncome: no definition of figure "householdNetIncome" in force on 2026-06-30/,
    );
    const zh = await runCliCaptured([
      "validate",
      "--as-of",
      "2026-06-30",
      "--set",
      "threshold=8700",
      join(copy, "yunnan"),
    ]);
    expect(zh.stderr).toMatch(
      /yunnan\/figures\.json:\d+:\d+ \/householdNetIncome：指标 "householdNetIncome" 在 2026-06-30 没有生效的定义/,
    );
    await expect(screen(household, { ruleSet, asOf: "2026-06-30", lang: "en" })).rejects.toThrow(
      /has no definition of figure "householdNetIncome", which figure "perCapitaNetIncome" reads, in force on 2026-06-30: add one dated for 2026-06-30 in .*yunnan\/figures\.json/,
    );
  });
});

describe("figure definition errors name file, line and JSON path", () => {
  const withFigures = (figures: string) => {
    const copy = copyRules();
    const file = join(copy, "yunnan/figures.json");
    writeFileSync(file, figures);
    return { dir: join(copy, "yunnan"), file };
  };

  it("an unknown input field", () => {
    const { dir, file } = withFigures(
      `{\n  "householdNetIncome": {\n    "add": ["income.wage",\n            "income.wages"]\n  }\n}\n`,
    );
    const problem = loadError(dir).problems.find((p) => p.message.includes("income.wages"))!;
    expect(problem).toMatchObject({
      file: expect.stringMatching(/yunnan\/figures\.json$/),
      path: "/householdNetIncome/add/1",
      line: lineOf(file, `"income.wages"`),
    });
    expect(problem.message).toMatch(/unknown field "income\.wages"/);
  });

  it("an unknown figure", () => {
    const { dir, file } = withFigures(
      `{\n  "adjustedNetIncome": {\n    "add": ["householdNetIncom", "income.insurancePayout"]\n  }\n}\n`,
    );
    const problem = loadError(dir).problems.find((p) => p.message.includes('householdNetIncom"'))!;
    expect(problem).toMatchObject({
      path: "/adjustedNetIncome/add/0",
      line: lineOf(file, `"householdNetIncom"`),
      message: expect.stringMatching(/unknown figure "householdNetIncom"/),
    });
  });

  it("a cycle", () => {
    const { dir, file } = withFigures(`{\n  "householdNetIncome": { "add": ["adjustedNetIncome"] }\n}\n`);
    const problems = loadError(dir).problems.filter((p) => /reads itself/.test(p.message));
    expect(problems.map((p) => p.path).sort()).toEqual(["/adjustedNetIncome", "/householdNetIncome"]);
    expect(problems.find((p) => p.path === "/householdNetIncome")).toMatchObject({
      line: lineOf(file, `"householdNetIncome"`),
      message: expect.stringContaining("householdNetIncome → adjustedNetIncome → householdNetIncome"),
    });
  });

  it("a figure that reads itself directly", () => {
    const { dir } = withFigures(
      JSON.stringify({ householdNetIncome: { add: ["income.wage"], subtract: ["householdNetIncome"] } }),
    );
    expect(
      loadError(dir)
        .problems.filter((p) => /reads itself/.test(p.message))
        .map((p) => `${p.path}: ${p.message}`),
    ).toEqual([
      '/householdNetIncome: figure "householdNetIncome" reads itself: householdNetIncome → householdNetIncome',
    ]);
  });

  it("a figure used by a rule but never defined", () => {
    const copy = copyRules();
    const file = join(copy, "yunnan/rules/extra.json");
    mkdirSync(join(copy, "yunnan/rules"), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify(
        {
          stage: "checks",
          rules: [
            {
              id: "check.dibaoIncome",
              label: { zh: "测试" },
              conditions: {
                all: [{ fact: "figure", params: { id: "dibaoIncome" }, operator: "decimalLessThan", value: "0" }],
              },
              event: { type: "check", params: { severity: "info" } },
            },
          ],
        },
        null,
        2,
      ),
    );
    const problem = loadError(join(copy, "yunnan")).problems.find((p) => p.message.includes("dibaoIncome"))!;
    expect(problem).toMatchObject({
      path: "/rules/0/conditions/all/0/params",
      line: lineOf(file, `"params"`),
      message: expect.stringMatching(/figure "dibaoIncome" is used here but never defined/),
    });
  });

  it("perMember of a field", () => {
    const { dir } = withFigures(JSON.stringify({ perCapitaNetIncome: { perMember: "income.wage" } }));
    expect(loadError(dir).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^\/perCapitaNetIncome\/perMember: perMember divides a figure/),
    ]);
  });

  it("a definition of the wrong shape, or both a sum and perMember", () => {
    const { dir } = withFigures(
      JSON.stringify({
        adjustedNetIncome: { add: "income.wage" },
        perCapitaNetIncome: { perMember: "householdNetIncome", add: ["income.wage"] },
      }),
    );
    const messages = loadError(dir).problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/adjustedNetIncome\/add: .*expected array/),
        expect.stringMatching(/^\/perCapitaNetIncome\/add: unknown field/),
      ]),
    );
    // Words of the rule set's own checks, not zod's, in both languages: the entry is parsed inside the file's check.
    expect(messages).toContain("/adjustedNetIncome/add: expected array, received string");
    const zh = loadError(dir, "zh").problems.map((p) => `${p.path}: ${p.message}`);
    expect(zh).toEqual(
      expect.arrayContaining([
        "/adjustedNetIncome/add: 类型不对：应为数组，实际为文本",
        expect.stringMatching(/^\/perCapitaNetIncome\/add: 未知字段："add"/),
      ]),
    );
  });

  it("validate reports them with exit 2", async () => {
    const { dir } = withFigures(`{ "householdNetIncome": { "add": ["expenses.rent"] } }`);
    const { code, stderr } = await runCliCaptured(["validate", "--lang", "en", dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/figures\.json:1:\d+ \/householdNetIncome\/add\/0: unknown field "expenses\.rent"/);
    const zh = await runCliCaptured(["validate", dir]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/figures\.json:1:\d+ \/householdNetIncome\/add\/0：未知的字段 "expenses\.rent"/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("files the loader does not know", () => {
  it("are errors that name the file, in the rule-set directory and in rules/", () => {
    const copy = copyRules();
    writeFileSync(join(copy, "yunnan/parameter.json"), "{}");
    writeFileSync(join(copy, "cn/rules/flag.json.bak"), "{}");
    writeFileSync(join(copy, "cn/.DS_Store"), "");
    const error = loadError(join(copy, "yunnan"));
    expect(error).toBeInstanceOf(DixianError);
    const files = error.problems.map((p) => p.file);
    expect(files).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/yunnan\/parameter\.json$/),
        expect.stringMatching(/cn\/rules\/flag\.json\.bak$/),
      ]),
    );
    expect(files.some((f) => f.endsWith(".DS_Store"))).toBe(false);
    expect(error.problems.find((p) => p.file.endsWith("parameter.json"))!.message).toMatch(/unknown file/);
  });

  it("leave the shipped rule sets loading", () => {
    for (const dir of ["rules/cn", "rules/yunnan", "rules/examples/xundian-lianhe"])
      expect(() => loadRuleSet(dir)).not.toThrow();
  });
});

describe("figures in results", () => {
  it("report exact quotients rounded half-up for display", async () => {
    const household = [...generateHouseholds({ households: 1, seed: 5, asOf: AS_OF, referenceIncome: 8700 })][0]!;
    household.members = household.members.slice(0, 1).concat(
      household.members.slice(0, 1).map((m) => ({ ...m, id: "M2", relation: "spouse" as const })),
      household.members.slice(0, 1).map((m) => ({ ...m, id: "M3", relation: "child" as const })),
    );
    household.income = {
      ...household.income,
      wage: "100",
      business: "0",
      property: "0",
      transfer: "0",
      productionCost: "0",
    };
    const result = await screen(household, { ruleSet: loadRuleSet("rules/yunnan"), asOf: AS_OF });
    expect(result.figures.perCapitaNetIncome).toBe("33.33");
  });

  it("editJson keeps figures.json valid for later edits", () => {
    const copy = copyRules();
    editJson(join(copy, "cn/figures.json"), (figures) => {
      figures.perCapitaNetIncome = { perMember: "adjustedNetIncome" };
    });
    expect(loadRuleSet(join(copy, "yunnan")).figures.perCapitaNetIncome!.variants).toEqual([
      { perMember: "adjustedNetIncome" },
    ]);
  });
});
