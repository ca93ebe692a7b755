import { Decimal as DecimalJs } from "decimal.js";

/**
 * The decimal type used for all money and ratio arithmetic.
 *
 * A private clone of decimal.js, so dixian never changes the global configuration a host
 * application may rely on. Amounts have at most 15 integer digits and two places, so two different
 * quotients of them (per-capita income, a spending share) differ by more than 1e-19 of their size;
 * 34 significant digits (as IEEE decimal128) can therefore never let rounding decide a comparison
 * with a threshold. `toExpPos`/`toExpNeg` keep `toString()` free of exponent notation.
 */
export const Decimal = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});
export type Decimal = InstanceType<typeof Decimal>;

/**
 * Zero. decimal.js operations return new decimals and never change their operands, so one zero
 * serves everywhere; it is frozen so that no caller can change it for all the others.
 */
export const ZERO: Decimal = Object.freeze(Object.assign(new Decimal(0), { d: Object.freeze([0]) }));
