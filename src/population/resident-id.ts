import { calendarDateIssue, type IsoDate } from "../input/calendar-date.js";
import { message, type Language } from "../messages/catalogue.js";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CODES = "10X98765432";

/** What an 18-digit resident identity number (GB 11643-1999) tells: birth date and sex. */
export type ResidentIdReading =
  { ok: true; birthDate: IsoDate; sex: "male" | "female" } | { ok: false; problem: string };

/**
 * Checks an 18-digit resident identity number (GB 11643-1999): 17 digits and a check character
 * (ISO 7064 MOD 11-2), a real birth date in digits 7–14; the 17th digit is odd for men.
 */
export function readResidentId(value: string, language: Language = "zh"): ResidentIdReading {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: message("residentIdFormat", language) };
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  if (CHECK_CODES[sum % 11] !== id[17]) return { ok: false, problem: message("residentIdCheckDigit", language) };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (calendarDateIssue(birthDate))
    return { ok: false, problem: message("residentIdBirthDate", language, { birthDate }) };
  return { ok: true, birthDate, sex: Number(id[16]) % 2 === 1 ? "male" : "female" };
}
