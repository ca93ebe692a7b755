import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyOverrides, loadRuleSet, screen, type ScreeningResult } from "../src/index.js";
import { explanationText } from "../src/results/explain-text.js";
import { arbitraryHousehold } from "./support/arbitrary-household.js";
import { referenceScreen, type ReferenceOutcome } from "./support/reference-policy.js";

const yunnan = loadRuleSet("rules/yunnan");
/** A test county overlay on yunnan that sets a 2025 低保 standard of 5400 元 (test/fixtures/yunnan-dibao). */
const yunnanDibao = loadRuleSet("test/fixtures/yunnan-dibao");
/** Yunnan's line by year in fen (docs/policy.md#s3-7); 2026 has none, so it is not screened here. */
const THRESHOLDS: Record<string, bigint> = { "2023": 805000n, "2024": 870000n, "2025": 870000n };
const AS_OF_DATES = ["2023-06-30", "2023-12-31", "2024-06-30", "2025-02-28", "2025-06-30", "2025-12-31"];

/** 特困, 低保 and 低保边缘: at most one is suggested (docs/policy.md §4.4). */
const EXCLUSIVE_ASSISTANCE = ["protection.tekun", "protection.dibao", "protection.dibaoEdge"];

/** The measure rules of docs/policy.md §3.5, as corrected by §4.4, that acceptance checks. */
function measureProblems(result: ScreeningResult, expected: ReferenceOutcome): string[] {
  const problems: string[] = [];
  const planned = result.flag === "identify" || result.flag === "continue";
  const groups = new Set(result.measures.map((m) => m.group));
  const ids = new Set(result.measures.map((m) => m.id));
  const suggested = result.measures.filter((m) => !m.inPlace);
  if (planned && result.measures.length === 0) problems.push("no measure");
  if (
    planned &&
    expected.laborCapable &&
    !expected.tekunSuggestedOrReceived &&
    !result.measures.some((m) => m.kind === "developmental")
  )
    problems.push("no developmental measure");
  // 兜底: every identify/continue household without an ordinary or skilled member that is eligible by income.
  if (planned && expected.protectionDue && !groups.has("100A48")) problems.push("no 100A48 protection");
  for (const id of expected.socialAssistanceMeasures) if (!ids.has(id)) problems.push(`no ${id}`);
  const exclusive = suggested.filter((m) => EXCLUSIVE_ASSISTANCE.includes(m.id)).map((m) => m.id);
  if (exclusive.length > 1) problems.push(`more than one of 特困/低保/低保边缘: ${exclusive.join(", ")}`);
  for (const id of [...exclusive, ...suggested.filter((m) => m.id === "protection.rigidSpending").map((m) => m.id)])
    if (!expected.socialAssistanceMeasures.includes(id)) problems.push(`unexpected ${id}`);
  const developmental = suggested.filter((m) => m.kind === "developmental");
  if (developmental.length > 3) problems.push(`${developmental.length} developmental suggestions`);
  if (expected.tekunSuggestedOrReceived && developmental.length > 0)
    problems.push("developmental measures beside 特困");
  if (result.flag !== "none" && result.flag !== "eliminate") {
    const needs: Record<string, string> = {
      housing: "100A50",
      water: "100A51",
      basicMedical: "100A45",
      compulsoryEducation: "100A46",
    };
    for (const [item, group] of Object.entries(needs)) {
      if (result.guarantees[item as keyof ScreeningResult["guarantees"]] === "problem" && !groups.has(group))
        problems.push(`no ${group} for ${item}`);
    }
  }
  if (result.flag === "none" && suggested.length > 0) problems.push("measures suggested to a none household");
  return problems;
}

