import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageOn, calendarDateProblem, shiftMonths, wholeMonthsBetween, withinMonthsBefore } from "../src/input/calendar-date.js";

describe("calendar dates", () => {
  it("accepts real dates and rejects impossible ones", () => {
    expect(calendarDateProblem("2024-02-29")).toBeNull();
    for (const bad of ["2025-02-29", "2025-13-01", "2025-04-31", "0000-01-01", "2025-1-01", "20250101", 20250101, "2025-06-30T00:00:00Z"]) {
      expect(calendarDateProblem(bad)).not.toBeNull();
    }
  });

  it("counts whole years, a 29 February birthday on 1 March in common years", () => {
    expect(ageOn("2008-02-29", "2025-02-28")).toBe(16);
    expect(ageOn("2008-02-29", "2025-03-01")).toBe(17);
    expect(ageOn("2008-02-29", "2028-02-28")).toBe(19);
    expect(ageOn("2008-02-29", "2028-02-29")).toBe(20);
    expect(ageOn("1965-06-30", "2025-06-30")).toBe(60);
    expect(ageOn("1965-07-01", "2025-06-30")).toBe(59);
    expect(ageOn("2025-07-01", "2025-06-30")).toBeLessThan(0);
  });

  it("clamps month arithmetic to the end of the month", () => {
    expect(shiftMonths("2025-08-31", -6)).toBe("2025-02-28");
    expect(shiftMonths("2024-08-31", -6)).toBe("2024-02-29");
    expect(shiftMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(shiftMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(shiftMonths("2025-06-30", -12)).toBe("2024-06-30");
  });

  it("counts months since a date so that '≥ 6' means date ≤ asOf − 6 months", () => {
    expect(wholeMonthsBetween("2025-02-28", "2025-08-31")).toBe(6);
    expect(wholeMonthsBetween("2024-08-31", "2025-02-28")).toBe(5);
    expect(wholeMonthsBetween("2025-01-10", "2025-06-30")).toBe(5);
    expect(wholeMonthsBetween("2024-12-30", "2025-06-30")).toBe(6);
    expect(wholeMonthsBetween("2025-07-01", "2025-06-30")).toBeNull();
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 0, max: 60 }),
        (asOfDate, daysBack, months) => {
          const asOf = asOfDate.toISOString().slice(0, 10);
          const since = new Date(asOfDate.getTime() - daysBack * 86_400_000).toISOString().slice(0, 10);
          const counted = wholeMonthsBetween(since, asOf)!;
          expect(counted >= months).toBe(since <= shiftMonths(asOf, -months));
        },
      ),
    );
  });

  it("takes the 12-month window as (asOf − 12 months, asOf]", () => {
    expect(withinMonthsBefore("2024-06-30", "2025-06-30", 12)).toBe(false);
    expect(withinMonthsBefore("2024-07-01", "2025-06-30", 12)).toBe(true);
    expect(withinMonthsBefore("2025-06-30", "2025-06-30", 12)).toBe(true);
    expect(withinMonthsBefore("2025-07-01", "2025-06-30", 12)).toBe(false);
  });
});
