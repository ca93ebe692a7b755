import { Engine, Operator, type RuleProperties } from "json-rules-engine";
import { FACTS } from "../facts/catalogue.js";
import type { HouseholdContext } from "../facts/household-context.js";
import type { TopLevelCondition } from "../rulesets/schema.js";
import { CUSTOM_OPERATORS } from "../rulesets/operators.js";

/** The runtime fact through which every catalogue fact reads the household context. */
export const CONTEXT_FACT = "__householdContext";

/*
 * json-rules-engine is the reference evaluator: this module is loaded only when a screening asks
 * for it (`engine: "json-rules-engine"`), so the default path never pays for loading it.
 */

/**
 * A json-rules-engine Engine with dixian's facts, operators and named conditions. Facts read the
 * household from the run's context fact, so one engine serves every household of a batch.
 */
export function createEngine(rules: RuleProperties[], conditions: Record<string, TopLevelCondition>): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false, allowUndefinedConditions: false });
  for (const operator of CUSTOM_OPERATORS) engine.addOperator(new Operator(operator.name, operator.evaluate));
  for (const [name, condition] of Object.entries(conditions)) engine.setCondition(name, condition);
  for (const fact of FACTS.values()) {
    engine.addFact(fact.id, async (params, almanac) => {
      const context = await almanac.factValue<HouseholdContext>(CONTEXT_FACT);
      return fact.compute(context, params);
    });
  }
  for (const rule of rules) engine.addRule(rule);
  return engine;
}

/** Runs an engine for one household. */
export function runEngine(engine: Engine, context: HouseholdContext) {
  return engine.run({ [CONTEXT_FACT]: context });
}
