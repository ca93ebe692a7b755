import type { FactDefinition } from "./fact-definition.js";
import type { HouseholdContext } from "./household-context.js";
import { STAGE_FACT_IDS } from "./stage-facts.js";

/**
 * The key under which a fact value is shared by every stage of one household, or null for facts
 * that read earlier stages (their value changes from stage to stage).
 */
export function sharedFactKey(factId: string, params: unknown): string | null {
  return STAGE_FACT_IDS.has(factId) ? null : `${factId}\u0000${JSON.stringify(params)}`;
}

/** A fact's value for a household, computed once per household when it can be shared. */
export function factValue(context: HouseholdContext, definition: FactDefinition<any>, params: unknown, key: string | null): unknown {
  if (key === null) return definition.compute(context, params);
  if (context.factCache.has(key)) return context.factCache.get(key);
  const value = definition.compute(context, params);
  context.factCache.set(key, value);
  return value;
}