/** Sentences a cadre reads must be true (docs/policy.md §4.2). */
function sentenceProblems(result: ScreeningResult): string[] {
  const problems: string[] = [];
  const hasProblem = Object.values(result.guarantees).includes("problem");
  const texts = [
    ...result.reasons,
    ...result.measures.map((m) => m.reason),
    ...result.referrals.map((r) => r.reason),
    ...result.checks.map((c) => c.message),
    ...result.tasks.map((t) => t.reason),
  ];
  for (const text of texts) {
    if (hasProblem && text.includes("无需")) problems.push(`"无需" beside a 3+1 problem: ${text}`);
    if (text.includes("未满足")) problems.push(`"未满足" instead of the failing fact: ${text}`);
    if (/%\s*倍/.test(text) || /\.\d*0%/.test(text)) problems.push(`a share written badly: ${text}`);
    if (/超期|逾期未/.test(text)) problems.push(`overdue not said as 已逾期: ${text}`);
    if (/（未知（/.test(text)) problems.push(`a status nested in a status: ${text}`);
    if (/\{[A-Za-z.]+\}/.test(text)) problems.push(`a placeholder left: ${text}`);
    if (/[A-Za-z]{4,}/.test(text.replace(/\{[^}]*\}/g, ""))) problems.push(`English inside Chinese: ${text}`);
  }
  return problems;
}

function comparable(result: ScreeningResult, expected: ReferenceOutcome) {
  return {
    actual: {
      flag: result.flag,
      category: result.category,
      riskTypes: result.riskTypes.map((r) => r.id).sort(),
      guarantees: result.guarantees,
      tasks: result.tasks.map(({ reason: _reason, ...task }) => task),
      overdueCheck: result.checks.some((check) => check.id === "check.leadOverdue"),
      referrals: result.referrals.map((referral) => referral.department).sort(),
      measureProblems: measureProblems(result, expected),
      sentenceProblems: sentenceProblems(result),
    },
    expected: {
      flag: expected.flag,
      category: expected.category,
      riskTypes: expected.riskTypes,
      guarantees: expected.guarantees,
      tasks: expected.tasks,
      overdueCheck: expected.tasks.some((task) => task.kind === "verify" && task.overdue),
      referrals: expected.referrals,
      measureProblems: [],
      sentenceProblems: [],
    },
  };
}

describe("rules/yunnan agrees with an independent implementation of docs/policy.md §3", () => {
  for (const asOf of AS_OF_DATES) {
    it(`on ${asOf}`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryHousehold(asOf), async (household) => {
          const result = await screen(household, { ruleSet: yunnan, asOf });
          const { actual, expected } = comparable(
            result,
            referenceScreen(household, asOf, { threshold: THRESHOLDS[asOf.slice(0, 4)]! }),
          );
          expect(actual).toEqual(expected);
        }),
        { numRuns: 400, seed: 20251128 },
      );
    });
  }
});

describe("on 2026 dates with a county's line given as --set threshold=9000 (and dibaoStandard=6000)", () => {
  const whatIf = applyOverrides(yunnan, { threshold: "9000", dibaoStandard: "6000" });
  for (const asOf of ["2026-03-31", "2026-06-30"]) {
    it(`on ${asOf}`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryHousehold(asOf), async (household) => {
          const result = await screen(household, { ruleSet: whatIf, asOf });
          const { actual, expected } = comparable(
            result,
            referenceScreen(household, asOf, { threshold: 900000n, dibaoStandard: 600000n }),
          );
          expect(actual).toEqual(expected);
        }),
        { numRuns: 200, seed: 20260331 },
      );
    });
  }
});

