import { ageOn, type IsoDate } from "../input/calendar-date.js";
import { ZERO, type Decimal } from "../input/decimal.js";
import {
  GUARANTEE_ITEMS,
  type Category,
  type ExpenseKind,
  type Flag,
  type GuaranteeItem,
  type GuaranteeStatus,
  type IncomeComponent,
  type MeasureKind,
} from "../input/enums.js";
import type { Household } from "../input/household-schema.js";
import type { CompiledFigures } from "./figures.js";

/** A measure as the later stages see it: from the catalogue, suggested or already in place. */
export interface MeasureRef {
  id: string;
  group: string | null;
  kind: MeasureKind | null;
}

/** What earlier stages decided; later stages read it through facts. */
export interface StageOutputs {
  riskTypes: Set<string>;
  guarantees: Record<GuaranteeItem, GuaranteeStatus>;
  flag: Flag | null;
  category: Category | null;
  /** Suggested so far, by id. */
  suggestedMeasures: Map<string, MeasureRef>;
}

/**
 * Everything about one household on one as-of date that facts read, computed once: money totals,
 * per-capita figures, ages. Pure data; the same household and date always give the same context.
 */
export interface HouseholdContext {
  household: Household;
  asOf: IsoDate;
  /** Age in whole years on `asOf`, parallel to `household.members`. */
  ages: number[];
  income: Record<IncomeComponent | "insurancePayout", Decimal>;
  expenses: Record<ExpenseKind, Decimal>;
  /**
   * The rule set's figures (householdNetIncome, perCapitaNetIncome, …) as it defines them on `asOf`,
   * exact (quotients not rounded), in the order of `figureIds`; read them with {@link figureValue}.
   */
  figures: Decimal[];
  figureIndex: ReadonlyMap<string, number>;
  /** Measures already in place: recorded on `monitoring.measures` or a member's `socialAssistance`. */
  inPlaceMeasures: MeasureRef[];
  /** The rule set's parameters that have a value on `asOf` (the same for every household of a screening). */
  parametersWithValue: ReadonlySet<string>;
  stages: StageOutputs;
}

/** A figure of the household as the rule set defines it, or null when the rule set does not compute it on this date. */
export function figureValue(context: HouseholdContext, id: string): Decimal | null {
  const at = context.figureIndex.get(id);
  return at === undefined ? null : context.figures[at]!;
}

/** Every 3+1 item "ok" until a rule says otherwise, in the contract's order (results keep it). */
const ALL_GUARANTEES_OK = Object.freeze(
  Object.fromEntries(GUARANTEE_ITEMS.map((item) => [item, "ok"])) as Record<GuaranteeItem, GuaranteeStatus>,
);

/**
 * Builds the context for one validated household; `inPlaceMeasures` come from the rule set's
 * catalogue, `figures` are the rule set's figure definitions compiled for `asOf`.
 */
export function buildHouseholdContext(
  household: Household,
  asOf: IsoDate,
  inPlaceMeasures: MeasureRef[],
  figures: CompiledFigures,
  parametersWithValue: ReadonlySet<string> = new Set(),
): HouseholdContext {
  const zero = ZERO;
  const income = {
    wage: household.income.wage,
    business: household.income.business,
    property: household.income.property,
    transfer: household.income.transfer,
    productionCost: household.income.productionCost,
    insurancePayout: household.income.insurancePayout ?? zero,
  };
  const expenses = {
    medical: household.expenses.medical ?? zero,
    education: household.expenses.education ?? zero,
    other: household.expenses.other ?? zero,
  };
  return {
    household,
    asOf,
    ages: household.members.map((member) => ageOn(member.birthDate, asOf)),
    income,
    expenses,
    figures: figures.compute(household),
    figureIndex: figures.index,
    inPlaceMeasures,
    parametersWithValue,
    stages: {
      riskTypes: new Set(),
      guarantees: { ...ALL_GUARANTEES_OK },
      flag: null,
      category: null,
      suggestedMeasures: new Map(),
    },
  };
}
