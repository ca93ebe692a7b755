import { DixianError } from "../errors.js";
import type { IsoDate } from "../input/calendar-date.js";
import { ZERO, type Decimal } from "../input/decimal.js";
import type { CompiledFigures } from "../facts/household-context.js";
import { decimalOfUnits, unitsOf } from "../input/decimal-units.js";
import type { Household } from "../input/household-schema.js";
import { both, type Words } from "../messages/catalogue.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { parseFigureTerm, type FigureTerm } from "../rulesets/figure-terms.js";

type FigureField = Extract<FigureTerm, { kind: "field" }>;
import type { Figure, FigureVariant } from "../rulesets/schema.js";

/** The variant of a figure in force on a date (the latest starting on or before it, unless ended), or null. */
export function variantInForce(figure: Figure, asOf: IsoDate): FigureVariant | null {
  let candidate: FigureVariant | null = null;
  for (const variant of figure.variants) {
    if (variant.from === undefined || variant.from <= asOf) {
      if (!candidate || (variant.from ?? "") >= (candidate.from ?? "")) candidate = variant;
    }
  }
  if (!candidate || (candidate.until !== undefined && candidate.until < asOf)) return null;
  return candidate;
}

/** Reads one operand of a household: an input field (an absent optional one is 0) or a figure computed earlier. */
type Operand = (household: Household, values: Decimal[]) => Decimal;

type Step = { add: Operand[]; subtract: Operand[] } | { perMember: number };

function fieldOperand(group: FigureField["group"], field: string): Operand {
  // Validation leaves required fields as decimals and optional ones undefined; `expenses` is always an object.
  if (group === "income")
    return (household) => (household.income as unknown as Record<string, Decimal | undefined>)[field] ?? ZERO;
  if (group === "expenses")
    return (household) => (household.expenses as unknown as Record<string, Decimal | undefined>)[field] ?? ZERO;
  return (household) =>
    (household.previousIncome as unknown as Record<string, Decimal | undefined> | null | undefined)?.[field] ?? ZERO;
}

/**
 * Compiles the figures a rule set defines on `asOf`. A figure (or a figure it reads) that `required`
 * names but that has no definition in force throws E_NO_FIGURE_IN_FORCE naming it, the date and the
 * file where a definition belongs. Figures not in force and not needed are left out.
 */
export function compileFigures(ruleSet: RuleSet, asOf: IsoDate, required: Iterable<string>): CompiledFigures {
  const ids: string[] = [];
  const index = new Map<string, number>();
  const steps: Step[] = [];
  const visiting = new Set<string>();
  const missing = (id: string, by: string | null): never => {
    const origin = ruleSet.origins.get(`figure:${id}`);
    const file = origin?.file ?? "figures.json";
    const readBy: Words = by ? both("figureReadBy", { by }) : "";
    throw new DixianError(
      "E_NO_FIGURE_IN_FORCE",
      both("figureNotInForce", { ruleSet: ruleSet.id, name: id, readBy, asOf, file }),
      [
        {
          ...(origin ?? { file, path: `/${id}` }),
          message: both("figureNotInForceHere", { name: id, asOf }),
        },
      ],
    );
  };
  const visit = (id: string, by: string | null): number => {
    const known = index.get(id);
    if (known !== undefined) return known;
    const figure = Object.hasOwn(ruleSet.figures, id) ? ruleSet.figures[id] : undefined;
    const variant = figure ? variantInForce(figure, asOf) : null;
    if (!variant) return missing(id, by);
    // Rule-set validation rejects cycles; this guard keeps a hand-built rule set from recursing forever.
    if (visiting.has(id)) throw new DixianError("E_RULESET_CYCLE", both("figureReadsItselfOn", { name: id, asOf }));
    visiting.add(id);
    const operand = (term: string): Operand => {
      const parsed = parseFigureTerm(term);
      if (parsed.kind === "field") return fieldOperand(parsed.group, parsed.field);
      if (parsed.kind === "figure") {
        const at = visit(parsed.id, id);
        return (_household, values) => values[at]!;
      }
      throw new DixianError("E_RULESET_REFERENCE", both("figureReadsUnknownField", { name: id, term }));
    };
    let step: Step;
    if ("perMember" in variant) {
      const at = visit(variant.perMember, id);
      step = { perMember: at };
    } else {
      step = { add: variant.add.map(operand), subtract: variant.subtract.map(operand) };
    }
    visiting.delete(id);
    const position = ids.length;
    ids.push(id);
    index.set(id, position);
    steps.push(step);
    return position;
  };
  for (const id of required) visit(id, null);

  return {
    ids,
    index,
    compute(household) {
      const values = new Array<Decimal>(steps.length);
      // Each value in whole cents too, while that is exact: sums and exact quotients of cents are
      // then plain integer arithmetic, giving the same decimals as decimal.js would.
      const cents = new Array<number>(steps.length);
      const members = household.members.length;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]!;
        if ("perMember" in step) {
          const total = cents[step.perMember]!;
          if (total % members === 0) {
            const share = total / members;
            cents[i] = share;
            values[i] = decimalOfUnits(share, 2);
          } else {
            // Not whole cents (or not exact in cents): decimal.js's quotient, to its 34 digits.
            cents[i] = Number.NaN;
            values[i] = values[step.perMember]!.dividedBy(members);
          }
          continue;
        }
        // Starting from the first term (not 0 + it) keeps the arithmetic exactly as written.
        const first = step.add.length ? step.add[0]!(household, values) : ZERO;
        // Every partial sum must be a safe integer: one beyond 2^53 is already rounded.
        let total = unitsOf(first, 2);
        for (let t = 1; t < step.add.length && Number.isSafeInteger(total); t++)
          total += unitsOf(step.add[t]!(household, values), 2);
        for (let t = 0; t < step.subtract.length && Number.isSafeInteger(total); t++)
          total -= unitsOf(step.subtract[t]!(household, values), 2);
        if (Number.isSafeInteger(total)) {
          cents[i] = total;
          values[i] = step.add.length === 1 && step.subtract.length === 0 ? first : decimalOfUnits(total, 2);
          continue;
        }
        cents[i] = Number.NaN;
        let exact = first;
        for (let t = 1; t < step.add.length; t++) exact = exact.plus(step.add[t]!(household, values));
        for (const operand of step.subtract) exact = exact.minus(operand(household, values));
        values[i] = exact;
      }
      return values;
    },
  };
}