describe("with a county 低保 standard (test overlay, 5400 元 in 2025)", () => {
  for (const asOf of ["2025-02-28", "2025-06-30"]) {
    it(`on ${asOf}`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryHousehold(asOf), async (household) => {
          const result = await screen(household, { ruleSet: yunnanDibao, asOf });
          const { actual, expected } = comparable(
            result,
            referenceScreen(household, asOf, { threshold: 870000n, dibaoStandard: 540000n }),
          );
          expect(actual).toEqual(expected);
        }),
        { numRuns: 300, seed: 20251201 },
      );
    });
  }

  it("gives every identify/continue household at or below the standard a 100A48 measure, and none without the standard", async () => {
    let planned = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryHousehold("2025-06-30"), async (household) => {
        const withStandard = await screen(household, { ruleSet: yunnanDibao, asOf: "2025-06-30" });
        const without = await screen(household, { ruleSet: yunnan, asOf: "2025-06-30" });
        const perCapita = Number(withStandard.figures.perCapitaNetIncome);
        if ((withStandard.flag === "identify" || withStandard.flag === "continue") && perCapita < 5399) {
          planned++;
          // 低保, or 特困 instead for a single person (they are exclusive), or already received.
          expect(withStandard.measures.map((m) => m.id)).toEqual(
            expect.arrayContaining([expect.stringMatching(/^protection\.(dibao|tekun)$/)]),
          );
        }
        expect(without.measures.some((m) => m.id === "protection.dibaoEdge" && !m.inPlace)).toBe(false);
      }),
      { numRuns: 200, seed: 7 },
    );
    expect(planned).toBeGreaterThan(0);
  });
});

describe("explanations a rule author or cadre reads (docs/policy.md §4.2)", () => {
  const lianhe = applyOverrides(loadRuleSet("rules/examples/xundian-lianhe"), { dibaoStandard: "5400" });
  /** Words of English inside a Chinese line, leaving out the policy anchors, standards' codes and the project's name. */
  const english = (text: string) =>
    text
      .replace(/docs\/policy\.md#[\w-]+/g, "")
      .replace(/T\/CHES|SDG|dixian|https?:\/\/\S+/g, "")
      .match(/[A-Za-z]{4,}/g) ?? [];

  it("never say 未满足 and name no identifier in a basis or a condition's text", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryHousehold("2025-06-30"), async (household) => {
        const result = await screen(household, { ruleSet: lianhe, asOf: "2025-06-30", explain: true });
        const lines = explanationText(result, lianhe).split("\n");
        const problems: string[] = [];
        for (const line of lines) {
          // The words after " — " are a condition's text; a basis line is the policy it rests on.
          const said = line.includes(" — ")
            ? line.slice(line.indexOf(" — ") + 3)
            : line.trim().startsWith("依据:")
              ? line
              : "";
          if (english(said).length) problems.push(`English in: ${line.trim()}`);
          if (said.includes("未满足")) problems.push(`"未满足" instead of the failing fact: ${line.trim()}`);
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });

  it("describe a condition that was not met by its failing fact", async () => {
    const household = {
      id: "EX-1",
      region: { province: "530000", county: "530129", village: "V01" },
      householdType: "general",
      members: [
        {
          id: "M1",
          birthDate: "1980-01-01",
          sex: "male",
          relation: "head",
          labor: "ordinary",
          illness: "none",
          disabilityLevel: null,
          schooling: "none",
          schoolExempt: false,
          medicalInsurance: "resident",
          socialAssistance: [],
        },
      ],
      income: { wage: "15000", business: "0", property: "0", transfer: "0", productionCost: "0" },
    };
    const result = await screen(household, { ruleSet: yunnan, asOf: "2025-06-30", explain: true });
    const text = explanationText(result, yunnan);
    // N = 15000 > 8700: the identify rules' condition fails and says so, never "不高于".
    expect(text).toContain("✗ all  — 人均纯收入 15000.00 元高于监测标准 8700.00 元");
    expect(text).not.toMatch(/✗ .*— 人均纯收入 15000\.00 元不高于/);
  });
});

describe("rules/yunnan on a 2026 date", () => {
  it("screens no household on a guessed line: every one fails naming threshold", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryHousehold("2026-06-30"), async (household) => {
        await expect(screen(household, { ruleSet: yunnan, asOf: "2026-06-30" })).rejects.toMatchObject({
          code: "E_NO_PARAMETER_IN_FORCE",
          message: expect.stringContaining("threshold"),
        });
      }),
      { numRuns: 25, seed: 20261201 },
    );
  });
});
