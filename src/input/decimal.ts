import { Decimal, ZERO } from "./decimal-core.js";
import {
  centsOfMoneyText,
  compareQuotientUnits,
  decimalOfUnits,
  placesOf,
  powerOfTen,
  roundedUnitsOf,
  unitsOf,
} from "./decimal-units.js";
import type { MessageText } from "../messages/catalogue.js";

export { Decimal, ZERO } from "./decimal-core.js";

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Whether a value is plain decimal text such as "1234" or "-0.5" (no sign other than "-", no exponent). */
export function isDecimalText(value: unknown): value is string {
  return typeof value === "string" && DECIMAL_TEXT.test(value);
}

const MONEY_PATTERN = /^-?(0|[1-9]\d{0,14})(\.\d{1,2})?$/;

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

/** Parses a value already accepted by {@link moneyIssue}; `-0` becomes `0`. */
export function parseMoney(value: string | number): Decimal {
  // Zero is the commonest amount (no business income, no payout): no parsing for it.
  if (value === "0" || value === 0) return ZERO;
  const text = typeof value === "number" ? String(value) : value;
  // Whole cents build the decimal directly, without decimal.js reading the text (the same decimal).
  const cents = centsOfMoneyText(text);
  if (!Number.isNaN(cents)) return decimalOfUnits(cents, 2);
  const parsed = new Decimal(text);
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
  if (value instanceof Decimal) {
    // In whole cents, rounded as toFixed rounds, when that is a safe integer: no decimal.js formatting.
    const cents = roundedUnitsOf(value, 2);
    if (!Number.isNaN(cents)) return centsText(cents);
  }
  const text = (value instanceof Decimal ? value : new Decimal(value)).toFixed(2, Decimal.ROUND_HALF_UP);
  return text === "-0.00" ? "0.00" : text;
}

/** Whole cents written as yuan with two places; zero is never negative. */
function centsText(cents: number): string {
  const magnitude = Math.abs(cents);
  const fraction = magnitude % 100;
  return `${cents < 0 ? "-" : ""}${Math.floor(magnitude / 100)}.${fraction < 10 ? "0" : ""}${fraction}`;
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
    // Money in whole cents, the other value in whole units of its last place: when the cross
    // products are safe integers, they compare exactly without decimal.js.
    const numerator = unitsOf(this.numerator, 2);
    const denominator = unitsOf(this.denominator, 2);
    if (other instanceof ExactRatio) {
      const sign = compareQuotientUnits(
        numerator,
        denominator,
        unitsOf(other.numerator, 2),
        unitsOf(other.denominator, 2),
      );
      if (!Number.isNaN(sign)) return sign;
      return compareDecimals(this.numerator.times(other.denominator), other.numerator.times(this.denominator));
    }
    const places = placesOf(other);
    const sign = compareQuotientUnits(numerator, denominator, unitsOf(other, places), powerOfTen(places));
    if (!Number.isNaN(sign)) return sign;
    return compareDecimals(this.numerator, other.times(this.denominator));
  }
  toString(): string {
    return (this.text ??= decimalText(this.numerator.dividedBy(this.denominator)));
  }
  toJSON(): string {
    return this.toString();
  }
}
