import type { Language } from "../messages/catalogue.js";
import type { Catalogue } from "../rulesets/catalogue.js";
import type { TableEncoding } from "./text-encoding.js";

/**
 * What table input reads, wherever it comes from: a CSV file of a folder, a sheet of one `.xlsx`
 * workbook (on disk for the command line, in memory for the workbench page). Nothing here touches
 * files: the command line opens them in `table-source.ts`, the page in `memory-tables.ts`.
 */

/** The tables of county input, each a CSV file of a folder or a sheet of one `.xlsx` workbook. */
export const TABLES = {
  households: { file: "households.csv", sheets: ["households", "户"] },
  members: { file: "members.csv", sheets: ["members", "成员"] },
  events: { file: "events.csv", sheets: ["events", "事件"] },
  leads: { file: "leads.csv", sheets: ["leads", "线索"] },
} as const;
export type TableName = keyof typeof TABLES;

/** One row as read: its 1-based line (CSV) or row number (sheet), and its cells as text. */
export interface RawRow {
  line: number;
  cells: string[];
  /** What made the row unreadable (a CSV quoting error), when it is. */
  problem?: string;
  /** A sheet row: it ends at its last filled cell, so fewer cells than the header is not ragged. */
  sheetRow?: boolean;
  /** Cells of a sheet row whose text is the saved result of a formula (index into `cells`). */
  formulas?: { index: number; ref: string; formula: string }[];
}

/** One table of the input: its name in messages, and a way to read its rows (more than once). */
export interface TableSheet {
  name: string;
  rows(): AsyncIterable<RawRow>;
}

export interface TableReadOptions {
  language: Language;
  /** Undefined: detected (UTF-8, else GB18030). Workbooks carry their own encoding. */
  encoding?: TableEncoding;
  /**
   * The catalogue whose risk-type labels a `riskTypes` cell may use: the rule set's (`screen`,
   * `diff`, the workbench); without one, the shipped national catalogue's (`anonymize`).
   */
  catalogue?: Catalogue;
}

/** The tables of an input; null for a table not given (events, leads). */
export type OpenedTables = Record<TableName, TableSheet | null>;

/** The CSV parser's options for county tables: the command line and the page read CSV alike. */
export const CSV_TABLE_OPTIONS = {
  info: true,
  skip_empty_lines: true,
  skip_records_with_empty_values: true,
  relax_column_count: true,
  trim: true,
} as const;
