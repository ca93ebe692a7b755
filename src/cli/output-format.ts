import { stringify } from "csv-stringify/sync";
import { csvHeader, csvRow } from "../results/csv-row.js";
import type { Language, ScreeningResult } from "../results/result-types.js";
import type { RuleSet } from "../rulesets/rule-set.js";

export const OUTPUT_FORMATS = ["ndjson", "json", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * How results are written: text before the first, each result's own text (the same whichever
 * thread formats it, so output is byte-identical for any number of workers), separators, text after.
 */
export interface ResultFormatter {
  start: string;
  format(result: ScreeningResult): string;
  separator: string;
  end(count: number): string;
}

const csvLine = (cells: string[]) => stringify([cells], { quoted_match: /[",\r\n;]/, record_delimiter: "\r\n" });

export function resultFormatter(format: OutputFormat, ruleSet: RuleSet, language: Language): ResultFormatter {
  switch (format) {
    case "ndjson":
      return { start: "", format: (result) => JSON.stringify(result) + "\n", separator: "", end: () => "" };
    case "json":
      return { start: "[", format: (result) => "\n" + JSON.stringify(result), separator: ",", end: (count) => (count ? "\n]\n" : "]\n") };
    case "csv":
      // A UTF-8 byte-order mark so Excel opens the Chinese text correctly.
      return { start: "\uFEFF" + csvLine(csvHeader(language)), format: (result) => csvLine(csvRow(result, ruleSet, language)), separator: "", end: () => "" };
  }
}
