import { compareParsed, CUSTOM_OPERATORS, DECIMAL_TESTS, parseDecimal } from "../../rulesets/operators.js";
import { own } from "../../rulesets/own.js";

/** An operator as json-rules-engine defines one: a fact-value validator and a comparison. */
export type SyncOperator = (factValue: unknown, compareTo: unknown) => boolean;

// json-rules-engine's numeric operators first check Number.parseFloat(factValue) is a number. For a
// number (the usual fact value) that holds exactly when it is not NaN: its text always parses back.
const isNumeric = (value: unknown) =>
  typeof value === "number" ? !Number.isNaN(value) : Number.parseFloat(value as string).toString() !== "NaN";

/**
 * json-rules-engine's built-in operators, with the same validators and the same JavaScript
 * comparisons, so both evaluators agree on every input (including odd ones like numeric strings).
 */
const BUILT_IN: Record<string, SyncOperator> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumeric(a) && (a as number) >= (b as number),
};

type Decorator = { validator?: (value: unknown) => boolean; decorate: (next: SyncOperator) => SyncOperator };

/** json-rules-engine's operator decorators (`not:equal`, `someFact:lessThan`, ...). */
const DECORATORS: Record<string, Decorator> = {
  someFact: { validator: Array.isArray, decorate: (next) => (a, b) => (a as unknown[]).some((item) => next(item, b)) },
  someValue: { decorate: (next) => (a, b) => (b as unknown[]).some((item) => next(a, item)) },
  everyFact: {
    validator: Array.isArray,
    decorate: (next) => (a, b) => (a as unknown[]).every((item) => next(item, b)),
  },
  everyValue: { decorate: (next) => (a, b) => (b as unknown[]).every((item) => next(a, item)) },
  swap: { decorate: (next) => (a, b) => next(b, a) },
  not: { decorate: (next) => (a, b) => !next(a, b) },
};

const CUSTOM: Record<string, SyncOperator> = Object.fromEntries(
  CUSTOM_OPERATORS.map((operator) => [operator.name, operator.evaluate]),
);

/** The operator for a name, decorators included (`not:decimalEqual`); undefined when unknown. */
export function syncOperator(name: string): SyncOperator | undefined {
  const base = own(BUILT_IN, name) ?? own(CUSTOM, name);
  if (base) return base;
  const colon = name.indexOf(":");
  if (colon < 0) return undefined;
  const decorator = own(DECORATORS, name.slice(0, colon));
  const inner = syncOperator(name.slice(colon + 1));
  if (!decorator || !inner) return undefined;
  const decorated = decorator.decorate(inner);
  const validator = decorator.validator;
  return validator ? (a, b) => validator(a) && decorated(a, b) : decorated;
}

/**
 * For a decimal operator compared with a constant, the comparison with the constant parsed once
 * (the same test {@link syncOperator} makes); undefined for any other operator.
 */
export function constantComparison(name: string, value: unknown): ((factValue: unknown) => boolean) | undefined {
  const test = Object.prototype.hasOwnProperty.call(DECIMAL_TESTS, name) ? DECIMAL_TESTS[name] : undefined;
  if (!test) return undefined;
  const right = parseDecimal(value);
  return (factValue) => compareParsed(parseDecimal(factValue), right, test);
}

/**
 * Whether an operator can throw on the values it gets: `in` and `notIn` call the compared value's
 * `indexOf`, `someValue:` and `everyValue:` iterate it, and `swap:` turns the fact value into the
 * compared value. Only a plain `in` or `notIn` with a constant list is known to be safe.
 */
export function operatorMayThrow(name: string, constantValue: unknown): boolean {
  const parts = name.split(":");
  if (
    !parts.some(
      (part) => part === "in" || part === "notIn" || part === "someValue" || part === "everyValue" || part === "swap",
    )
  )
    return false;
  return !(parts.length === 1 && Array.isArray(constantValue));
}
