import type { MeasureRef } from "../facts/household-context.js";
import type { Household } from "../input/household-schema.js";
import type { MeasureEntry } from "../rulesets/schema.js";

/** A measure already in place, with where that is recorded. */
export interface InPlaceMeasure extends MeasureRef {
  since: string | null;
  /** True when known from a member's `socialAssistance` rather than `monitoring.measures`. */
  fromSocialAssistance: boolean;
  /** False when the id is not in the rule set's catalogue. */
  catalogued: boolean;
}

/** A measure catalogue indexed once per rule set. */
export interface MeasureIndex {
  byId: ReadonlyMap<string, MeasureEntry>;
  bySocialAssistance: ReadonlyMap<string, MeasureEntry>;
}

export function indexMeasures(catalogue: readonly MeasureEntry[]): MeasureIndex {
  const bySocialAssistance = new Map<string, MeasureEntry>();
  for (const entry of catalogue)
    if (entry.socialAssistance && !bySocialAssistance.has(entry.socialAssistance))
      bySocialAssistance.set(entry.socialAssistance, entry);
  return { byId: new Map(catalogue.map((entry) => [entry.id, entry])), bySocialAssistance };
}

/**
 * The measures already in place: those recorded on `monitoring.measures`, and those the catalogue
 * links to a member's `socialAssistance` code (低保, 特困供养, the disability allowances). One entry
 * per measure id, in the order first seen.
 */
export function inPlaceMeasures(household: Household, { byId, bySocialAssistance }: MeasureIndex): InPlaceMeasure[] {
  const found = new Map<string, InPlaceMeasure>();
  for (const recorded of household.monitoring?.measures ?? []) {
    if (found.has(recorded.id)) continue;
    const entry = byId.get(recorded.id);
    found.set(recorded.id, {
      id: recorded.id,
      group: entry?.group ?? null,
      kind: entry?.kind ?? null,
      since: recorded.since ?? null,
      fromSocialAssistance: false,
      catalogued: entry !== undefined,
    });
  }
  for (const member of household.members) {
    for (const code of member.socialAssistance) {
      const entry = bySocialAssistance.get(code);
      if (!entry || found.has(entry.id)) continue;
      found.set(entry.id, {
        id: entry.id,
        group: entry.group,
        kind: entry.kind,
        since: null,
        fromSocialAssistance: true,
        catalogued: true,
      });
    }
  }
  return [...found.values()];
}
