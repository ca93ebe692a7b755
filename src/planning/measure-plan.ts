import type { CompiledRule } from "../evaluation/types.js";
import type { MeasureKind } from "../input/enums.js";
import type { MeasureEntry } from "../rulesets/schema.js";
import type { PlannedMeasure } from "../results/measure-results.js";
import type { InPlaceMeasure } from "../evaluation/in-place-measures.js";

/** A measure the rules suggested: every reason given, and how well it fits (the sum of the fits the rules gave). */
export interface SuggestedMeasure {
  reasons: string[];
  fit: number;
}

/** A `limit` event: at most `max` suggestions of a kind, from the rule that set it. */
export interface SuggestionLimit {
  rule: CompiledRule;
  kind: MeasureKind;
  max: number;
}

/** What a limit left out of the plan, in rank order. */
export interface LeftOut {
  limit: SuggestionLimit;
  measures: MeasureEntry[];
}

/**
 * The 一户一策 list. Developmental suggestions come first, ranked by fit (best first, then catalogue
 * order), and a `limit` keeps only the best of a kind (measures already in place do not count
 * against it and are never left out). Then every other measure, suggested or in place, in catalogue
 * order; then recorded measures the catalogue does not know. Each with its reasons and whether it
 * is in place (put into words by results/measure-results). `leftOut` names the suggestions a limit
 * dropped.
 */
export function measurePlan(
  catalogue: readonly MeasureEntry[],
  suggested: ReadonlyMap<string, SuggestedMeasure>,
  inPlace: readonly InPlaceMeasure[],
  limits: readonly SuggestionLimit[],
): { plan: PlannedMeasure[]; leftOut: LeftOut[] } {
  const inPlaceById = new Map(inPlace.map((measure) => [measure.id, measure]));
  const order = new Map(catalogue.map((entry, index) => [entry.id, index]));
  const { kept, leftOut } = applyLimits(catalogue, suggested, inPlaceById, order, limits);
  const ranked = catalogue
    .filter((entry) => entry.kind === "developmental" && kept.has(entry.id))
    .sort((a, b) => suggested.get(b.id)!.fit - suggested.get(a.id)!.fit || order.get(a.id)! - order.get(b.id)!);
  const rankedIds = new Set(ranked.map((entry) => entry.id));
  const rest = catalogue.filter(
    (entry) => !rankedIds.has(entry.id) && (kept.has(entry.id) || inPlaceById.has(entry.id)),
  );
  const plan: PlannedMeasure[] = [...ranked, ...rest].map((entry) => ({
    id: entry.id,
    entry,
    reasons: kept.has(entry.id) ? suggested.get(entry.id)!.reasons : [],
    inPlace: inPlaceById.get(entry.id) ?? null,
  }));
  for (const placed of inPlace) {
    if (!placed.catalogued) plan.push({ id: placed.id, entry: null, reasons: [], inPlace: placed });
  }
  return { plan, leftOut };
}

/** The suggestions each limit keeps: for every kind limited, the best-fitting suggestions not yet in place. */
function applyLimits(
  catalogue: readonly MeasureEntry[],
  suggested: ReadonlyMap<string, SuggestedMeasure>,
  inPlace: ReadonlyMap<string, InPlaceMeasure>,
  order: ReadonlyMap<string, number>,
  limits: readonly SuggestionLimit[],
): { kept: Set<string>; leftOut: LeftOut[] } {
  const kept = new Set(catalogue.filter((entry) => suggested.has(entry.id)).map((entry) => entry.id));
  const leftOut: LeftOut[] = [];
  // The strictest limit of each kind applies.
  const strictest = new Map<MeasureKind, SuggestionLimit>();
  for (const limit of limits) {
    const current = strictest.get(limit.kind);
    if (!current || limit.max < current.max) strictest.set(limit.kind, limit);
  }
  for (const [kind, limit] of strictest) {
    const candidates = catalogue
      .filter((entry) => entry.kind === kind && suggested.has(entry.id) && !inPlace.has(entry.id))
      .sort((a, b) => suggested.get(b.id)!.fit - suggested.get(a.id)!.fit || order.get(a.id)! - order.get(b.id)!);
    const dropped = candidates.slice(limit.max);
    for (const entry of dropped) kept.delete(entry.id);
    if (dropped.length) leftOut.push({ limit, measures: dropped });
  }
  return { kept, leftOut };
}
