import { both } from "../messages/catalogue.js";
import type { InputIssueWords } from "./input-issue.js";

/**
 * The longest list the data contract accepts at each place (docs/contract.md, "Limits"). A longer
 * list is a broken record, not a household; it is refused before the schema looks at its entries,
 * so a list of 150,000 bad entries costs one issue, not 150,000.
 */
export const ARRAY_LIMITS = {
  members: 100,
  socialAssistance: 10,
  events: 500,
  riskTypes: 5,
  measures: 200,
  leads: 100,
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own property (never an inherited one, never a prototype's getter). */
function own(value: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

function tooLong(path: string, list: unknown, max: number, into: InputIssueWords[]): boolean {
  if (!Array.isArray(list) || list.length <= max) return false;
  into.push({ path, message: both("tooManyEntries", { max, count: list.length }) });
  return true;
}

/**
 * The lists of a household that are longer than the contract allows. Reads only the few places
 * where the schema accepts a list, so it costs next to nothing on a valid household.
 */
export function arrayLimitIssues(input: unknown): InputIssueWords[] {
  const issues: InputIssueWords[] = [];
  if (!isRecord(input)) return issues;
  const members = own(input, "members");
  if (!tooLong("/members", members, ARRAY_LIMITS.members, issues) && Array.isArray(members)) {
    members.forEach((member, index) => {
      if (isRecord(member))
        tooLong(
          `/members/${index}/socialAssistance`,
          own(member, "socialAssistance"),
          ARRAY_LIMITS.socialAssistance,
          issues,
        );
    });
  }
  tooLong("/events", own(input, "events"), ARRAY_LIMITS.events, issues);
  tooLong("/leads", own(input, "leads"), ARRAY_LIMITS.leads, issues);
  const monitoring = own(input, "monitoring");
  if (isRecord(monitoring)) {
    tooLong("/monitoring/riskTypes", own(monitoring, "riskTypes"), ARRAY_LIMITS.riskTypes, issues);
    tooLong("/monitoring/measures", own(monitoring, "measures"), ARRAY_LIMITS.measures, issues);
  }
  return issues;
}
