import type { MonthlyReport } from "../reporting/monthly-report.js";
import type { Worklist } from "../reporting/worklist.js";
import type { Language } from "../messages/catalogue.js";
import type { ScreeningResult } from "../results/result-types.js";
import type { TableCell } from "../results/table-row.js";
import type { BuiltInRuleSetName } from "../rulesets/built-in-names.js";
import type { Catalogue } from "../rulesets/catalogue.js";
import type { TableEncoding } from "../sources/text-encoding.js";
import type { CountyValues } from "./county-values.js";
import type { RejectedCell } from "./screen-files.js";

/**
 * The messages between the workbench page and its Web Worker. The worker does everything that takes
 * time (reading the tables, screening, the workbook, the report, the book); the page only shows.
 */

/** What the page asks for a screening: the files, the rule set, the date, the county's values, the language. */
export interface ScreenSettings {
  ruleSet: BuiltInRuleSetName;
  asOf: string;
  county: CountyValues | null;
  language: Language;
  encoding?: TableEncoding;
}

export type ToWorker =
  | { type: "check"; id: number; settings: ScreenSettings }
  | { type: "screen"; id: number; settings: ScreenSettings; files: { name: string; bytes: ArrayBuffer }[] }
  | { type: "workbook"; id: number }
  | { type: "book"; id: number; settings: ScreenSettings }
  | { type: "explain"; id: number; index: number };

/** A rejected household as the page lists it. */
export interface RejectedEntry {
  index: number;
  householdId: string | null;
  source: string | null;
  problems: RejectedCell[];
}

/** What the page shows of one screening. */
export interface ScreenedSummary {
  ruleSet: ScreeningResult["ruleSet"];
  /** The layers of the rule set, base first (a county's overlay last). */
  layers: string[];
  /** The rule set's risk types, 3+1 items and measure groups, whose labels the page shows. */
  catalogue: Catalogue;
  asOf: string;
  language: Language;
  /** The values the county entered, as the overlay holds them (provisional). */
  county: { name: string; label: string; value: string; source: string }[];
  results: ScreeningResult[];
  rejected: RejectedEntry[];
  /** Input order: each household as a result (its index into `results`) or a rejection (into `rejected`). */
  order: { kind: "result" | "rejected"; at: number }[];
  worklist: Worklist;
  worklistRows: TableCell[][];
  report: MonthlyReport;
  reportHtml: string;
  resultsName: string;
  timing: { read: number; screen: number; total: number };
}

export type FromWorker =
  | { type: "ready" }
  | {
      type: "checked";
      id: number;
      missing: string | null;
      ruleSet: { id: string; version: string; hash: string } | null;
      problem: Problem | null;
    }
  | { type: "progress"; id: number; done: number; total: number; phase: "read" | "screen" }
  | { type: "screened"; id: number; summary: ScreenedSummary }
  | { type: "workbook"; id: number; name: string; bytes: ArrayBuffer }
  | { type: "book"; id: number; html: string; hash: string }
  | { type: "explained"; id: number; text: string }
  | { type: "failed"; id: number; problem: Problem };

/** Why something could not be done, for the person at the page. */
export interface Problem {
  code: string;
  message: string;
  /** The county value the problem is about, to point at its field. */
  field?: string;
}
