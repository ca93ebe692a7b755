import { addMonths } from "date-fns/addMonths";
import { differenceInYears } from "date-fns/differenceInYears";

/** A calendar date written `YYYY-MM-DD`. Dates are compared as text, which orders them correctly. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2199;

/** Why a value is not a real calendar date, or null when it is. */
export function calendarDateProblem(value: unknown): string | null {
  if (typeof value !== "string") return "date must be a string YYYY-MM-DD";
  const match = ISO_DATE.exec(value);
  if (!match) return "date must be written YYYY-MM-DD";
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return `year must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`;
  if (month < 1 || month > 12) return "month must be 01-12";
  if (day < 1 || day > daysInMonth(year, month)) return `${value} is not a real calendar date`;
  return null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A local-time Date at noon for date-fns: noon keeps day arithmetic clear of any daylight-saving
 * shift, so the answer is the same under every TZ setting.
 */
function toNoon(date: IsoDate): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const result = new Date(2000, 0, 1, 12);
  result.setFullYear(year, month - 1, day);
  return result;
}

function fromNoon(date: Date): IsoDate {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/** Adds (or, negative, subtracts) whole months, clamping to the month's end as date-fns does. */
export function shiftMonths(date: IsoDate, months: number): IsoDate {
  return fromNoon(addMonths(toNoon(date), months));
}

/**
 * Age in whole years on `asOf`. A 29 February birthday falls on 1 March in other years
 * (date-fns `differenceInYears`). Negative when born after `asOf`.
 */
export function ageOn(birthDate: IsoDate, asOf: IsoDate): number {
  // Birth dates repeat across a population: each is worked out once per as-of date.
  let ages = agesByAsOf.get(asOf);
  if (!ages) {
    if (agesByAsOf.size >= 16) agesByAsOf.clear();
    agesByAsOf.set(asOf, (ages = new Map()));
  }
  let age = ages.get(birthDate);
  if (age === undefined) {
    age = birthDate > asOf ? -differenceInYears(toNoon(birthDate), toNoon(asOf)) - 1 : differenceInYears(toNoon(asOf), toNoon(birthDate));
    if (ages.size >= 100_000) ages.clear();
    ages.set(birthDate, age);
  }
  return age;
}

const agesByAsOf = new Map<IsoDate, Map<IsoDate, number>>();

/**
 * Whole months from `since` to `asOf`: the largest m with `since <= asOf - m months`
 * (month-end clamped). So "at least 6 months" here means exactly `since <= asOf - 6 months`.
 * Null when `since` is after `asOf`.
 */
export function wholeMonthsBetween(since: IsoDate, asOf: IsoDate): number | null {
  if (since > asOf) return null;
  const [sy, sm] = since.split("-").map(Number) as [number, number];
  const [ay, am] = asOf.split("-").map(Number) as [number, number];
  let months = (ay - sy) * 12 + (am - sm);
  while (months > 0 && since > shiftMonths(asOf, -months)) months -= 1;
  while (since <= shiftMonths(asOf, -(months + 1))) months += 1;
  return months;
}

const windowStarts = new Map<string, IsoDate>();

/** Whether `date` lies in the window (asOf - months, asOf]. */
export function withinMonthsBefore(date: IsoDate, asOf: IsoDate, months: number): boolean {
  const key = `${asOf}/${months}`;
  let start = windowStarts.get(key);
  if (start === undefined) {
    start = shiftMonths(asOf, -months);
    if (windowStarts.size > 1024) windowStarts.clear();
    windowStarts.set(key, start);
  }
  return date <= asOf && date > start;
}
