import type { HouseholdContext } from "../facts/household-context.js";
import { traceConditions, type EngineTrace } from "./condition-trace.js";
import { engineFactory } from "./load-engine.js";
import type { StageWalk } from "./stage-walk.js";
import type { CompiledStage } from "./types.js";

type EngineResult = { result: boolean; conditions: unknown };

/**
 * The json-rules-engine evaluator for one household: its verdict on the rule a walk stands on.
 * An "all" stage runs its one engine when the walk reaches the stage's first rule and reads every
 * rule's result from that run; a "first" stage runs each rule's engine when the walk reaches the
 * rule, so the rules after the first one met are never run.
 */
export class JsonRulesEngineEvaluator {
  private stageRun: { stage: CompiledStage; byName: Map<string, EngineResult> } | null = null;

  constructor(private readonly context: HouseholdContext) {}

  async evaluateRule(walk: StageWalk): Promise<void> {
    const stage = walk.stage!;
    const engines = await stage.engines();
    const { runEngine } = await engineFactory();
    if (stage.mode === "all") {
      if (this.stageRun?.stage !== stage) {
        const run = await runEngine(engines[0]!, this.context);
        const byName = new Map<string, EngineResult>();
        for (const result of [...run.results, ...run.failureResults]) byName.set(result.name, result);
        this.stageRun = { stage, byName };
      }
      const compiled = stage.rules[walk.index]!;
      const result = this.stageRun.byName.get(compiled.rule.id);
      if (!result) throw new Error(`json-rules-engine gave no result for rule ${compiled.rule.id}`);
      return walk.record(result.result, topLevelTrace(result.conditions, result.result));
    }
    const run = await runEngine(engines[walk.index]!, this.context);
    const result = run.results[0] ?? run.failureResults[0];
    const met = run.results.length > 0;
    walk.record(met, result ? topLevelTrace(result.conditions, met) : null);
  }
}

/** json-rules-engine leaves the top-level condition's own result unset; it is the rule's result. */
function topLevelTrace(conditions: unknown, met: boolean): EngineTrace {
  return { ...traceConditions(conditions as Record<string, unknown>), result: met };
}
