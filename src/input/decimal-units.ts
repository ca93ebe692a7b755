import { Decimal, ZERO } from "./decimal-core.js";

/*
 * Exact integer views of decimals, for the arithmetic every household repeats: money has at most
 * two places, so in cents it is a whole number, and while that number is a safe integer (below
 * 2^53) JavaScript's own arithmetic on it is exact and far cheaper than decimal.js. Each function
 * answers NaN when the integer view would not be exact (a quotient with more places, a sum beyond
 * 2^53), and the caller then uses decimal.js as before: the answers are the same either way.
 *
 * They read and build decimal.js's documented representation: `s` the sign, `e` the exponent of
 * the leading digit, `d` the digits in words of base 1e7, aligned so that word i holds the digits
 * of 10^(7·(w − i)) … 10^(7·(w − i) + 6) where w = floor(e / 7), without trailing zero words.
 */

const LOG_BASE = 7;
const BASE = 1e7;
const POWERS = Array.from({ length: 16 }, (_, power) => 10 ** power);

/** `x · 10^scale` as a safe integer, or NaN when that is not a whole number or not safe. */
export function unitsOf(x: Decimal, scale: number): number {
  const digits = x.d;
  // NaN and ±Infinity have no digits.
  if (!digits) return Number.NaN;
  if (digits[0] === 0) return 0;
  const leadingWord = Math.floor(x.e / LOG_BASE);
  let total = 0;
  for (let index = 0; index < digits.length; index++) {
    const word = digits[index]!;
    if (word === 0) continue;
    const power = LOG_BASE * (leadingWord - index) + scale;
    let term: number;
    if (power >= 0) {
      if (power > 15) return Number.NaN;
      term = word * POWERS[power]!;
    } else {
      if (power <= -LOG_BASE) return Number.NaN;
      const divisor = POWERS[-power]!;
      if (word % divisor !== 0) return Number.NaN;
      term = word / divisor;
    }
    if (term > Number.MAX_SAFE_INTEGER - total) return Number.NaN;
    total += term;
  }
  return x.s * total;
}

/**
 * `x · 10^scale` rounded half up (a half away from zero, as `toFixed(scale, ROUND_HALF_UP)`
 * rounds) as a safe integer, or NaN when it is not safe.
 */
export function roundedUnitsOf(x: Decimal, scale: number): number {
  const digits = x.d;
  if (!digits) return Number.NaN;
  if (digits[0] === 0) return 0;
  const leadingWord = Math.floor(x.e / LOG_BASE);
  let total = 0;
  let roundUp = false;
  for (let index = 0; index < digits.length; index++) {
    const word = digits[index]!;
    const power = LOG_BASE * (leadingWord - index) + scale;
    let term: number;
    if (power >= 0) {
      if (word === 0) continue;
      if (power > 15) return Number.NaN;
      term = word * POWERS[power]!;
    } else {
      // The first word reaching below the last place kept decides the rounding: a discarded part of
      // at least half is rounded up, whatever follows. A word wholly below it counts only from its
      // first digit (power −7); one further down is less than a tenth of the last place.
      if (power > -LOG_BASE) {
        const divisor = POWERS[-power]!;
        term = Math.floor(word / divisor);
        roundUp = word % divisor >= divisor / 2;
      } else {
        term = 0;
        roundUp = power === -LOG_BASE && word >= BASE / 2;
      }
      if (term > Number.MAX_SAFE_INTEGER - total) return Number.NaN;
      total += term;
      break;
    }
    if (term > Number.MAX_SAFE_INTEGER - total) return Number.NaN;
    total += term;
  }
  if (roundUp) {
    if (total >= Number.MAX_SAFE_INTEGER) return Number.NaN;
    total += 1;
  }
  return x.s * total;
}

/**
 * The decimal `units / 10^scale`, built as decimal.js builds it from the same number written out
 * (the same sign, exponent and digit words), for a safe integer `units`. Zero is the shared ZERO.
 */
