import type { FactTable } from "../../facts/fact-table.js";
import type { TopLevelCondition } from "../../rulesets/schema.js";
import type { CompiledRule } from "../compile.js";
import type { RuleOutcome } from "../evaluate-stage.js";
import { compileConditions, type CompiledCondition, type FactSource } from "./compile-condition.js";

/** A stage's rules compiled to closures that read facts by slot of the rule set's fact table. */
export interface ClosureStage {
  /** `traced`: the rule's trace is needed even without explanations (its conditions become reasons). */
  rules: { rule: CompiledRule; condition: CompiledCondition; traced: boolean }[];
}

/**
 * Compiles one stage's rules. Named conditions are compiled once for the whole rule set
 * (`compiledNamed` is shared by the stages).
 */
export function compileStageClosures(
  rules: readonly CompiledRule[],
  named: Record<string, TopLevelCondition>,
  table: FactTable,
  compiledNamed: Map<string, CompiledCondition>,
  traced: ReadonlySet<string>,
): ClosureStage {
  return {
    rules: rules.map((rule) => ({ rule, condition: compileConditions(rule.conditions, table, named, compiledNamed), traced: traced.has(rule.rule.id) })),
  };
}

/**
 * Evaluates a stage with the compiled closures: the same outcomes as json-rules-engine ("all"
 * stages evaluate every rule; "first" stages stop at the first rule met). With `explain`, every
 * rule's outcome with its trace, in rule order; without, only the rules met and the rules whose
 * trace is always needed — the outcomes nothing else reads are not built.
 */
export function evaluateClosureStage(stage: ClosureStage, mode: "all" | "first", facts: FactSource, explain: boolean): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [];
  let decided = false;
  for (const { rule, condition, traced } of stage.rules) {
    if (decided) {
      if (explain) outcomes.push({ compiled: rule, status: "notEvaluated", trace: null });
      continue;
    }
    let met: boolean;
    let trace = null;
    if (explain || traced) {
      const evaluated = condition.trace(facts);
      met = evaluated.result;
      trace = { ...evaluated.trace, result: met };
    } else met = condition.evaluate(facts);
    if (met || explain || traced) outcomes.push({ compiled: rule, status: met ? "met" : "notMet", trace });
    if (mode === "first" && met) decided = true;
  }
  return outcomes;
}
