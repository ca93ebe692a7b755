import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { differenceInYears } from "date-fns/differenceInYears";
import { UTCDate } from "@date-fns/utc";
import type { MessageText } from "../messages/catalogue.js";

/** A calendar date written `YYYY-MM-DD`. Dates are compared as text, which orders them correctly. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2199;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why a value is not a real calendar date (a message not yet put into words), or null when it is. */
export function calendarDateIssue(value: unknown): MessageText | null {
  if (typeof value !== "string") return { id: "dateNotText" };
  if (!ISO_DATE.test(value)) return { id: "dateFormat" };
  // Runs for every date of every household: digits are read directly rather than through Date.
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (year < EARLIEST_YEAR || year > LATEST_YEAR)
    return { id: "dateYearRange", values: { earliest: EARLIEST_YEAR, latest: LATEST_YEAR } };
  if (month < 1 || month > 12) return { id: "dateMonthRange" };
  if (day < 1 || day > daysInMonth(year, month)) return { id: "dateNotReal", values: { value } };
  return null;
}

/** Days in a month of the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * A UTC date for date-fns: a local-time Date cannot represent a day the host's time zone skipped
 * (Pacific/Apia has no 2011-12-30), so every date is built and read in UTC, and the answers are
 * the same under every TZ setting.
 */
function toUtc(date: IsoDate): UTCDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new UTCDate(year, month - 1, day);
}

function fromUtc(date: Date): IsoDate {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** Adds (or, negative, subtracts) whole months, clamping to the month's end as date-fns does. */
export function shiftMonths(date: IsoDate, months: number): IsoDate {
  return fromUtc(addMonths(toUtc(date), months));
}

/** Adds (or, negative, subtracts) whole days. */
export function shiftDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(addDays(toUtc(date), days));
}

/**
 * Age in whole years on `asOf`. A 29 February birthday falls on 1 March in other years
 * (date-fns `differenceInYears`). Negative when born after `asOf`.
 */
export function ageOn(birthDate: IsoDate, asOf: IsoDate): number {
  if (ageTable?.asOf !== asOf)
    ageTable = { asOf, ages: new Int16Array(DAY_SLOTS).fill(UNKNOWN_AGE), yearsFilled: new Uint8Array(TABLE_YEARS) };
  const slot = daySlot(birthDate);
  if (slot < 0) return computeAge(birthDate, asOf);
  const yearIndex = Math.floor(slot / SLOTS_PER_YEAR);
  if (!ageTable.yearsFilled[yearIndex]) {
    fillYear(ageTable.ages, EARLIEST_YEAR + yearIndex, asOf);
    ageTable.yearsFilled[yearIndex] = 1;
  }
  const age = ageTable.ages[slot]!;
  // Only slots that are not real dates (30 February) are left unknown.
  return age === UNKNOWN_AGE ? computeAge(birthDate, asOf) : age;
}

function computeAge(birthDate: IsoDate, asOf: IsoDate): number {
  return birthDate > asOf
    ? -differenceInYears(toUtc(birthDate), toUtc(asOf)) - 1
    : differenceInYears(toUtc(asOf), toUtc(birthDate));
}

/** Slots for every YYYY-MM-DD from 1900 to 2199 (31 per month, some unused). */
const TABLE_YEARS = LATEST_YEAR - EARLIEST_YEAR + 1;
const SLOTS_PER_YEAR = 12 * 31;
const DAY_SLOTS = TABLE_YEARS * SLOTS_PER_YEAR;
const UNKNOWN_AGE = -32768;
let ageTable: { asOf: IsoDate; ages: Int16Array; yearsFilled: Uint8Array } | null = null;

/**
 * Fills the ages of everyone born in one year, asking date-fns about a dozen of its days rather
 * than every one: birth dates of one year give at most two ages on a given day (the birthday
 * has come or not), and a later birth date never gives a greater age, so one binary search finds
 * where the age changes.
 */
