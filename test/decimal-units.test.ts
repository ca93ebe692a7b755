import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFigures } from "../src/evaluation/figures.js";
import { RESULT_FIGURES } from "../src/rulesets/figure-terms.js";
import { compareDecimals, Decimal, ExactRatio, formatMoney, parseMoney, ZERO } from "../src/input/decimal.js";
import type { Household } from "../src/input/household-schema.js";
import { loadBuiltInRuleSet } from "../src/rulesets/load.js";
import type { RuleSet } from "../src/rulesets/rule-set.js";
import { formatValue } from "../src/results/format-value.js";
import { centsOfMoneyText, decimalOfUnits, placesOf, roundedUnitsOf, unitsOf } from "../src/input/decimal-units.js";

/**
 * The integer views of decimals (src/input/decimal-units.ts) against decimal.js itself: each gives
 * what decimal.js would, or NaN where it must leave the answer to decimal.js.
 */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Decimal text: a sign, up to 22 digits before the point and 22 after, zeros often. */
const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.stringMatching(/^(0|[1-9][0-9]{0,21}|[1-9]0{1,21})$/),
    fc.oneof(fc.constant(""), fc.stringMatching(/^[0-9]{1,22}$/), fc.stringMatching(/^0{0,12}[1-9]0{0,8}$/)),
  )
  .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`);

/** Numbers of units on either side of 2^53, written with the point `places` from the right and a tail of further digits. */
const nearLimit = fc
  .tuple(
    fc.integer({ min: -3, max: 3 }),
    fc.integer({ min: 0, max: 6 }),
    fc.constantFrom("", "4", "5", "49", "50", "51"),
  )
  .map(([delta, places, tail]) => {
    const digits = (SAFE + BigInt(delta)).toString();
    const whole = digits.slice(0, digits.length - places);
    return new Decimal(`${whole}.${digits.slice(digits.length - places)}${tail}`.replace(/\.$/, ""));
  });

/** Decimals as they arise: written out, or quotients of money by a number of members, sums and products. */
const decimal = fc.oneof(
  decimalText.map((text) => new Decimal(text)),
  nearLimit,
  fc
    .tuple(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), fc.integer({ min: 1, max: 100 }))
    .map(([cents, members]) => new Decimal(cents).dividedBy(100).dividedBy(members)),
  fc.tuple(decimalText, decimalText).map(([a, b]) => new Decimal(a).times(b)),
);

const scale = fc.integer({ min: 0, max: 6 });

/** `x · 10^scale` exactly, as a BigInt, or null when it is not a whole number. */
function exactUnits(x: Decimal, places: number): bigint | null {
  const scaled = x.times(new Decimal(10).pow(places));
  return scaled.isInteger() ? BigInt(scaled.toFixed(0)) : null;
}

const asNumber = (units: bigint | null) =>
  units === null || units > SAFE || units < -SAFE ? Number.NaN : Number(units);

/** Money text the money check accepts: up to 15 whole digits, up to two places. */
const moneyText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.stringMatching(/^(0|[1-9][0-9]{0,14})$/), fc.stringMatching(/^[1-9][0-9]{11,14}$/)),
    fc.oneof(fc.constant(""), fc.stringMatching(/^[0-9]{1,2}$/)),
  )
  .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`);

