import type { Engine } from "json-rules-engine";
import type { FactTable } from "../facts/fact-table.js";
import type { IsoDate } from "../input/calendar-date.js";
import type { MeasureIndex } from "../planning/in-place-measures.js";
import type { ParameterInForce } from "../rulesets/parameters.js";
import type { LoadedRule, RuleSet } from "../rulesets/rule-set.js";
import type { RiskTypeEntry, RuleEvent, TopLevelCondition } from "../rulesets/schema.js";
import type { Stage } from "../rulesets/stages.js";
import type { CompiledCondition } from "./compiled/compile-condition.js";
import type { EngineTrace } from "./condition-trace.js";
import type { CompiledFigures } from "../facts/figures.js";

/*
 * The types that compiling a rule set, the stage walk and both evaluators share. They live here,
 * apart from the code, so that no evaluation module needs to import another one for its types.
 */

/** Which evaluator runs the rules: compiled closures (default) or json-rules-engine (the reference). */
export type EngineName = "compiled" | "json-rules-engine";
export const ENGINE_NAMES: readonly EngineName[] = ["compiled", "json-rules-engine"];

/** A rule with every parameter reference replaced by its value in force. */
export interface CompiledRule {
  rule: LoadedRule;
  conditions: TopLevelCondition;
  event: RuleEvent;
  /** The parameters the rule uses, as in force on the as-of date. */
  parameters: ParameterInForce[];
}

/** How a stage picks its outcome: every rule that is met, or the first met by priority. */
export type StageMode = "all" | "first";

/** One rule compiled to closures that read facts by slot of the rule set's fact table. */
export interface ClosureRule {
  rule: CompiledRule;
  condition: CompiledCondition;
  /** The rule's trace is needed even without explanations (its conditions become reasons). */
  traced: boolean;
}

/** A stage's rules compiled to closures, in the stage's rule order. */
export interface ClosureStage {
  rules: ClosureRule[];
}

export interface CompiledStage {
  stage: Stage;
  mode: StageMode;
  rules: CompiledRule[];
  /** The rules compiled to synchronous closures (the default evaluator). */
  closures: ClosureStage;
  /**
   * json-rules-engine engines, built on first use (the reference evaluator): "all" stages have one
   * engine, "first" stages one per rule, run in order until one is met.
   */
  engines(): Promise<Engine[]>;
}

/** A rule set ready to screen households on one as-of date. */
export interface CompiledRuleSet {
  ruleSet: RuleSet;
  asOf: IsoDate;
  stages: CompiledStage[];
  rulesById: Map<string, CompiledRule>;
  /** Catalogues indexed by id, once per rule set rather than per household. */
  measures: MeasureIndex;
  riskTypesById: ReadonlyMap<string, RiskTypeEntry>;
  /**
   * Rules left out on this date because an optional parameter they use has no value in force
   * (explanations list them as not evaluated), with those parameters' names.
   */
  inapplicableRules: { rule: LoadedRule; parameters: string[] }[];
  /** Every parameter any rule uses, as in force on the as-of date. */
  parameters: Map<string, ParameterInForce>;
  /** The parameters in force whose value is from before the as-of year (each result warns of them). */
  staleParameters: ParameterInForce[];
  /** The parameters in force whose value is provisional (each result says so). */
  provisionalParameters: ParameterInForce[];
  /** The names of the rule set's parameters that have a value on the as-of date (fact `parameterHasValue`). */
  parametersWithValue: ReadonlySet<string>;
  /** The rule set's figure definitions in force on the as-of date, compiled once. */
  figures: CompiledFigures;
  /** Every (fact, params) pair the compiled rules read, numbered. */
  facts: FactTable;
  /** The `threshold` parameter in force, as every result shows it (two decimal places), or null without one. */
  thresholdText: string | null;
  conditions: Record<string, TopLevelCondition>;
}

/** A rule's outcome: met, not met, or not evaluated (a first-match stage stopped before it). */
export type RuleStatus = "met" | "notMet" | "notEvaluated";

export interface RuleOutcome {
  compiled: CompiledRule;
  status: RuleStatus;
  trace: EngineTrace | null;
}
