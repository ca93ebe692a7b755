import type { HouseholdContext } from "../facts/household-context.js";
import type { CompiledRule, CompiledStage } from "./compile.js";
import { traceConditions, type EngineTrace } from "./condition-trace.js";

/** A rule's outcome: met, not met, or not evaluated (a first-match stage stopped before it). */
export type RuleStatus = "met" | "notMet" | "notEvaluated";

export interface RuleOutcome {
  compiled: CompiledRule;
  status: RuleStatus;
  trace: EngineTrace | null;
}

/** Which evaluator runs the rules: compiled closures (default) or json-rules-engine (the reference). */
export type EngineName = "compiled" | "json-rules-engine";
export const ENGINE_NAMES: readonly EngineName[] = ["compiled", "json-rules-engine"];

let loadingEngineFactory: Promise<typeof import("./engine-factory.js")> | null = null;
/** json-rules-engine and dixian's setup of it, loaded on first use and then kept. */
export function engineFactory(): Promise<typeof import("./engine-factory.js")> {
  return (loadingEngineFactory ??= import("./engine-factory.js"));
}

/**
 * Evaluates one stage for one household with json-rules-engine, returning every rule's outcome in
 * the stage's rule order, with traces.
 */
export async function evaluateStageWithJsonRulesEngine(stage: CompiledStage, context: HouseholdContext): Promise<RuleOutcome[]> {
  const outcomes: RuleOutcome[] = [];
  const engines = await stage.engines();
  const { runEngine } = await engineFactory();
  if (stage.mode === "all") {
    if (stage.rules.length === 0) return outcomes;
    const run = await runEngine(engines[0]!, context);
    const byName = new Map<string, { result: boolean; conditions: unknown }>();
    for (const result of [...run.results, ...run.failureResults]) byName.set(result.name, result);
    for (const compiled of stage.rules) {
      const result = byName.get(compiled.rule.id);
      outcomes.push({
        compiled,
        status: result === undefined ? "notEvaluated" : result.result ? "met" : "notMet",
        trace: result ? topLevelTrace(result.conditions, result.result) : null,
      });
    }
    return outcomes;
  }
  let decided = false;
  for (const [index, compiled] of stage.rules.entries()) {
    if (decided) {
      outcomes.push({ compiled, status: "notEvaluated", trace: null });
      continue;
    }
    const run = await runEngine(engines[index]!, context);
    const result = run.results[0] ?? run.failureResults[0];
    const met = run.results.length > 0;
    outcomes.push({ compiled, status: met ? "met" : "notMet", trace: result ? topLevelTrace(result.conditions, met) : null });
    decided = met;
  }
  return outcomes;
}

/** json-rules-engine leaves the top-level condition's own result unset; it is the rule's result. */
function topLevelTrace(conditions: unknown, met: boolean): EngineTrace {
  return { ...traceConditions(conditions as Record<string, unknown>), result: met };
}
