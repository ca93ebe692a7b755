import { FLAGS, type Flag } from "../input/enums.js";
import type { Language, ScreeningResult } from "../results/result-types.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { compiledRuleSet } from "../batch/compiled-cache.js";
import { screenItems } from "../batch/item-loop.js";
import type { Rejection } from "../input/rejection.js";
import { printableValue } from "../results/printable.js";

/** One side of a comparison: a rule set on a date. */
export interface Scenario {
  ruleSet: RuleSet;
  asOf: string;
}

/** A household whose flag (or category) differs between the two scenarios. */
export interface ChangedHousehold {
  householdId: string;
  village: string | null;
  before: Pick<ScreeningResult, "flag" | "category" | "figures" | "reasons"> & { riskTypes: string[] };
  after: Pick<ScreeningResult, "flag" | "category" | "figures" | "reasons"> & { riskTypes: string[] };
}

/** What a policy change does to a population. */
export interface ImpactDiff {
  /** Each side's rule set; `overrides` only when parameters were overridden (`--set`, `--set-b`). */
  a: { ruleSet: string; version: string; hash: string; asOf: string; overrides?: Record<string, string> };
  b: { ruleSet: string; version: string; hash: string; asOf: string; overrides?: Record<string, string> };
  households: number;
  rejected: Rejection[];
  /** `matrix[before][after]`: households by flag in A and flag in B. */
  matrix: Record<Flag, Record<Flag, number>>;
  /** Households whose flag changed, in input order. */
  flagChanged: ChangedHousehold[];
  /** Households whose flag is the same but whose category changed. */
  categoryChanged: ChangedHousehold[];
}

const sideOf = (scenario: Scenario): ImpactDiff["a"] => ({
  ruleSet: scenario.ruleSet.id,
  version: scenario.ruleSet.version,
  hash: scenario.ruleSet.hash,
  asOf: scenario.asOf,
  ...(scenario.ruleSet.overrides ? { overrides: { ...scenario.ruleSet.overrides } } : {}),
});
const overridesText = (side: ImpactDiff["a"]) =>
  side.overrides
    ? ` --set ${Object.entries(side.overrides)
        .map(([name, value]) => `${name}=${value}`)
        .join(" --set ")}`
    : "";

const side = (result: ScreeningResult): ChangedHousehold["before"] => ({
  flag: result.flag,
  category: result.category,
  figures: result.figures,
  reasons: result.reasons,
  riskTypes: result.riskTypes.map((risk) => risk.id),
});

/**
 * Screens the same households under two scenarios (two rule sets, two dates, or both) and reports
 * the flag transition matrix and every household that changed — what a threshold change does
 * before it is published.
 */
export async function impactDiff(
  households: AsyncIterable<unknown> | Iterable<unknown>,
  a: Scenario,
  b: Scenario,
  language: Language = "zh",
): Promise<ImpactDiff> {
  const compiledA = compiledRuleSet(a.ruleSet, a.asOf, language);
  const compiledB = compiledRuleSet(b.ruleSet, b.asOf, language);
  const options = { language, explain: false };
  const matrix = Object.fromEntries(
    FLAGS.map((from) => [from, Object.fromEntries(FLAGS.map((to) => [to, 0]))]),
  ) as ImpactDiff["matrix"];
  const report: ImpactDiff = {
    a: sideOf(a),
    b: sideOf(b),
    households: 0,
    rejected: [],
    matrix,
    flagChanged: [],
    categoryChanged: [],
  };
  let index = 0;
  for await (const item of households) {
    const position = index++;
    const source = [{ kind: "value", value: item }] as const;
    const before = (await screenItems(compiledA, source, position, options))[0]!;
    const after = (await screenItems(compiledB, source, position, options))[0]!;
    if (!before.ok || !after.ok) {
      // An as-of-dependent check (identification after the date) can reject on one side only.
      report.rejected.push(!before.ok ? before.rejection : (after as { rejection: Rejection }).rejection);
      continue;
    }
    report.households++;
    matrix[before.result.flag][after.result.flag]++;
    const change: ChangedHousehold = {
      householdId: before.result.householdId,
      village: before.result.region.village ?? null,
      before: side(before.result),
      after: side(after.result),
    };
    if (before.result.flag !== after.result.flag) report.flagChanged.push(change);
    else if (before.result.category !== after.result.category) report.categoryChanged.push(change);
  }
  return report;
}

/** The diff as plain text: the matrix, then each changed household with its figures and reasons. */
export function impactDiffText(diff: ImpactDiff): string {
  const lines = [
    `A: ${diff.a.ruleSet} ${diff.a.version}${overridesText(diff.a)} on ${diff.a.asOf} (${diff.a.hash})`,
    `B: ${diff.b.ruleSet} ${diff.b.version}${overridesText(diff.b)} on ${diff.b.asOf} (${diff.b.hash})`,
    `${diff.households} households compared, ${diff.flagChanged.length} changed flag, ${diff.categoryChanged.length} changed category only, ${diff.rejected.length} rejected`,
    "",
    `flag A \\ B  ${FLAGS.map((flag) => flag.padStart(9)).join(" ")}`,
    ...FLAGS.map(
      (from) => `${from.padEnd(11)} ${FLAGS.map((to) => String(diff.matrix[from][to]).padStart(9)).join(" ")}`,
    ),
  ];
  const describe = (title: string, changes: ChangedHousehold[]) => {
    if (!changes.length) return;
    lines.push("", title);
    for (const change of changes) {
      const { before, after } = change;
      lines.push(
        `- ${change.householdId}${change.village ? ` (${change.village})` : ""}: ${before.flag}${before.category ? `/${before.category}` : ""} → ${after.flag}${after.category ? `/${after.category}` : ""}`,
        `    N ${before.figures.perCapitaNetIncome} · A ${before.figures.adjustedPerCapitaIncome} · T ${before.figures.threshold ?? "-"}  →  N ${after.figures.perCapitaNetIncome} · A ${after.figures.adjustedPerCapitaIncome} · T ${after.figures.threshold ?? "-"}`,
        `    before: ${before.reasons[0] ?? ""}`,
        `    after:  ${after.reasons[0] ?? ""}`,
      );
    }
  };
  describe("Households whose flag changed:", diff.flagChanged);
  describe("Households whose category changed:", diff.categoryChanged);
  // A line break or control character inside a value (an id, a village) is escaped, so it cannot forge a line.
  return lines.map(printableValue).join("\n") + "\n";
}
