/**
 * Prints the calendar helpers' answers around days some time zones skipped (Pacific/Apia has no
 * 2011-12-30, Pacific/Kiritimati no 1994-12-31), as JSON: run under different TZ settings and
 * compared by test/time-zones.test.ts.
 */
import { ageOn, shiftMonths, wholeMonthsBetween, withinMonthsBefore } from "../../src/input/calendar-date.js";

const days: string[] = [];
for (const [year, month] of [
  [2011, 11],
  [2011, 12],
  [2012, 1],
  [1994, 11],
  [1994, 12],
  [1995, 1],
  [2012, 2],
  [2000, 2],
] as const) {
  for (let day = 1; day <= 31; day++) {
    const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (!Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).getUTCDate() === day)
      days.push(date);
  }
}
const asOfs = ["2011-12-30", "2011-12-31", "2012-12-30", "1994-12-31", "1995-12-31", "2025-06-30"];
const answers: unknown[] = [];
for (const date of days) {
  answers.push([date, [-13, -12, -1, 1, 12, 13].map((months) => shiftMonths(date, months))]);
  for (const asOf of asOfs)
    answers.push([date, asOf, ageOn(date, asOf), wholeMonthsBetween(date, asOf), withinMonthsBefore(date, asOf, 12)]);
}
process.stdout.write(JSON.stringify(answers));
