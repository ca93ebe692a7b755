import { FACTS } from "./catalogue.js";
import type { FactDefinition } from "./fact-definition.js";
import type { HouseholdContext } from "./household-context.js";
import { STAGE_FACT_IDS } from "./stage-facts.js";

/** One distinct (fact, params) pair a rule set reads. */
export interface FactSlot {
  fact: string;
  /** From the catalogue (rule-set validation rejects an unknown fact before anything is compiled). */
  definition: FactDefinition<any>;
  params: Record<string, unknown>;
  /** Whether the fact reads earlier stages, so its value changes from stage to stage. */
  readsStages: boolean;
}

/**
 * Numbers every distinct (fact, params) pair of a compiled rule set once, so a household's fact
 * values live in an array indexed by slot instead of a map keyed by text.
 */
export class FactTable {
  readonly slots: FactSlot[] = [];
  /** The slots whose facts read earlier stages. */
  readonly stageSlots: number[] = [];
  private readonly byKey = new Map<string, number>();

  /** The slot of a fact with params (already parsed by the fact's params schema); added when new. */
  slotFor(factId: string, params: Record<string, unknown> | undefined): number {
    const key = `${factId}\u0000${JSON.stringify(params ?? {})}`;
    let slot = this.byKey.get(key);
    if (slot === undefined) {
      const definition = FACTS.get(factId)!;
      slot = this.slots.length;
      const readsStages = STAGE_FACT_IDS.has(factId);
      this.slots.push({ fact: factId, definition, params: params ?? {}, readsStages });
      if (readsStages) this.stageSlots.push(slot);
      this.byKey.set(key, slot);
    }
    return slot;
  }
}

const NOT_COMPUTED = Symbol("not computed");

/**
 * One household's fact values: each computed at most once, on first read. Facts that read earlier
 * stages are forgotten when the next stage starts ({@link HouseholdFacts.nextStage}).
 */
export class HouseholdFacts {
  private readonly values: unknown[];

  constructor(
    private readonly table: FactTable,
    readonly context: HouseholdContext,
  ) {
    this.values = new Array(table.slots.length).fill(NOT_COMPUTED);
  }

  value(slot: number): unknown {
    if (slot >= this.values.length) {
      // A slot added after this household started (a reason placeholder seen for the first time).
      const { definition, params } = this.table.slots[slot]!;
      return definition.compute(this.context, params);
    }
    let value = this.values[slot];
    if (value === NOT_COMPUTED) {
      const { definition, params } = this.table.slots[slot]!;
      value = this.values[slot] = definition.compute(this.context, params);
    }
    return value;
  }

  /**
   * The value as of now, for text written while a stage's events are applied: facts that read
   * earlier stages are computed afresh, since each event may change them.
   */
  current(slot: number): unknown {
    const { definition, params, readsStages } = this.table.slots[slot]!;
    return readsStages ? definition.compute(this.context, params) : this.value(slot);
  }

  /** Forgets the values of facts that read earlier stages, which the stage just finished may change. */
  nextStage(): void {
    for (const slot of this.table.stageSlots) if (slot < this.values.length) this.values[slot] = NOT_COMPUTED;
  }
}
