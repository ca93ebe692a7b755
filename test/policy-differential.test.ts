import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadRuleSet, screen, type ScreeningResult } from "../src/index.js";
import { arbitraryHousehold } from "./support/arbitrary-household.js";
import { referenceScreen } from "./support/reference-policy.js";

const yunnan = loadRuleSet("rules/yunnan");
/** Yunnan's line by year in fen (docs/policy.md#s3-7); 2026 has none, so it is not screened here. */
const THRESHOLDS: Record<string, bigint> = { "2023": 805000n, "2024": 870000n, "2025": 870000n };
const AS_OF_DATES = ["2023-06-30", "2023-12-31", "2024-06-30", "2025-02-28", "2025-06-30", "2025-12-31"];

/** The measure rules of docs/policy.md §3.5 that acceptance checks. */
function measureProblems(result: ScreeningResult, labourCapable: boolean, whollyWithoutLabour: boolean): string[] {
  const problems: string[] = [];
  const planned = result.flag === "identify" || result.flag === "continue";
  const groups = new Set(result.measures.map((m) => m.group));
  if (planned && result.measures.length === 0) problems.push("no measure");
  if (planned && labourCapable && !result.measures.some((m) => m.kind === "developmental")) problems.push("no developmental measure");
  if (planned && whollyWithoutLabour && !groups.has("100A48")) problems.push("no 100A48 protection");
  if (result.flag !== "none" && result.flag !== "eliminate") {
    const needs: Record<string, string> = { housing: "100A50", water: "100A51", basicMedical: "100A45", compulsoryEducation: "100A46" };
    for (const [item, group] of Object.entries(needs)) {
      if (result.guarantees[item as keyof ScreeningResult["guarantees"]] === "problem" && !groups.has(group)) problems.push(`no ${group} for ${item}`);
    }
  }
  if (result.flag === "none" && result.measures.some((m) => !m.inPlace)) problems.push("measures suggested to a none household");
  return problems;
}

describe("rules/yunnan agrees with an independent implementation of docs/policy.md §3", () => {
  for (const asOf of AS_OF_DATES) {
    it(`on ${asOf}`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryHousehold(asOf), async (household) => {
          const result = await screen(household, { ruleSet: yunnan, asOf });
          const expected = referenceScreen(household, asOf, THRESHOLDS[asOf.slice(0, 4)]!);
          expect({
            flag: result.flag,
            category: result.category,
            riskTypes: result.riskTypes.map((r) => r.id).sort(),
            guarantees: result.guarantees,
            measureProblems: measureProblems(result, expected.labourCapable, expected.whollyWithoutLabour),
          }).toEqual({
            flag: expected.flag,
            category: expected.category,
            riskTypes: expected.riskTypes,
            guarantees: expected.guarantees,
            measureProblems: [],
          });
        }),
        { numRuns: 400, seed: 20251128 },
      );
    });
  }
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
