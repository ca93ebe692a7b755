import { readFileSync, statSync } from "node:fs";
import { DixianError } from "../errors.js";
import { MAX_RULE_FILE_BYTES, parseJsonSource, tooLarge, type JsonSource } from "./json-source.js";

/** Reads and parses a JSON file; a syntax error becomes an E_RULESET_JSON error with its position. */
export function readJsonSource(file: string, displayName = file): JsonSource {
  return parseJsonSource(readRuleFileText(file, displayName), displayName);
}

/** The text of a rule or test file, refusing one over the size limit before reading it. */
export function readRuleFileText(file: string, displayName = file): string {
  try {
    if (statSync(file).size > MAX_RULE_FILE_BYTES) throw tooLarge(displayName);
    return readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof DixianError) throw error;
    throw new DixianError("E_RULESET_NOT_FOUND", `${displayName}: cannot read file (${(error as NodeJS.ErrnoException).code ?? "error"})`, [
      { file: displayName, path: "", message: "cannot read file" },
    ]);
  }
}
