import { Decimal as DecimalJs } from "decimal.js";
import { renderText, type MessageText, type Language } from "../messages/catalogue.js";

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

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Whether a value is plain decimal text such as "1234" or "-0.5" (no sign other than "-", no exponent). */
export function isDecimalText(value: unknown): value is string {
  return typeof value === "string" && DECIMAL_TEXT.test(value);
}

const MONEY_PATTERN = /^-?(0|[1-9]\d{0,14})(\.\d{1,2})?$/;

/** Why a value is not acceptable as money, in words of the language, or null when it is. */
export function moneyProblem(value: unknown, allowNegative: boolean, language: Language = "zh"): string | null {
  const problem = moneyIssue(value, allowNegative);
  return problem && renderText(problem, language);
}

/** Why a value is not acceptable as money (a message not yet put into words), or null when it is. */
export function moneyIssue(value: unknown, allowNegative: boolean): MessageText | null {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { id: "moneyNotFinite" };
    // Beyond this a binary number cannot hold every cent: the amount may already have been changed.
    if (Math.abs(value) * 100 > Number.MAX_SAFE_INTEGER) return { id: "moneyTooLargeForNumber" };
    // The shortest round-trip form of a JSON number is the decimal its author wrote.
    text = String(value);
  } else if (typeof value === "string") {
    text = value;
  } else {
    return { id: "moneyType" };
  }
  if (!MONEY_PATTERN.test(text)) return { id: /^-?\d+\.\d{3,}$/.test(text) ? "moneyDecimals" : "moneyFormat" };
  if (!allowNegative && text.startsWith("-") && !new Decimal(text).isZero()) return { id: "moneyNegative" };
  return null;
}

/**
 * Zero. decimal.js operations return new decimals and never change their operands, so one zero
 * serves everywhere; it is frozen so that no caller can change it for all the others.
 */
export const ZERO: Decimal = Object.freeze(Object.assign(new Decimal(0), { d: Object.freeze([0]) }));

/** Parses a value already accepted by {@link moneyProblem}; `-0` becomes `0`. */
export function parseMoney(value: string | number): Decimal {
  // Zero is the commonest amount (no business income, no payout): no parsing for it.
  if (value === "0" || value === 0) return ZERO;
  const parsed = new Decimal(typeof value === "number" ? String(value) : value);
  return parsed.isZero() ? ZERO : parsed;
}

/**
 * Compares two decimals (-1, 0 or 1) as `a.comparedTo(b)` does, without the copy of `b` that
 * decimal.js makes first: comparisons run for every rule of every household. Reads the documented
 * read-only properties `s` (sign), `e` (exponent) and `d` (digits in base 1e7).
 */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const ad = a.d;
  const bd = b.d;
  // NaN and ±Infinity have no digits: leave them to decimal.js.
  if (!ad || !bd) return a.comparedTo(b);
  if (!ad[0] || !bd[0]) return ad[0] ? a.s : bd[0] ? -b.s : 0;
  if (a.s !== b.s) return a.s;
  const sign = a.s;
  if (a.e !== b.e) return a.e > b.e ? sign : -sign;
  const length = Math.min(ad.length, bd.length);
  for (let index = 0; index < length; index++) {
    if (ad[index] !== bd[index]) return ad[index]! > bd[index]! ? sign : -sign;
  }
  return ad.length === bd.length ? 0 : ad.length > bd.length ? sign : -sign;
}

/** Rounds half-up to two places for display: `"1234.50"`. */
export function formatMoney(value: Decimal | string): string {
  const text = (value instanceof Decimal ? value : new Decimal(value)).toFixed(2, Decimal.ROUND_HALF_UP);
  return text === "-0.00" ? "0.00" : text;
}

/** The exact decimal text of a value, as facts report it: no exponent, no trailing zeros. */
export function decimalText(value: Decimal): string {
  return value.isZero() ? "0" : value.toString();
}

/**
 * An exact quotient kept as numerator and denominator (denominator > 0). Comparisons
 * cross-multiply, so no division happens unless the value is shown; it shows (and serializes) as
 * the decimal text of the quotient.
 */
export class ExactRatio {
  constructor(
    readonly numerator: Decimal,
    readonly denominator: Decimal,
  ) {}
  private text: string | undefined;
  /** Compares with a decimal or another ratio: -1, 0 or 1. */
  compare(other: Decimal | ExactRatio): number {
    if (other instanceof ExactRatio)
      return compareDecimals(this.numerator.times(other.denominator), other.numerator.times(this.denominator));
    return compareDecimals(this.numerator, other.times(this.denominator));
  }
  toString(): string {
    return (this.text ??= decimalText(this.numerator.dividedBy(this.denominator)));
  }
  toJSON(): string {
    return this.toString();
  }
}
