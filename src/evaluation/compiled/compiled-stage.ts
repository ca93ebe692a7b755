import { FACTS } from "../../facts/catalogue.js";
import { factValue, sharedFactKey } from "../../facts/fact-cache.js";
import type { FactDefinition } from "../../facts/fact-definition.js";
import type { HouseholdContext } from "../../facts/household-context.js";
import type { TopLevelCondition } from "../../rulesets/schema.js";
import type { CompiledRule } from "../compile.js";
import type { RuleOutcome } from "../evaluate-stage.js";
import { compileConditions, FactSlots, type CompiledCondition, type FactSource } from "./compile-condition.js";

/** A stage's rules compiled to closures, sharing one table of fact slots. */
export interface ClosureStage {
  rules: { rule: CompiledRule; condition: CompiledCondition }[];
  slots: FactSlots;
  /** The fact definition and params of each slot, looked up once. */
  facts: { definition: FactDefinition<any>; params: Record<string, unknown>; sharedKey: string | null }[];
}

const UNSET = Symbol("unset");

/** Compiles one stage's rules; named conditions are compiled once per stage. */
export function compileStageClosures(rules: readonly CompiledRule[], named: Record<string, TopLevelCondition>): ClosureStage {
  const slots = new FactSlots();
  const compiledNamed = new Map<string, CompiledCondition>();
  const compiledRules = rules.map((rule) => ({ rule, condition: compileConditions(rule.conditions, slots, named, compiledNamed) }));
  return { rules: compiledRules, slots, facts: slots.slots.map((slot) => ({
    definition: FACTS.get(slot.fact)!,
    params: slot.params,
    sharedKey: sharedFactKey(slot.fact, slot.params),
  })) };
}

/** Fact values for one household in one stage, computed lazily once per slot. */
function factSource(stage: ClosureStage, context: HouseholdContext): FactSource {
  const values: unknown[] = new Array(stage.facts.length).fill(UNSET);
  const definitions = stage.facts;
  return {
    value(slot) {
      let value = values[slot];
      if (value === UNSET) {
        const { definition, params, sharedKey } = definitions[slot]!;
        value = values[slot] = factValue(context, definition, params, sharedKey);
      }
      return value;
    },
  };
}

/**
 * Evaluates a stage with the compiled closures: the same outcomes as json-rules-engine ("all"
 * stages evaluate every rule; "first" stages stop at the first rule met). Traces are built only for
 * the rules in `traced` (or all of them when `traceAll`).
 */
export function evaluateClosureStage(
  stage: ClosureStage,
  mode: "all" | "first",
  context: HouseholdContext,
  traceAll: boolean,
  traced: ReadonlySet<string>,
): RuleOutcome[] {
  const facts = factSource(stage, context);
  const outcomes: RuleOutcome[] = [];
  let decided = false;
  for (const { rule, condition } of stage.rules) {
    if (decided) {
      outcomes.push({ compiled: rule, status: "notEvaluated", trace: null });
      continue;
    }
    let met: boolean;
    let trace = null;
    if (traceAll || traced.has(rule.rule.id)) {
      const evaluated = condition.trace(facts);
      met = evaluated.result;
      trace = { ...evaluated.trace, result: met };
    } else met = condition.evaluate(facts);
    outcomes.push({ compiled: rule, status: met ? "met" : "notMet", trace });
    if (mode === "first" && met) decided = true;
  }
  return outcomes;
}
