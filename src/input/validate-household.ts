import { toPointer } from "../errors.js";
import { both, inLanguage, joinWords, message, type Language, type Words } from "../messages/catalogue.js";
import type { IsoDate } from "./calendar-date.js";
import { fastCheckedHousehold } from "./household-fast-path.js";
import { completeHousehold, householdSchema, householdSchemaFor, type Household } from "./household-schema.js";
import { arrayLimitIssues } from "./input-limits.js";
import { thrownMessage } from "./thrown-message.js";
import { expandUnionIssues, inBothLanguages, issueWords } from "../messages/zod-issues.js";
import type { InputIssue, InputIssueWords } from "./input-issue.js";

export type { InputIssue, InputIssueWords } from "./input-issue.js";

/** The outcome of validating one household. */
export type HouseholdValidation =
  { ok: true; household: Household } | { ok: false; householdId: string | null; issues: InputIssue[] };

/** The outcome of checking one household, its issues in both languages ({@link checkHousehold}). */
export type HouseholdCheck =
  { ok: true; household: Household } | { ok: false; householdId: string | null; issues: InputIssueWords[] };

/**
 * Validates one household against the data contract, and the checks that depend on the as-of
 * date (an identification after `asOf` is an input error). Returns every problem, never throws.
 * Messages are in `language`: Chinese (default) or English. `riskTypes`: risk type ids a rule set
 * adds to the contract's (its risk-types.json), which `monitoring.riskTypes` then accepts too.
 */
export function validateHousehold(
  input: unknown,
  asOf: IsoDate,
  language: Language = "zh",
  riskTypes?: readonly string[],
): HouseholdValidation {
  const checked = checkHousehold(input, asOf, riskTypes);
  if (checked.ok) return checked;
  return {
    ok: false,
    householdId: checked.householdId,
    issues: checked.issues.map((issue) => ({ ...issue, message: inLanguage(issue.message, language) })),
  };
}

/**
 * {@link validateHousehold} for code that does not know the reader's language: every problem in
 * both languages, for the caller to pick one.
 */
export function checkHousehold(input: unknown, asOf: IsoDate, riskTypes?: readonly string[]): HouseholdCheck {
  try {
    return checkReadable(input, asOf, riskTypes);
  } catch (error) {
    // A getter or Proxy that throws, or a value no JSON could hold: this household cannot be read.
    let householdId: string | null = null;
    try {
      householdId = readableId(input);
    } catch {
      // Not even the id can be read.
    }
    return {
      ok: false,
      householdId,
      issues: [{ path: "", message: both("householdUnreadable", { detail: thrownMessage(error) }) }],
    };
  }
}

function checkReadable(input: unknown, asOf: IsoDate, riskTypes: readonly string[] | undefined): HouseholdCheck {
  // The hand-written checks accept what zod accepts, with the same result; anything else is zod's
  // to decide and to put into words.
  const checked = fastCheckedHousehold(input, riskTypes);
  const parsed = checked
    ? { success: true as const, data: completeHousehold(checked) }
    : parseWithZod(input, riskTypes);
  if (!parsed.success) return parsed.rejection;
  const household = parsed.data;
  if (household.monitoring && household.monitoring.identifiedOn > asOf) {
    const { identifiedOn } = household.monitoring;
    return {
      ok: false,
      householdId: household.id,
      issues: [{ path: "/monitoring/identifiedOn", message: both("identifiedAfterAsOf", { identifiedOn, asOf }) }],
    };
  }
  return { ok: true, household };
}

function parseWithZod(
  input: unknown,
  riskTypes: readonly string[] | undefined,
): { success: true; data: Household } | { success: false; rejection: HouseholdCheck } {
  const tooLong = arrayLimitIssues(input);
  if (tooLong.length > 0)
    return { success: false, rejection: { ok: false, householdId: readableId(input), issues: tooLong } };
  const schema = riskTypes ? householdSchemaFor(riskTypes) : householdSchema;
  // Worded in both languages: only a household zod refuses gets here, so the words cost nothing in a valid batch.
  const parsed = schema.safeParse(input, inBothLanguages());
  if (parsed.success) return parsed;
  const issues = expandUnionIssues(parsed.error.issues).map((issue) => ({
    path: toPointer(issue.path),
    message: describeIssue(issue),
  }));
  return { success: false, rejection: { ok: false, householdId: readableId(input), issues } };
}

const MAX_KEYS_NAMED = 20;

/** A key as a message quotes it: at most 60 characters, as zod-issues quotes keys and values. */
const quoteKey = (key: string) => JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);

/** An issue's words; unknown keys beyond the first {@link MAX_KEYS_NAMED} are counted, not named. */
function describeIssue(issue: Parameters<typeof issueWords>[0]): Words {
  if (issue.code === "unrecognized_keys" && issue.keys.length > MAX_KEYS_NAMED) {
    // A record with thousands of stray keys is named by its first few: the message stays one readable line.
    const shownIn = (language: Language) =>
      issue.keys.slice(0, MAX_KEYS_NAMED).map(quoteKey).join(message("listSeparator", language));
    const more = both("andMoreFields", { count: issue.keys.length - MAX_KEYS_NAMED });
    return joinWords(both("unknownFields", { keys: { zh: shownIn("zh"), en: shownIn("en") } }), more);
  }
  return issueWords(issue);
}

/** The household's `id` when it can be read, so a rejection can name it. */
export function readableId(input: unknown): string | null {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return null;
  const id = Object.prototype.hasOwnProperty.call(input, "id") ? (input as { id: unknown }).id : undefined;
  return typeof id === "string" && id.length > 0 && id.length <= 200 ? id : null;
}
