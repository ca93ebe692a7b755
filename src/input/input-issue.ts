import type { Words } from "../messages/catalogue.js";

/** One thing wrong with a household, located by JSON Pointer (`/members/0/labor`). */
export interface InputIssue {
  path: string;
  /** What is wrong, in the language asked for (Chinese by default). */
  message: string;
  /** For table input: the file, row and column the value came from (`members.csv row 30 column labor`). */
  where?: string;
}

/** An issue as validation finds it: its words in both languages, picked by the caller that knows the reader's. */
export interface InputIssueWords extends Omit<InputIssue, "message"> {
  message: Words;
}
