import { compareDecimals, Decimal, ExactRatio, isDecimalText } from "../input/decimal.js";

/**
 * Operators json-rules-engine lacks. Its numeric operators compare binary floats; money and
 * quotients must compare exactly, so decimals compare as decimal.js values. A null fact value (data
 * absent) never satisfies a comparison.
 */
/** Recently parsed texts: parameter values and repeated figures are parsed once. */
const parsedCache = new Map<string, Decimal>();

/** A fact value or compared value as an exact number, or null when it is not one. */
export function parseDecimal(value: unknown): Decimal | ExactRatio | null {
  if (value instanceof ExactRatio || value instanceof Decimal) return value;
  if (typeof value === "number") return Number.isFinite(value) ? new Decimal(String(value)) : null;
  if (typeof value !== "string") return null;
  let parsed = parsedCache.get(value);
  if (parsed) return parsed;
  if (!isDecimalText(value)) return null;
  parsed = new Decimal(value);
  if (parsedCache.size > 4096) parsedCache.clear();
  parsedCache.set(value, parsed);
  return parsed;
}

/** Compares two parsed values with a test on the comparison (-1, 0, 1); null never satisfies it. */
export function compareParsed(
  left: Decimal | ExactRatio | null,
  right: Decimal | ExactRatio | null,
  test: (comparison: number) => boolean,
): boolean {
  if (left === null || right === null) return false;
  if (left instanceof ExactRatio) return test(left.compare(right));
  return test(right instanceof ExactRatio ? -right.compare(left) : compareDecimals(left, right));
}

/** The decimal operators, by name: each a test on the comparison of fact value and compared value. */
export const DECIMAL_TESTS: Readonly<Record<string, (comparison: number) => boolean>> = {
  decimalEqual: (c) => c === 0,
  decimalNotEqual: (c) => c !== 0,
  decimalLessThan: (c) => c < 0,
  decimalLessThanInclusive: (c) => c <= 0,
  decimalGreaterThan: (c) => c > 0,
  decimalGreaterThanInclusive: (c) => c >= 0,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function dateOperator(name: string, test: (left: string, right: string) => boolean): CustomOperator {
  return {
    name,
    evaluate: (factValue, compareTo) =>
      typeof factValue === "string" &&
      typeof compareTo === "string" &&
      ISO_DATE.test(factValue) &&
      ISO_DATE.test(compareTo)
        ? test(factValue, compareTo)
        : false,
  };
}

/** An operator json-rules-engine lacks, as plain data: both evaluators register the same function. */
export interface CustomOperator {
  name: string;
  evaluate: (factValue: unknown, compareTo: unknown) => boolean;
}

/** The custom operators. */
export const CUSTOM_OPERATORS: readonly CustomOperator[] = [
  ...Object.entries(DECIMAL_TESTS).map(([name, test]): CustomOperator => ({
    name,
    evaluate: (factValue, compareTo) => compareParsed(parseDecimal(factValue), parseDecimal(compareTo), test),
  })),
  dateOperator("dateBefore", (a, b) => a < b),
  dateOperator("dateOnOrBefore", (a, b) => a <= b),
  dateOperator("dateAfter", (a, b) => a > b),
  dateOperator("dateOnOrAfter", (a, b) => a >= b),
];

/** json-rules-engine's own operators that dixian's rules may use. */
export const BUILT_IN_OPERATORS = [
  "equal",
  "notEqual",
  "in",
  "notIn",
  "contains",
  "doesNotContain",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
] as const;

/** Every operator name a rule may use. */
export const OPERATOR_NAMES: ReadonlySet<string> = new Set([
  ...BUILT_IN_OPERATORS,
  ...CUSTOM_OPERATORS.map((operator) => operator.name),
]);
