import { stringify } from "csv-stringify/sync";
import type { Language, ScreeningResult } from "../results/result-types.js";
import { neutralizeCell } from "../results/spreadsheet-safety.js";
import { rejectionRow, resultRow, tableHeader, type TableCell } from "../results/table-row.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { Rejection } from "../input/rejection.js";
import { tableLocation, type TableOrigin } from "../sources/table-location.js";

export const OUTPUT_FORMATS = ["ndjson", "json", "csv", "xlsx"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * How results are written: text before the first, each result's own text (the same whichever
 * thread formats it, so output is byte-identical for any number of workers), separators, text after.
 * Formats for people (CSV, XLSX) also give each rejected household its row, in input order.
 */
export interface ResultFormatter {
  start: string;
  format(result: ScreeningResult): string;
  /** The row of a rejected household, for formats that list every household. */
  rejection?(rejection: Rejection, origin?: TableOrigin): string;
  separator: string;
  end(count: number): string;
}

/** A CSV cell: numbers as they are (negative ones too), dates as YYYY-MM-DD, text neutralised against formulas. */
const csvCell = (cell: TableCell) =>
  typeof cell === "string" ? neutralizeCell(cell) : "number" in cell ? cell.number : cell.date;
const csvLine = (cells: TableCell[]) =>
  stringify([cells.map(csvCell)], { quoted_match: /[",\r\n;]/, record_delimiter: "\r\n" });

/**
 * XLSX rows travel from the screening threads to the workbook writer as NDJSON of their cells
 * (see xlsx-writer.ts), so workers format them like any other output.
 */
const xlsxLine = (cells: TableCell[]) => JSON.stringify(cells) + "\n";

const locator = (origin: TableOrigin | undefined, language: Language) =>
  origin ? (path: string) => tableLocation(origin, path, language) : undefined;

export function resultFormatter(format: OutputFormat, ruleSet: RuleSet, language: Language): ResultFormatter {
  switch (format) {
    case "ndjson":
      return { start: "", format: (result) => JSON.stringify(result) + "\n", separator: "", end: () => "" };
    case "json":
      return {
        start: "[",
        format: (result) => "\n" + JSON.stringify(result),
        separator: ",",
        end: (count) => (count ? "\n]\n" : "]\n"),
      };
    case "csv":
      // A UTF-8 byte-order mark so Excel opens the Chinese text correctly.
      return {
        start: "\uFEFF" + csvLine(tableHeader(language)),
        format: (result) => csvLine(resultRow(result, language, ruleSet)),
        rejection: (rejection, origin) => csvLine(rejectionRow(rejection, language, locator(origin, language))),
        separator: "",
        end: () => "",
      };
    case "xlsx":
      return {
        start: "",
        format: (result) => xlsxLine(resultRow(result, language, ruleSet)),
        rejection: (rejection, origin) => xlsxLine(rejectionRow(rejection, language, locator(origin, language))),
        separator: "",
        end: () => "",
      };
  }
}
