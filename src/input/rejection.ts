import type { InputIssue } from "./input-issue.js";

/** Why one household was not screened. */
export interface Rejection {
  /** `E_INTERNAL` when screening a valid household failed: a fault of dixian, to report. */
  code: "E_INPUT_SCHEMA" | "E_INPUT_JSON" | "E_INTERNAL";
  /** 0-based position in the batch. */
  index: number;
  /** 1-based line of the input file, when read from a file. */
  line?: number;
  /** The household's `id` when it could be read. */
  householdId: string | null;
  /** Every bad field, by JSON Pointer. */
  issues: InputIssue[];
  /** For table input: the file and row of the household (`households.csv row 12`). */
  source?: string;
}
