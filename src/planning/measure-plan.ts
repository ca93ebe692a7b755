import type { MeasureEntry } from "../rulesets/schema.js";
import { message } from "../results/messages.js";
import { localize } from "../results/reason-text.js";
import type { Language, MeasureResult } from "../results/result-types.js";
import type { InPlaceMeasure } from "./in-place-measures.js";

/**
 * The 一户一策 list: every suggested measure and every measure already in place, in catalogue order
 * (unknown recorded measures last), each with its reasons and whether it is in place.
 */
export function measurePlan(
  catalogue: readonly MeasureEntry[],
  suggested: ReadonlyMap<string, string[]>,
  inPlace: readonly InPlaceMeasure[],
  language: Language,
): MeasureResult[] {
  const inPlaceById = new Map(inPlace.map((measure) => [measure.id, measure]));
  const separator = message("reasonSeparator", language);
  const plan: MeasureResult[] = [];
  for (const entry of catalogue) {
    const reasons = suggested.get(entry.id);
    const placed = inPlaceById.get(entry.id);
    if (!reasons && !placed) continue;
    const placedText = placed ? inPlaceText(placed, language) : null;
    plan.push({
      id: entry.id,
      group: entry.group,
      kind: entry.kind,
      label: localize(entry.label, language),
      reason: [...(reasons ?? []), ...(placedText ? [placedText] : [])].join(separator),
      inPlace: placed !== undefined,
    });
  }
  for (const placed of inPlace) {
    if (placed.catalogued) continue;
    plan.push({
      id: placed.id,
      group: null,
      kind: null,
      label: placed.id,
      reason: inPlaceText(placed, language),
      inPlace: true,
    });
  }
  return plan;
}

function inPlaceText(measure: InPlaceMeasure, language: Language): string {
  if (measure.fromSocialAssistance) return message("inPlaceSocialAssistance", language);
  return measure.since ? message("inPlaceSince", language, { since: measure.since }) : message("inPlace", language);
}
