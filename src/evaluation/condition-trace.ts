import type { BilingualText } from "../rulesets/schema.js";

/** How one condition came out: true, false, or null when it was not evaluated. */
export type ConditionResult = boolean | null;

/**
 * One evaluated condition tree, mirroring the rule's JSON, with the values compared. Inside the
 * engine labels are bilingual; in a result they are text in the result's language.
 */
export type ConditionTrace<Label = string> =
  | { all: ConditionTrace<Label>[]; result: ConditionResult; label?: Label }
  | { any: ConditionTrace<Label>[]; result: ConditionResult; label?: Label }
  | { not: ConditionTrace<Label>; result: ConditionResult; label?: Label }
  | { condition: string; result: ConditionResult; label?: Label }
  | {
      fact: string;
      params?: Record<string, unknown>;
      operator: string;
      /** The value compared with, after parameter and fact references were resolved. */
      value: unknown;
      /** The fact's value for this household. */
      factValue: unknown;
      result: ConditionResult;
      label?: Label;
    };

/** A trace as the engine produces it, with bilingual labels. */
export type EngineTrace = ConditionTrace<BilingualText>;

/** Replaces every label of a trace (e.g. with localized, filled-in text). */
export function mapLabels<A, B>(trace: ConditionTrace<A>, map: (label: A) => B): ConditionTrace<B> {
  const label = trace.label === undefined ? {} : { label: map(trace.label) };
  if ("all" in trace)
    return { ...trace, ...label, all: trace.all.map((child) => mapLabels(child, map)) } as ConditionTrace<B>;
  if ("any" in trace)
    return { ...trace, ...label, any: trace.any.map((child) => mapLabels(child, map)) } as ConditionTrace<B>;
  if ("not" in trace) return { ...trace, ...label, not: mapLabels(trace.not, map) } as ConditionTrace<B>;
  return { ...trace, ...label } as ConditionTrace<B>;
}

type EngineNode = Record<string, unknown>;

const resultOf = (node: EngineNode): ConditionResult => (typeof node.result === "boolean" ? node.result : null);
const withLabel = <T extends object>(trace: T, node: EngineNode): T =>
  node.label ? { ...trace, label: node.label as BilingualText } : trace;

/** Converts json-rules-engine's evaluated condition objects into a plain trace. */
export function traceConditions(node: EngineNode): EngineTrace {
  if (Array.isArray(node.all))
    return withLabel({ all: (node.all as EngineNode[]).map(traceConditions), result: resultOf(node) }, node);
  if (Array.isArray(node.any))
    return withLabel({ any: (node.any as EngineNode[]).map(traceConditions), result: resultOf(node) }, node);
  if (node.not && typeof node.not === "object")
    return withLabel({ not: traceConditions(node.not as EngineNode), result: resultOf(node) }, node);
  if (typeof node.condition === "string") return withLabel({ condition: node.condition, result: resultOf(node) }, node);
  const result = resultOf(node);
  const trace = {
    fact: String(node.fact),
    ...(node.params && Object.keys(node.params).length ? { params: node.params as Record<string, unknown> } : {}),
    operator: String(node.operator),
    value: result === null ? node.value : (node.valueResult ?? node.value),
    factValue: result === null ? null : (node.factResult ?? null),
    result,
  };
  return withLabel(trace, node);
}