function fillYear(ages: Int16Array, year: number, asOf: IsoDate): void {
  // Days of the year are numbered 0..n-1; month m's days start at monthStarts[m - 1].
  const monthStarts: number[] = [];
  let days = 0;
  for (let month = 1; month <= 12; month++) {
    monthStarts.push(days);
    days += daysInMonth(year, month);
  }
  const ageOfDay = (dayOfYear: number) => {
    let month = 12;
    while (monthStarts[month - 1]! > dayOfYear) month--;
    const day = dayOfYear - monthStarts[month - 1]! + 1;
    return computeAge(`${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`, asOf);
  };
  const firstAge = ageOfDay(0);
  // The first day whose age differs from the first day's (`days` when none does).
  let changesAt = days;
  if (ageOfDay(days - 1) !== firstAge) {
    let same = 0;
    changesAt = days - 1;
    while (changesAt - same > 1) {
      const middle = (same + changesAt) >> 1;
      if (ageOfDay(middle) === firstAge) same = middle;
      else changesAt = middle;
    }
  }
  const laterAge = changesAt < days ? ageOfDay(changesAt) : firstAge;
  for (let month = 1; month <= 12; month++) {
    // The month's real days, in slot order; the slots after them (30 February) stay unknown.
    const firstDay = monthStarts[month - 1]!;
    const length = daysInMonth(year, month);
    const slot = ((year - EARLIEST_YEAR) * 12 + month - 1) * 31;
    const split = Math.min(Math.max(changesAt - firstDay, 0), length);
    ages.fill(firstAge, slot, slot + split);
    ages.fill(laterAge, slot + split, slot + length);
  }
}

/** The table slot of a date written YYYY-MM-DD in the supported years, or -1. */
function daySlot(date: IsoDate): number {
  if (date.length !== 10) return -1;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (!(year >= EARLIEST_YEAR && year <= LATEST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return -1;
  return ((year - EARLIEST_YEAR) * 12 + month - 1) * 31 + day - 1;
}

/**
 * Whole months from `since` to `asOf`: the largest m with `since <= asOf - m months`
 * (month-end clamped). So "at least 6 months" here means exactly `since <= asOf - 6 months`.
 * Null when `since` is after `asOf`.
 */
export function wholeMonthsBetween(since: IsoDate, asOf: IsoDate): number | null {
  if (since > asOf) return null;
  // Dates here are valid YYYY-MM-DD: year and month read by position.
  const sy = Number(since.slice(0, 4));
  const sm = Number(since.slice(5, 7));
  let months = (Number(asOf.slice(0, 4)) - sy) * 12 + (Number(asOf.slice(5, 7)) - sm);
  while (months > 0 && since > shiftMonthsCached(asOf, -months)) months -= 1;
  while (since <= shiftMonthsCached(asOf, -(months + 1))) months += 1;
  return months;
}

/** Shifted dates by number of months, then by date: no key text is built per lookup. */
const shiftedDates = new Map<number, Map<IsoDate, IsoDate>>();
let shiftedCount = 0;

/**
 * {@link shiftMonths}, remembered: the as-of date shifted by a rule's window recurs for every
 * household, and recorded dates repeat across a population.
 */
export function shiftMonthsCached(date: IsoDate, months: number): IsoDate {
  let byDate = shiftedDates.get(months);
  if (byDate === undefined) shiftedDates.set(months, (byDate = new Map<IsoDate, IsoDate>()));
  let shifted = byDate.get(date);
  if (shifted === undefined) {
    shifted = shiftMonths(date, months);
    if (shiftedCount++ > 4096) {
      shiftedDates.clear();
      shiftedDates.set(months, byDate);
      byDate.clear();
      shiftedCount = 0;
    }
    byDate.set(date, shifted);
  }
  return shifted;
}

/** Whether `date` lies in the window (asOf - months, asOf]. */
export function withinMonthsBefore(date: IsoDate, asOf: IsoDate, months: number): boolean {
  return date <= asOf && date > shiftMonthsCached(asOf, -months);
}
