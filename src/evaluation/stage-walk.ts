import type { EngineTrace } from "./condition-trace.js";
import type { CompiledStage, RuleOutcome } from "./types.js";

/** What happens at the edges of a stage: the screening of a household listens. */
export interface StageListener {
  /** A stage begins (facts that read earlier stages are read afresh). */
  startStage(): void;
  /** A stage has ended: its outcomes, in rule order. */
  finishStage(outcomes: RuleOutcome[]): void;
}

/**
 * One household's walk through a compiled rule set's stages, rule by rule: the one stage loop and
 * the one first-match stop, shared by both evaluators. An evaluator only decides the rule the walk
 * stands on:
 *
 *     while (walk.next()) walk.record(met, trace);
 *
 * so the compiled evaluator runs without a promise, and json-rules-engine awaits its engine
 * between `next()` and `record()`. "all" stages evaluate every rule; "first" stages stop at the
 * first rule met, and the rules after it are not evaluated. With `explain`, every rule's outcome
 * is kept, with its trace; without, only the rules met and the rules whose trace was given (the
 * outcomes nothing else reads are not built).
 */
export class StageWalk {
  /** The stage the walk is in. */
  stage: CompiledStage | undefined = undefined;
  /** The position in `stage.rules` of the rule to evaluate next. */
  index = 0;
  private stageIndex = -1;
  private decided = false;
  private outcomes: RuleOutcome[] = [];

  constructor(
    private readonly stages: readonly CompiledStage[],
    readonly explain: boolean,
    private readonly listener: StageListener,
  ) {}

  /**
   * Moves to the next rule to evaluate, finishing and starting stages on the way; false when every
   * stage is done.
   */
  next(): boolean {
    for (;;) {
      const stage = this.stage;
      if (stage !== undefined && this.index < stage.rules.length) {
        if (!this.decided) return true;
        if (this.explain)
          this.outcomes.push({ compiled: stage.rules[this.index]!, status: "notEvaluated", trace: null });
        this.index++;
        continue;
      }
      if (stage !== undefined) this.listener.finishStage(this.outcomes);
      if (++this.stageIndex >= this.stages.length) {
        this.stage = undefined;
        return false;
      }
      this.stage = this.stages[this.stageIndex]!;
      this.index = 0;
      this.decided = false;
      this.outcomes = [];
      this.listener.startStage();
    }
  }

  /** The verdict on the current rule: met or not, with its trace when one was made. */
  record(met: boolean, trace: EngineTrace | null): void {
    const stage = this.stage!;
    const compiled = stage.rules[this.index++]!;
    if (met || this.explain || trace !== null) this.outcomes.push({ compiled, status: met ? "met" : "notMet", trace });
    if (met && stage.mode === "first") this.decided = true;
  }
}
