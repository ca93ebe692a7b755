import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDecimals, Decimal, formatMoney, moneyIssue, parseMoney } from "../src/input/decimal.js";
import { renderText, type Language } from "../src/messages/catalogue.js";

/** Why a value is not money, worded as the command line and the service word it. */
const moneyProblem = (value: unknown, allowNegative: boolean, language: Language = "zh") => {
  const issue = moneyIssue(value, allowNegative);
  return issue && renderText(issue, language);
};
import { buildHouseholdContext, figureValue } from "../src/facts/household-context.js";
import { compileRuleSet } from "../src/evaluation/compile.js";
import { loadBuiltInRuleSet } from "../src/rulesets/load.js";
import { validateHousehold } from "../src/input/validate-household.js";

describe("money", () => {
  it("adds decimals exactly: 0.1 + 0.2 is 0.3", () => {
    expect(parseMoney("0.1").plus(parseMoney("0.2")).equals(new Decimal("0.3"))).toBe(true);
    expect(parseMoney(0.1).plus(parseMoney(0.2)).toString()).toBe("0.3");
  });

  it("accepts decimal strings and JSON numbers with at most two places", () => {
    for (const ok of ["0", "12", "3500.50", "3500.5", "-0", "999999999999999.99", 12, 0.5, 90071992547409])
      expect(moneyProblem(ok, false)).toBeNull();
    expect(parseMoney("-0").toString()).toBe("0");
  });

  it("rejects three places, exponents, NaN, Infinity, signs and oversized amounts", () => {
    expect(moneyProblem("12.345", false, "en")).toMatch(/two decimal places/);
    expect(moneyProblem("12.345", false)).toBe("金额最多两位小数");
    for (const bad of ["NaN", "Infinity", "1e3", "+5", " 5", "5 ", "", "1,000", "0x10", "1234567890123456"])
      expect(moneyProblem(bad, true)).not.toBeNull();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1e400, 0.1 + 0.2, 1e21])
      expect(moneyProblem(bad, true)).not.toBeNull();
    expect(moneyProblem("-5", false, "en")).toMatch(/negative/);
    expect(moneyProblem("-5", true)).toBeNull();
    expect(moneyProblem(null, true, "en")).toMatch(/decimal string or a number/);
  });

  it("shares one zero that nobody can change", () => {
    const zero = parseMoney("0");
    expect(parseMoney(0)).toBe(zero);
    expect(() => Object.assign(zero, { s: -1 })).toThrow(TypeError);
    expect(() => zero.d.push(1)).toThrow(TypeError);
    expect(zero.plus(parseMoney("-0.00")).toString()).toBe("0");
  });

  it("compares decimals exactly as decimal.js does (property)", () => {
    const decimal = fc.oneof(
      fc
        .bigInt({ min: -(10n ** 40n), max: 10n ** 40n })
        .chain((digits) => fc.integer({ min: -30, max: 30 }).map((shift) => new Decimal(`${digits}e${shift}`))),
      fc.constantFrom(
        new Decimal(0),
        new Decimal("-0"),
        new Decimal(1),
        new Decimal(-1),
        new Decimal("1e-7"),
        new Decimal("9999999"),
        new Decimal("10000000"),
      ),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => new Decimal(n)),
    );
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(compareDecimals(a, b)).toBe(a.comparedTo(b));
        expect(compareDecimals(a, a)).toBe(0);
      }),
      { numRuns: 5000 },
    );
    expect(compareDecimals(new Decimal(Number.POSITIVE_INFINITY), new Decimal(1))).toBe(1);
  });

  it("rounds half up to two places for display", () => {
    expect(formatMoney("3333.335")).toBe("3333.34");
    expect(formatMoney("3333.334999")).toBe("3333.33");
    expect(formatMoney("-0.005")).toBe("-0.01");
    expect(formatMoney("8700")).toBe("8700.00");
  });

  it("divides per capita exactly and rounds only for display", () => {
    const validation = validateHousehold(
      {
        id: "H",
        region: { province: "530000", county: "530129" },
        householdType: "general",
        members: [1, 2, 3].map((n) => ({
          id: `M${n}`,
          birthDate: "1980-01-01",
          sex: "male",
          relation: n === 1 ? "head" : "child",
          labor: "ordinary",
          illness: "none",
          disabilityLevel: null,
          schooling: "none",
          schoolExempt: false,
          medicalInsurance: "resident",
          socialAssistance: [],
        })),
        income: { wage: "10000", business: "0", property: "0", transfer: "0", productionCost: "0" },
      },
      "2025-06-30",
    );
    if (!validation.ok) throw new Error("fixture invalid");
    const context = buildHouseholdContext(
      validation.household,
      "2025-06-30",
      [],
      compileRuleSet(loadBuiltInRuleSet("yunnan"), "2025-06-30").figures,
    );
    const perCapita = figureValue(context, "perCapitaNetIncome")!;
    expect(formatMoney(perCapita)).toBe("3333.33");
    // The exact quotient times the size gives the total back: nothing was rounded away.
    expect(perCapita.times(3).toDecimalPlaces(20).toString()).toBe("10000");
    expect(perCapita.greaterThan("3333.33")).toBe(true);
  });

  it("never loses a cent when summing many amounts (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 50 }), (cents) => {
        const total = cents.reduce((sum, c) => sum.plus(parseMoney((c / 100).toFixed(2))), new Decimal(0));
        expect(total.times(100).toNumber()).toBe(cents.reduce((a, b) => a + b, 0));
      }),
    );
  });
});

describe("money at the edges", () => {
  it("refuses JSON numbers too large to hold every cent, and never shows -0.00", () => {
    expect(moneyProblem(99999999999999.99, false, "en")).toMatch(/decimal string/);
    expect(moneyProblem("99999999999999.99", false)).toBeNull();
    expect(formatMoney("-0.001")).toBe("0.00");
    expect(formatMoney("-0.005")).toBe("-0.01");
  });
});