describe("integer views of decimals", () => {
  it("builds from whole units the very decimal decimal.js reads from the same number written out", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -(10 ** 9), max: 10 ** 9 })),
        scale,
        (units, places) => {
          const text = units === 0 ? "0" : new Decimal(units).dividedBy(new Decimal(10).pow(places)).toFixed();
          const built = decimalOfUnits(units, places);
          expect(built).toStrictEqual(units === 0 ? ZERO : new Decimal(text));
          expect(built.toString()).toBe(new Decimal(text).toString());
          expect(unitsOf(built, places)).toBe(units === 0 ? 0 : units);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads a decimal as whole units exactly when decimal.js says it is a safe whole number of them", () => {
    fc.assert(
      fc.property(decimal, scale, (x, places) => {
        const expected = asNumber(exactUnits(x, places));
        const units = unitsOf(x, places);
        if (Number.isNaN(expected)) expect(units).toBeNaN();
        else expect(units === expected).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("rounds half up to whole units exactly as toFixed rounds", () => {
    fc.assert(
      fc.property(fc.oneof(decimal, nearLimit), scale, (x, places) => {
        const rounded = x.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
        const expected = asNumber(exactUnits(rounded, places));
        const units = roundedUnitsOf(x, places);
        if (Number.isNaN(expected)) expect(units).toBeNaN();
        else expect(units === expected).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("counts the places of a decimal as its shortest text shows them", () => {
    fc.assert(
      fc.property(decimal, (x) => {
        const text = x.toFixed();
        expect(placesOf(x)).toBe(text.includes(".") ? text.length - text.indexOf(".") - 1 : 0);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads whole cents from money text", () => {
    fc.assert(
      fc.property(moneyText, (text) => {
        const cents = centsOfMoneyText(text);
        const expected = asNumber(exactUnits(new Decimal(text), 2));
        if (text.replace(/^-/, "").split(".")[0]!.length > 13) expect(cents).toBeNaN();
        else expect(cents === expected).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("parses money into the same decimal as decimal.js, and formats any decimal as toFixed does", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          moneyText,
          fc.integer({ min: -(10 ** 13), max: 10 ** 13 }).map((cents) => cents / 100),
        ),
        (value) => {
          const expected = new Decimal(typeof value === "number" ? String(value) : value);
          expect(parseMoney(value)).toStrictEqual(expected.isZero() ? ZERO : expected);
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(decimal, (x) => {
        const text = x.toFixed(2, Decimal.ROUND_HALF_UP);
        expect(formatMoney(x)).toBe(text === "-0.00" ? "0.00" : text);
      }),
      { numRuns: 5000 },
    );
  });
});

/** Money as validation makes it: up to 15 whole digits (beyond 2^53 cents too), at most two places. */
const money = fc.oneof(
  fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map((cents) => parseMoney((cents / 100).toFixed(2))),
  moneyText.map((text) => parseMoney(text)),
);
const positiveMoney = money.filter((amount) => compareDecimals(amount, ZERO) > 0);

describe("exact arithmetic in whole cents", () => {
  it("compares a ratio of money with a decimal or another ratio as cross-multiplying decimals does", () => {
    const reference = (ratio: ExactRatio, other: Decimal | ExactRatio) =>
      other instanceof ExactRatio
        ? compareDecimals(ratio.numerator.times(other.denominator), other.numerator.times(ratio.denominator))
        : compareDecimals(ratio.numerator, other.times(ratio.denominator));
    const ratio = fc
      .tuple(money, positiveMoney)
      .map(([numerator, denominator]) => new ExactRatio(numerator, denominator));
    fc.assert(
      fc.property(ratio, fc.oneof(decimal, ratio), (left, right) => {
        expect(left.compare(right)).toBe(reference(left, right));
      }),
      { numRuns: 5000 },
    );
    // Shown as a percentage as its 34-digit quotient is shown.
    fc.assert(
      fc.property(ratio, fc.constantFrom<("zh" | "en")[]>("zh", "en"), (value, language) => {
        const text = `${new Decimal(String(value)).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()}%`;
        expect(formatValue(value, "ratio", language)).toBe(text);
      }),
      { numRuns: 5000 },
    );
    for (const [numerator, denominator] of [
      ["-0.01", "100000"],
      ["1", "3"],
      ["2", "3"],
      ["1", "8"],
      ["-1", "8"],
      ["0", "5"],
    ])
      expect(formatValue(new ExactRatio(parseMoney(numerator!), parseMoney(denominator!)), "ratio", "zh")).toBe(
        `${new Decimal(numerator!).dividedBy(denominator!).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()}%`,
      );
    // Equal values, which the random ones rarely are.
    const half = new ExactRatio(parseMoney("50"), parseMoney("100"));
    expect(half.compare(new Decimal("0.5"))).toBe(0);
    expect(half.compare(new ExactRatio(parseMoney("0.01"), parseMoney("0.02")))).toBe(0);
  });

  it("computes the shipped figures as decimal.js arithmetic does", () => {
    const figures = compileFigures(loadBuiltInRuleSet("cn"), "2025-06-30", RESULT_FIGURES);
    const household = fc.record({
      members: fc.integer({ min: 1, max: 100 }),
      income: fc.record({ wage: money, business: money, property: money, transfer: money, productionCost: money }),
      insurancePayout: fc.option(money, { nil: undefined }),
      expenses: fc.record({ medical: money, education: money, other: money }, { requiredKeys: [] }),
    });
    fc.assert(
      fc.property(household, ({ members, income, insurancePayout, expenses }) => {
        const values = figures.compute({
          members: Array.from({ length: members }),
          income: { ...income, insurancePayout },
          expenses,
        } as unknown as Household);
        const net = income.wage
          .plus(income.business)
          .plus(income.property)
          .plus(income.transfer)
          .minus(income.productionCost);
        const adjusted = net
          .plus(insurancePayout ?? ZERO)
          .minus(expenses.medical ?? ZERO)
          .minus(expenses.education ?? ZERO)
          .minus(expenses.other ?? ZERO);
        const expected: Record<string, Decimal> = {
          householdNetIncome: net,
          adjustedNetIncome: adjusted,
          perCapitaNetIncome: net.dividedBy(members),
          adjustedPerCapitaIncome: adjusted.dividedBy(members),
        };
        for (const [id, at] of figures.index) {
          const value = values[at]!;
          // decimal.js makes a zero of its own; the figures give the shared one.
          expect(value).toStrictEqual(expected[id]!.isZero() ? ZERO : expected[id]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("a figure of many large terms", () => {
  it("is summed in whole cents only while every partial sum is exact", () => {
    const terms = ["income.wage", "income.business", "income.property", "income.transfer", "expenses.medical"];
    const ruleSet = {
      id: "many-terms",
      origins: new Map(),
      figures: { total: { variants: [{ add: [...terms, "expenses.other"], subtract: ["expenses.education"] }] } },
    } as unknown as RuleSet;
    const figures = compileFigures(ruleSet, "2025-06-30", ["total"]);
    // Amounts near the largest exact cents, of both signs, so partial sums pass 2^53 and come back.
    const large = fc
      .tuple(fc.boolean(), fc.integer({ min: 8 * 10 ** 12, max: 10 ** 13 - 1 }), fc.integer({ min: 0, max: 99 }))
      .map(([negative, whole, cents]) =>
        parseMoney(`${negative ? "-" : ""}${whole}.${String(cents).padStart(2, "0")}`),
      );
    const amount = fc.oneof(large, money);
    fc.assert(
      fc.property(fc.array(amount, { minLength: 7, maxLength: 7 }), (amounts) => {
        const [wage, business, property, transfer, medical, other, education] = amounts;
        const values = figures.compute({
          members: [{}],
          income: { wage, business, property, transfer, productionCost: ZERO },
          expenses: { medical, education, other },
        } as unknown as Household);
        const expected = wage!
          .plus(business!)
          .plus(property!)
          .plus(transfer!)
          .plus(medical!)
          .plus(other!)
          .minus(education!);
        expect(values[0]).toStrictEqual(expected.isZero() ? ZERO : expected);
      }),
      { numRuns: 3000 },
    );
  });
});
