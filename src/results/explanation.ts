import { mapLabels, type ConditionTrace } from "../evaluation/condition-trace.js";
import { Decimal, decimalText, ExactRatio } from "../input/decimal.js";
import type { RuleOutcome } from "../evaluation/types.js";
import type { LoadedRule } from "../rulesets/rule-set.js";
import type { BilingualText } from "../rulesets/schema.js";
import { localize } from "./reason-text.js";
import type { Language, RuleExplanation } from "./result-types.js";

/**
 * The structured explanation of every rule's outcome, in stage and rule order. Condition labels are
 * given in the result's language with their placeholders filled by `write`.
 */
export function explain(
  outcomes: readonly RuleOutcome[],
  language: Language,
  write: (template: BilingualText) => string,
  inapplicable: readonly { rule: LoadedRule; parameters: string[] }[] = [],
): RuleExplanation[] {
  const evaluated = outcomes.map(({ compiled, status, trace }): RuleExplanation => ({
    rule: compiled.rule.id,
    stage: compiled.rule.stage,
    label: localize(compiled.rule.label, language),
    status,
    basis: compiled.rule.basis ?? null,
    parameters: compiled.parameters.map(({ name, value, from, until, source, status: valueStatus }) => ({
      name,
      value,
      from,
      until,
      source,
      status: valueStatus,
    })),
    conditions: trace ? plainValues(mapLabels(trace, write)) : null,
  }));
  // Rules left out for an optional parameter without a value: listed last, as not evaluated.
  const left = inapplicable.map(({ rule, parameters }): RuleExplanation => ({
    rule: rule.id,
    stage: rule.stage,
    label: localize(rule.label, language),
    status: "notEvaluated",
    basis: rule.basis ?? null,
    parameters: [],
    conditions: null,
    parametersWithoutValue: parameters,
  }));
  return left.length ? [...evaluated, ...left] : evaluated;
}

/** Values compared as plain JSON (an exact ratio as its decimal text), so a result holds only data. */
function plainValues(trace: ConditionTrace): ConditionTrace {
  if ("all" in trace) return { ...trace, all: trace.all.map(plainValues) };
  if ("any" in trace) return { ...trace, any: trace.any.map(plainValues) };
  if ("not" in trace) return { ...trace, not: plainValues(trace.not) };
  if (!("fact" in trace)) return trace;
  const plain = (value: unknown) =>
    value instanceof ExactRatio ? value.toString() : value instanceof Decimal ? decimalText(value) : value;
  return { ...trace, value: plain(trace.value), factValue: plain(trace.factValue) };
}
