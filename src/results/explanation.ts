import { mapLabels, type ConditionTrace, type EngineTrace } from "../evaluation/condition-trace.js";
import { Decimal, decimalText, ExactRatio } from "../input/decimal.js";
import type { RuleOutcome } from "../evaluation/types.js";
import type { LoadedRule } from "../rulesets/rule-set.js";
import { own } from "../rulesets/own.js";
import type { BilingualText, Condition, TopLevelCondition } from "../rulesets/schema.js";
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
  named: Record<string, TopLevelCondition> = {},
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
    conditions: trace ? plainValues(mapLabels(withUnmetTexts(trace, compiled.conditions, named), write)) : null,
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

/**
 * A condition that was not met is described by its `unmet` text (the failing fact) where it has one,
 * so an explanation never shows a condition's statement as if it held. The trace mirrors the rule's
 * JSON, a named condition by its definition.
 */
function withUnmetTexts(
  trace: EngineTrace,
  condition: Condition | undefined,
  named: Record<string, TopLevelCondition>,
): EngineTrace {
  if (!condition) return trace;
  let unmet = condition.unmet;
  let mirrored = trace;
  if ("condition" in condition) {
    const definition = own(named, condition.condition);
    unmet = definition?.unmet ?? unmet;
    if (definition && !("condition" in trace)) mirrored = withUnmetTexts(trace, definition, named);
  } else if ("all" in condition && "all" in trace) {
    mirrored = { ...trace, all: trace.all.map((child, i) => withUnmetTexts(child, condition.all[i], named)) };
  } else if ("any" in condition && "any" in trace) {
    mirrored = { ...trace, any: trace.any.map((child, i) => withUnmetTexts(child, condition.any[i], named)) };
  } else if ("not" in condition && "not" in trace) {
    mirrored = { ...trace, not: withUnmetTexts(trace.not, condition.not, named) };
  }
  return trace.result === false && unmet ? { ...mirrored, label: unmet } : mirrored;
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
