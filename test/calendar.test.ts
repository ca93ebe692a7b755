import { differenceInYears } from "date-fns/differenceInYears";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ageOn,
  calendarDateIssue,
  shiftMonths,
  shiftMonthsCached,
  wholeMonthsBetween,
  withinMonthsBefore,
} from "../src/input/calendar-date.js";

/** Dates written YYYY-MM-DD between two dates. */
const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

/** The age date-fns gives, computed directly at local noon (negative when born after the as-of date). */
function dateFnsAge(birth: string, asOf: string): number {
  const noon = (text: string) =>
    new Date(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)), 12);
  return birth > asOf ? -differenceInYears(noon(birth), noon(asOf)) - 1 : differenceInYears(noon(asOf), noon(birth));
}

describe("calendar dates", () => {
  it("accepts real dates and rejects impossible ones", () => {
    for (const good of ["2024-02-29", "2000-02-29", "1904-02-29", "2199-12-31", "1900-01-01"])
      expect(calendarDateIssue(good)).toBeNull();
    for (const bad of [
      "2025-02-29",
      "1900-02-29",
      "2100-02-29",
      "1899-12-31",
      "2200-01-01",
      "2025-13-01",
      "2025-04-31",
      "0000-01-01",
      "2025-1-01",
      "20250101",
      20250101,
      "2025-06-30T00:00:00Z",
    ]) {
      expect(calendarDateIssue(bad)).not.toBeNull();
    }
  });

  it("accepts exactly the days the Gregorian calendar has, 1900 to 2199 (property)", () => {
    const pad = (n: number, width: number) => String(n).padStart(width, "0");
    fc.assert(
      fc.property(
        fc.integer({ min: 1890, max: 2210 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const real = new Date(Date.UTC(year, month - 1, day));
          const exists =
            real.getUTCFullYear() === year &&
            real.getUTCMonth() === month - 1 &&
            real.getUTCDate() === day &&
            year >= 1900 &&
            year <= 2199;
          expect(calendarDateIssue(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`) === null).toBe(exists);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("gives the date-fns age for any birth date and as-of date, first time and from its table (property)", () => {
    const date = isoDate("1900-01-01", "2199-12-31");
    fc.assert(
      fc.property(date, date, (birth, asOf) => {
        const expected = dateFnsAge(birth, asOf);
        expect(ageOn(birth, asOf)).toBe(expected);
        expect(ageOn(birth, asOf)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("gives the date-fns age for every birth date of a year, whichever day is asked first", () => {
    for (const asOf of ["2024-02-29", "2025-02-28", "2025-03-01", "2025-06-30", "2025-12-31", "2026-01-01"]) {
      for (const year of [1900, 2000, 2008, 2023, 2024, 2025, 2026, 2027, 2199]) {
        const days: string[] = [];
        for (
          let day = new Date(Date.UTC(year, 0, 1));
          day.getUTCFullYear() === year;
          day.setUTCDate(day.getUTCDate() + 1)
        )
          days.push(day.toISOString().slice(0, 10));
        // Start the year's table from a day in the middle, then read every day.
        expect(ageOn(days[200]!, asOf)).toBe(dateFnsAge(days[200]!, asOf));
        for (const birth of days) expect(ageOn(birth, asOf), `${birth} on ${asOf}`).toBe(dateFnsAge(birth, asOf));
      }
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

  it("remembers shifted dates without changing them (property)", () => {
    fc.assert(
      fc.property(isoDate("1990-01-01", "2060-12-31"), fc.integer({ min: -240, max: 240 }), (from, months) => {
        expect(shiftMonthsCached(from, months)).toBe(shiftMonths(from, months));
        expect(shiftMonthsCached(from, months)).toBe(shiftMonths(from, months));
      }),
      { numRuns: 2000 },
    );
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
