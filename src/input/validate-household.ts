import { toPointer } from "../errors.js";
import type { IsoDate } from "./calendar-date.js";
import { householdSchema, type Household } from "./household-schema.js";
import { arrayLimitIssues } from "./input-limits.js";
import { thrownMessage } from "./thrown-message.js";
import { expandUnionIssues, missingFieldMessage } from "./zod-issues.js";

/** One thing wrong with a household, located by JSON Pointer (`/members/0/labor`). */
export interface InputIssue {
  path: string;
  message: string;
  /** For table input: the file, row and column the value came from (`members.csv row 30 column labor`). */
  where?: string;
}

/** The outcome of validating one household. */
export type HouseholdValidation =
  | { ok: true; household: Household }
  | { ok: false; householdId: string | null; issues: InputIssue[] };

/**
 * Validates one household against the data contract, and the checks that depend on the as-of
 * date (an identification after `asOf` is an input error). Returns every problem, never throws.
 */
export function validateHousehold(input: unknown, asOf: IsoDate): HouseholdValidation {
  try {
    return validateReadable(input, asOf);
  } catch (error) {
    // A getter or Proxy that throws, or a value no JSON could hold: this household cannot be read.
    let householdId: string | null = null;
    try {
      householdId = readableId(input);
    } catch {
      // Not even the id can be read.
    }
    return { ok: false, householdId, issues: [{ path: "", message: `the household cannot be read: ${thrownMessage(error)}` }] };
  }
}

function validateReadable(input: unknown, asOf: IsoDate): HouseholdValidation {
  const tooLong = arrayLimitIssues(input);
  if (tooLong.length > 0) return { ok: false, householdId: readableId(input), issues: tooLong };
  const parsed = householdSchema.safeParse(input, { error: missingFieldMessage });
  if (!parsed.success) {
    const issues = expandUnionIssues(parsed.error.issues).map((issue) => ({
      path: toPointer(issue.path),
      message: describeIssue(issue),
    }));
    return { ok: false, householdId: readableId(input), issues };
  }
  const household = parsed.data;
  const issues: InputIssue[] = [];
  if (household.monitoring && household.monitoring.identifiedOn > asOf) {
    issues.push({
      path: "/monitoring/identifiedOn",
      message: `identifiedOn ${household.monitoring.identifiedOn} is after the as-of date ${asOf}`,
    });
  }
  if (issues.length > 0) return { ok: false, householdId: household.id, issues };
  return { ok: true, household };
}

const MAX_KEYS_NAMED = 20;

type ZodIssue = { code: string; message: string; keys?: readonly string[] };

function describeIssue(issue: ZodIssue): string {
  if (issue.code === "unrecognized_keys" && issue.keys) {
    // A record with thousands of stray keys is named by its first few: the message stays one readable line.
    const shown = issue.keys.slice(0, MAX_KEYS_NAMED).map((k) => JSON.stringify(k)).join(", ");
    const more = issue.keys.length > MAX_KEYS_NAMED ? ` and ${issue.keys.length - MAX_KEYS_NAMED} more` : "";
    return `unknown field${issue.keys.length > 1 ? "s" : ""}: ${shown}${more}`;
  }
  return issue.message;
}

/** The household's `id` when it can be read, so a rejection can name it. */
export function readableId(input: unknown): string | null {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return null;
  const id = Object.prototype.hasOwnProperty.call(input, "id") ? (input as { id: unknown }).id : undefined;
  return typeof id === "string" && id.length > 0 && id.length <= 200 ? id : null;
}
