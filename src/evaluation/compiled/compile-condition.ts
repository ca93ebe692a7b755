import type { BilingualText, Condition, TopLevelCondition } from "../../rulesets/schema.js";
import type { EngineTrace } from "../condition-trace.js";
import { resolveSimplePath } from "./simple-path.js";
import { constantComparison, operatorMayThrow, syncOperator, type SyncOperator } from "./operators.js";
import { own } from "../../rulesets/own.js";

/** Fact values of one evaluation, computed at most once per (fact, params) slot. */
export interface FactSource {
  value(slot: number): unknown;
}

/**
 * A condition compiled to closures. `evaluate` returns the result only; `trace` also returns the
 * same trace json-rules-engine's rule results give (values compared, unevaluated parts null).
 */
export interface CompiledCondition {
  priority: number;
  /**
   * Whether evaluating may throw, as json-rules-engine does for `in` given something that is not a
   * list. Such a condition is always evaluated where json-rules-engine would evaluate it, so both
   * engines fail on the same rules.
   */
  mayThrow: boolean;
  evaluate: (facts: FactSource) => boolean;
  trace(facts: FactSource): { result: boolean; trace: EngineTrace };
  /** The trace of this condition when it was not evaluated. */
  untraced(): EngineTrace;
}

/** Numbers each distinct (fact, params) pair, so facts are computed once per evaluation. */
export interface SlotAssigner {
  slotFor(fact: string, params: Record<string, unknown> | undefined): number;
}

type Context = {
  slots: SlotAssigner;
  named: Record<string, TopLevelCondition>;
  compiledNamed: Map<string, CompiledCondition>;
  resolving: Set<string>;
};

const labelOf = (condition: { label?: BilingualText }) => (condition.label ? { label: condition.label } : {});

/**
 * The result of a list whose conditions share one priority (the usual case): a plain loop that
 * stops at the first decisive condition, unless one of them may throw.
 */
function oneGroup(
  children: readonly CompiledCondition[],
  decisive: boolean,
  complete: boolean,
): (facts: FactSource) => boolean {
  return (facts) => {
    let decided = false;
    for (let index = 0; index < children.length; index++) {
      if (children[index]!.evaluate(facts) === decisive) {
        if (!complete) return decisive;
        decided = true;
      }
    }
    return decided ? decisive : !decisive;
  };
}

/** The result of a list in priority groups: each group as {@link oneGroup}, the next only when it did not decide. */
function groupsInOrder(
  plans: readonly { group: CompiledCondition[]; complete: boolean }[],
  decisive: boolean,
): (facts: FactSource) => boolean {
  return (facts) => {
    for (const { group, complete } of plans) {
      let decided = false;
      for (const child of group) {
        if (child.evaluate(facts) === decisive) {
          decided = true;
          if (!complete) break;
        }
      }
      if (decided) return decisive;
    }
    return !decisive;
  };
}

/** Evaluates a list like json-rules-engine's prioritizeAndRun: priority groups in order, short-circuit between groups. */
function compileBoolean(
  operator: "all" | "any",
  children: CompiledCondition[],
  priority: number,
  label: BilingualText | undefined,
): CompiledCondition {
  const groups = [...new Set(children.map((child) => child.priority))]
    .sort((a, b) => b - a)
    .map((p) => children.filter((child) => child.priority === p));
  const base = label ? { label } : {};
  const combine = (results: boolean[]) => (operator === "all" ? results.every((r) => r) : results.some((r) => r));
  const decisive = operator === "any";
  // json-rules-engine evaluates every condition of a priority group, then stops if the group decided.
  // Facts are pure, so for the result alone a group may stop at its first decisive condition — unless
  // a condition in it may throw, which json-rules-engine would then report.
  const plans = groups.map((group) => ({ group, complete: group.some((child) => child.mayThrow) }));
  return {
    priority,
    mayThrow: children.some((child) => child.mayThrow),
    evaluate:
      children.length === 0
        ? () => true
        : plans.length === 1
          ? oneGroup(children, decisive, plans[0]!.complete)
          : groupsInOrder(plans, decisive),
    trace(facts) {
      if (children.length === 0)
        return { result: true, trace: { [operator]: [], result: true, ...base } as EngineTrace };
      if (children.length === 1) {
        const only = children[0]!.trace(facts);
        return {
          result: only.result,
          trace: { [operator]: [only.trace], result: only.result, ...base } as EngineTrace,
        };
      }
      if (groups.length === 1) {
        // One priority group: every condition is evaluated, in order.
        const childTraces = new Array<EngineTrace>(children.length);
        const results = new Array<boolean>(children.length);
        for (let index = 0; index < children.length; index++) {
          const evaluated = children[index]!.trace(facts);
          childTraces[index] = evaluated.trace;
          results[index] = evaluated.result;
        }
        const result = combine(results);
        return { result, trace: { [operator]: childTraces, result, ...base } as EngineTrace };
      }
      const traces = new Map<CompiledCondition, EngineTrace>();
      let result = operator === "all";
      for (const group of groups) {
        if (operator === "any" ? result : !result) break;
        const results = group.map((child) => {
          const evaluated = child.trace(facts);
          traces.set(child, evaluated.trace);
          return evaluated.result;
        });
        result = combine(results);
      }
      const childTraces = children.map((child) => traces.get(child) ?? child.untraced());
      return { result, trace: { [operator]: childTraces, result, ...base } as EngineTrace };
    },
    untraced: () => ({ [operator]: children.map((child) => child.untraced()), result: null, ...base }) as EngineTrace,
  };
}