export function decimalOfUnits(units: number, scale: number): Decimal {
  if (units === 0) return ZERO;
  let magnitude = Math.abs(units);
  // Trailing zeros are not digits of a decimal.
  while (magnitude % 10 === 0) {
    magnitude /= 10;
    scale -= 1;
  }
  let digitCount = 1;
  while (digitCount < 16 && magnitude >= POWERS[digitCount]!) digitCount++;
  // The exponent of the last digit, and how far it sits above the start of its word.
  const lastPower = -scale;
  const offset = lastPower - LOG_BASE * Math.floor(lastPower / LOG_BASE);
  const words: number[] = [];
  // The last word holds the lowest digits, padded with zeros below them.
  const lowDigits = POWERS[LOG_BASE - offset]!;
  words.push((magnitude % lowDigits) * POWERS[offset]!);
  magnitude = Math.floor(magnitude / lowDigits);
  while (magnitude > 0) {
    words.push(magnitude % BASE);
    magnitude = Math.floor(magnitude / BASE);
  }
  words.reverse();
  return decimalOf(units < 0 ? -1 : 1, lastPower + digitCount - 1, words);
}

/**
 * A decimal with the properties decimal.js's constructor gives each one, in its order; the
 * constructor itself would first read a value, a few times the cost of building one here.
 */
function decimalOf(sign: number, exponent: number, words: number[]): Decimal {
  const decimal = Object.create(Decimal.prototype) as { constructor: unknown; s: number; e: number; d: number[] };
  decimal.constructor = Decimal;
  decimal.s = sign;
  decimal.e = exponent;
  decimal.d = words;
  return decimal as unknown as Decimal;
}

/**
 * `a / b · 10^scale` rounded half up (a half away from zero) to a whole number, for a safe integer
 * `a` and a positive safe integer `b`; NaN when a step would not be exact.
 */
export function roundedQuotientUnits(a: number, b: number, scale: number): number {
  const scaled = Math.abs(a) * (POWERS[scale] ?? Number.NaN);
  if (!Number.isSafeInteger(scaled) || !Number.isSafeInteger(b) || b <= 0) return Number.NaN;
  const whole = Math.floor(scaled / b);
  // The remainder from an exact product; a discarded part of at least half rounds up.
  const remainder = scaled - whole * b;
  if (!Number.isSafeInteger(whole * b) || remainder < 0 || remainder >= b) return Number.NaN;
  const rounded = remainder >= b - remainder ? whole + 1 : whole;
  return a < 0 ? -rounded : rounded;
}

/** Digits after the point: 0 for a whole number (and for NaN and ±Infinity, which have no digits). */
export function placesOf(x: Decimal): number {
  const digits = x.d;
  if (!digits || digits[0] === 0) return 0;
  const last = digits.length - 1;
  let word = digits[last]!;
  let power = LOG_BASE * (Math.floor(x.e / LOG_BASE) - last);
  while (word % 10 === 0) {
    word /= 10;
    power += 1;
  }
  return power < 0 ? -power : 0;
}

/**
 * The sign of `a/b − c/d` (-1, 0 or 1) for positive `b` and `d`, when every product is exact: the
 * integers `a·d` and `c·b` are safe. NaN otherwise.
 */
export function compareQuotientUnits(a: number, b: number, c: number, d: number): number {
  const left = a * d;
  const right = c * b;
  // A product beyond 2^53 rounds to 2^53 or more, so a safe one is exact.
  if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right)) return Number.NaN;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** 10 to a whole power from 0 to 15. */
export function powerOfTen(power: number): number {
  return POWERS[power] ?? Number.NaN;
}

/** The whole cents of money text already accepted by the money check, or NaN when not a safe integer. */
export function centsOfMoneyText(text: string): number {
  // Read digit by digit: no substrings for every amount of every household.
  let at = text.charCodeAt(0) === 45 ? 1 : 0; // "-"
  let whole = 0;
  const wholeStart = at;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 46) break; // "."
    if (code < 48 || code > 57) return Number.NaN;
    whole = whole * 10 + (code - 48);
  }
  // At most 13 whole digits keep every amount of cents below 2^53.
  if (at - wholeStart > 13 || at === wholeStart) return Number.NaN;
  let cents = whole * 100;
  const places = text.length - at - 1;
  if (places > 0) {
    if (places > 2) return Number.NaN;
    let fraction = 0;
    for (let index = at + 1; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code < 48 || code > 57) return Number.NaN;
      fraction = fraction * 10 + (code - 48);
    }
    cents += places === 1 ? fraction * 10 : fraction;
  } else if (places === 0) return Number.NaN; // "12." is no money
  return wholeStart === 1 ? -cents : cents;
}
