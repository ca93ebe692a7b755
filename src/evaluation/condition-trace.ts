import type { BilingualText } from "../rulesets/schema.js";

/** How one condition came out: true, false, or null when it was not evaluated. */
export type ConditionResult = boolean | null;

/** One evaluated condition tree, mirroring the rule's JSON, with the values compared. */
export type ConditionTrace =
  | { all: ConditionTrace[]; result: ConditionResult; label?: BilingualText }
  | { any: ConditionTrace[]; result: ConditionResult; label?: BilingualText }
  | { not: ConditionTrace; result: ConditionResult; label?: BilingualText }
  | { condition: string; result: ConditionResult; label?: BilingualText }
  | {
      fact: string;
      params?: Record<string, unknown>;
      operator: string;
      /** The value compared with, after parameter and fact references were resolved. */
      value: unknown;
      /** The fact's value for this household. */
      factValue: unknown;
      result: ConditionResult;
      label?: BilingualText;
    };

type EngineNode = Record<string, unknown>;

const resultOf = (node: EngineNode): ConditionResult => (typeof node.result === "boolean" ? node.result : null);
const withLabel = <T extends object>(trace: T, node: EngineNode): T =>
  node.label ? { ...trace, label: node.label as BilingualText } : trace;

/** Converts json-rules-engine's evaluated condition objects into a plain trace. */
export function traceConditions(node: EngineNode): ConditionTrace {
  if (Array.isArray(node.all)) return withLabel({ all: (node.all as EngineNode[]).map(traceConditions), result: resultOf(node) }, node);
  if (Array.isArray(node.any)) return withLabel({ any: (node.any as EngineNode[]).map(traceConditions), result: resultOf(node) }, node);
  if (node.not && typeof node.not === "object") return withLabel({ not: traceConditions(node.not as EngineNode), result: resultOf(node) }, node);
  if (typeof node.condition === "string") return withLabel({ condition: node.condition, result: resultOf(node) }, node);
  const result = resultOf(node);
  const trace = {
    fact: String(node.fact),
    ...(node.params && Object.keys(node.params as object).length ? { params: node.params as Record<string, unknown> } : {}),
    operator: String(node.operator),
    value: result === null ? node.value : (node.valueResult ?? node.value),
    factValue: result === null ? null : (node.factResult ?? null),
    result,
  };
  return withLabel(trace, node);
}