function compileFact(condition: Extract<Condition, { fact: string }>, context: Context): CompiledCondition {
  const operator: SyncOperator | undefined = syncOperator(condition.operator);
  if (!operator) throw new Error(`Unknown operator: ${condition.operator}`);
  const slot = context.slots.slotFor(condition.fact, condition.params);
  const path = condition.path;
  const rawValue = condition.value;
  const valueFact =
    typeof rawValue === "object" && rawValue !== null && Object.prototype.hasOwnProperty.call(rawValue, "fact")
      ? (rawValue as { fact: string; params?: Record<string, unknown>; path?: string })
      : null;
  const valueSlot = valueFact ? context.slots.slotFor(valueFact.fact, valueFact.params) : -1;
  const factValue = path
    ? (facts: FactSource) => resolveSimplePath(facts.value(slot), path)
    : (facts: FactSource) => facts.value(slot);
  const compareValue = (facts: FactSource) =>
    valueFact
      ? valueFact.path
        ? resolveSimplePath(facts.value(valueSlot), valueFact.path)
        : facts.value(valueSlot)
      : rawValue;
  const base = {
    fact: condition.fact,
    ...(condition.params && Object.keys(condition.params).length ? { params: condition.params } : {}),
    operator: condition.operator,
  };
  const withConstant = valueFact ? undefined : constantComparison(condition.operator, rawValue);
  const label = labelOf(condition);
  return {
    priority: condition.priority || 1,
    mayThrow: operatorMayThrow(condition.operator, valueFact ? undefined : rawValue),
    evaluate: withConstant
      ? path
        ? (facts) => withConstant(factValue(facts))
        : (facts) => withConstant(facts.value(slot))
      : (facts) => operator(factValue(facts), compareValue(facts)),
    trace(facts) {
      const left = factValue(facts);
      const right = compareValue(facts);
      const result = operator(left, right);
      return {
        result,
        trace: { ...base, value: right ?? rawValue, factValue: left ?? null, result, ...label },
      };
    },
    untraced: () => ({ ...base, value: rawValue, factValue: null, result: null, ...label }),
  };
}

function compileReference(condition: Extract<Condition, { condition: string }>, context: Context): CompiledCondition {
  const name = condition.condition;
  const named = own(context.named, name);
  if (!named) throw new Error(`No condition ${name} exists`);
  let target = context.compiledNamed.get(name);
  if (!target) {
    if (context.resolving.has(name)) throw new Error(`named condition ${name} refers to itself`);
    context.resolving.add(name);
    target = compileNode(named, context);
    context.resolving.delete(name);
    context.compiledNamed.set(name, target);
  }
  const resolved = target;
  // json-rules-engine copies the named condition over the reference: the named label wins, the reference's stays otherwise.
  const label = named.label ?? condition.label;
  const relabel = (trace: EngineTrace): EngineTrace => {
    const { label: _ignored, ...rest } = trace;
    return label ? { ...rest, label } : rest;
  };
  return {
    priority: condition.priority || 1,
    mayThrow: resolved.mayThrow,
    // The named condition's own function: no call in between.
    evaluate: resolved.evaluate,
    trace(facts) {
      const evaluated = resolved.trace(facts);
      return { result: evaluated.result, trace: relabel(evaluated.trace) };
    },
    untraced: () => ({ condition: name, result: null, ...labelOf(condition) }),
  };
}

function compileNode(condition: Condition, context: Context): CompiledCondition {
  const priority = condition.priority || 1;
  if ("all" in condition)
    return compileBoolean(
      "all",
      condition.all.map((child) => compileNode(child, context)),
      priority,
      condition.label,
    );
  if ("any" in condition)
    return compileBoolean(
      "any",
      condition.any.map((child) => compileNode(child, context)),
      priority,
      condition.label,
    );
  if ("not" in condition) {
    const child = compileNode(condition.not, context);
    const base = condition.label ? { label: condition.label } : {};
    return {
      priority,
      mayThrow: child.mayThrow,
      evaluate: (facts) => !child.evaluate(facts),
      trace(facts) {
        const evaluated = child.trace(facts);
        return { result: !evaluated.result, trace: { not: evaluated.trace, result: !evaluated.result, ...base } };
      },
      untraced: () => ({ not: child.untraced(), result: null, ...base }),
    };
  }
  if ("condition" in condition) return compileReference(condition, context);
  return compileFact(condition, context);
}

/** Compiles conditions (json-rules-engine JSON, parameters already substituted) into closures. No eval. */
export function compileConditions(
  condition: TopLevelCondition,
  slots: SlotAssigner,
  named: Record<string, TopLevelCondition>,
  compiledNamed: Map<string, CompiledCondition>,
): CompiledCondition {
  return compileNode(condition, { slots, named, compiledNamed, resolving: new Set() });
}
