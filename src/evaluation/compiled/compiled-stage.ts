import type { FactTable } from "../../facts/fact-table.js";
import type { TopLevelCondition } from "../../rulesets/schema.js";
import type { StageWalk } from "../stage-walk.js";
import type { ClosureStage, CompiledRule } from "../types.js";
import { compileConditions, type CompiledCondition, type FactSource } from "./compile-condition.js";

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
    rules: rules.map((rule) => ({
      rule,
      condition: compileConditions(rule.conditions, table, named, compiledNamed),
      traced: traced.has(rule.rule.id),
    })),
  };
}

/**
 * The compiled evaluator's verdict on the rule the walk stands on, synchronously. The trace is
 * built only when it is wanted (explanations, or a rule whose conditions become reasons);
 * otherwise the condition stops at its first decisive child.
 */
export function evaluateClosureRule(walk: StageWalk, facts: FactSource): void {
  const { condition, traced } = walk.stage!.closures.rules[walk.index]!;
  if (walk.explain || traced) {
    const evaluated = condition.trace(facts);
    walk.record(evaluated.result, { ...evaluated.trace, result: evaluated.result });
  } else walk.record(condition.evaluate(facts), null);
}
