import type { InPlaceMeasure } from "../evaluation/in-place-measures.js";
import { message, type Language } from "../messages/catalogue.js";
import type { MeasureEntry } from "../rulesets/schema.js";
import { localize } from "./reason-text.js";
import type { MeasureResult } from "./result-types.js";

/**
 * One measure of the 一户一策 list as planning chose it, before it is put into words: its catalogue
 * entry (null for a recorded measure the catalogue does not know), the reasons the rules gave, and
 * the household's record when it is already in place.
 */
export interface PlannedMeasure {
  id: string;
  entry: MeasureEntry | null;
  reasons: readonly string[];
  inPlace: InPlaceMeasure | null;
}

/** The measures of a result, in the plan's order, worded in `language`. */
export function measureResults(plan: readonly PlannedMeasure[], language: Language): MeasureResult[] {
  const separator = message("reasonSeparator", language);
  return plan.map(({ id, entry, reasons, inPlace }) => {
    const placedText = inPlace ? inPlaceText(inPlace, language) : null;
    return {
      id,
      group: entry?.group ?? null,
      kind: entry?.kind ?? null,
      label: entry ? localize(entry.label, language) : id,
      reason: [...reasons, ...(placedText ? [placedText] : [])].join(separator),
      inPlace: inPlace !== null,
    };
  });
}

function inPlaceText(measure: InPlaceMeasure, language: Language): string {
  if (measure.fromSocialAssistance) return message("inPlaceSocialAssistance", language);
  return measure.since ? message("inPlaceSince", language, { since: measure.since }) : message("inPlace", language);
}
