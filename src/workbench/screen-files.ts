import { compiledRuleSet } from "../batch/compiled-cache.js";
import { screenItems, screenSourceItem, type SourcedEntry } from "../batch/item-loop.js";
import { outputRows, type OutputRows } from "../batch/output-rows.js";
import type { Rejection } from "../input/rejection.js";
import type { SourceItem } from "../sources/source-item.js";
import { EVENT_COLUMNS, HOUSEHOLD_COLUMNS, LEAD_COLUMNS, MEMBER_COLUMNS } from "../sources/table-columns.js";
import { tableColumnAt, type TableOrigin } from "../sources/table-location.js";
import { columnName } from "../sources/workbook-xml.js";
import { catalogueLabels, MonthlyReportBuilder, type MonthlyReport } from "../reporting/monthly-report.js";
import { monthlyReportHtml } from "../reporting/report-html.js";
import { suppliedParameters } from "../reporting/report-parameters.js";
import { measureNames, ResultRowReader } from "../reporting/result-rows.js";
import { addToWorklist, WorklistBuilder, type Worklist } from "../reporting/worklist.js";
import { WORKLIST_COLUMNS, worklistHeader, worklistRows } from "../reporting/worklist-table.js";
import type { Language } from "../messages/catalogue.js";
import { workbookFile } from "../results/portable-workbook.js";
import type { ScreeningResult } from "../results/result-types.js";
import { TABLE_OUTPUT_COLUMNS, tableHeader, type TableCell } from "../results/table-row.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { openMemoryTables, type MemoryFile } from "../sources/memory-tables.js";
import { tableHouseholdSources } from "../sources/table-rows.js";
import type { OpenedTables, TableName } from "../sources/table-sheet.js";
import type { Gb18030Codec, TableEncoding } from "../sources/text-encoding.js";

/**
 * The workbench page's screening, in any runtime (the page runs it in a Web Worker; tests run it in
 * Node): county tables held in memory → households (the table reading of src/sources, which the
 * command line uses for files) → results (the batch pipeline's one item loop, src/batch, with the
 * compiled rule set from its shared cache) → the rows `dixian screen --format xlsx` writes
 * (batch/output-rows), the week's worklist read back from those rows, and the monthly report as
 * `dixian report` makes it from that file.
 */

/** The sheets of the results workbook, as `screen --format xlsx` names them. */
export const RESULT_SHEETS: Record<Language, { results: string; worklist: string }> = {
  zh: { results: "筛查结果", worklist: "工作清单" },
  en: { results: "results", worklist: "worklist" },
};

/** Households screened between two progress reports. */
const CHUNK_SIZE = 100;

/** Where a problem of a rejected household is: in words, and the cell (`[户] F3`, `members.csv D7`) when known. */
export interface RejectedCell {
  where: string;
  cell: string | null;
  message: string;
}

/** One household of the input, in input order: its result, or its rejection; and its row of the results sheet. */
export type WorkbenchEntry =
  | { kind: "result"; result: ScreeningResult; row: TableCell[] }
  | { kind: "rejected"; rejection: Rejection; problems: RejectedCell[]; row: TableCell[] };

/** What one screening of the page's files gives. */
export interface WorkbenchScreening {
  ruleSet: ScreeningResult["ruleSet"];
  asOf: string;
  language: Language;
  entries: WorkbenchEntry[];
  worklist: Worklist;
  report: MonthlyReport;
  /** Milliseconds spent reading the tables and screening them. */
  timing: { read: number; screen: number; total: number };
  /** The households as read, for explaining one of them again. */
  items: SourceItem[];
}

export interface WorkbenchInput {
  files: readonly MemoryFile[];
  ruleSet: RuleSet;
  asOf: string;
  language: Language;
  /** Undefined: detected, as the command line does. */
  encoding?: TableEncoding;
  gb18030: Gb18030Codec;
  /** The name the results workbook is offered under (the report names it as its source). */
  resultsName: string;
}

/** Told the households screened so far, of how many. */
export type Progress = (done: number, total: number) => void;

/** The text a cell holds when read back from the workbook, as the worklist and the report read it. */
const cellText = (cell: TableCell) => (typeof cell === "string" ? cell : "number" in cell ? cell.number : cell.date);

/** Each table's columns by English name → spreadsheet column letter, from its header row. */
async function columnLetters(tables: OpenedTables): Promise<Partial<Record<TableName, Map<string, string>>>> {
  const layouts = {
    households: HOUSEHOLD_COLUMNS,
    members: MEMBER_COLUMNS,
    events: EVENT_COLUMNS,
    leads: LEAD_COLUMNS,
  };
  const letters: Partial<Record<TableName, Map<string, string>>> = {};
  for (const table of Object.keys(layouts) as TableName[]) {
    const sheet = tables[table];
    if (!sheet) continue;
    for await (const row of sheet.rows()) {
      const byName = new Map<string, string>();
      row.cells.forEach((header, index) => {
        const column = layouts[table].find((candidate) => candidate.en === header || candidate.zh === header);
        if (column && !byName.has(column.en)) byName.set(column.en, columnName(index + 1));
      });
      letters[table] = byName;
      break;
    }
  }
  return letters;
}

/** The cell of a bad field of a table household: its table's name, its column letter and row. */
function cellOf(
  path: string,
  origin: TableOrigin | undefined,
  letters: Partial<Record<TableName, Map<string, string>>>,
  names: Record<TableName, string>,
): string | null {
  if (!origin || !path) return null;
  const parts = path.split("/").slice(1);
  const table: TableName =
    (parts[0] === "members" || parts[0] === "events" || parts[0] === "leads") && parts.length >= 2
      ? parts[0]
      : "households";
  const row =
    table === "households"
      ? origin.householdRow
      : (table === "members" ? origin.memberRows : table === "events" ? origin.eventRows : origin.leadRows)[
          Number(parts[1])
        ];
  const column = tableColumnAt(path);
  const letter = column ? letters[table]?.get(column.en) : undefined;
  return row !== undefined && letter ? `${names[table]} ${letter}${row}` : null;
}

/**
 * An entry of the item loop as the page shows it: the result, or the rejection with each problem's
 * cell; with its row of the results sheet, as `dixian screen --format xlsx` writes it (the same
 * output rows).
 */
function workbenchEntry(
  rows: OutputRows,
  entry: SourcedEntry,
  letters: Partial<Record<TableName, Map<string, string>>>,
  names: Record<TableName, string>,
): WorkbenchEntry {
  if (entry.ok) return { kind: "result", result: entry.result, row: rows.result(entry.result) };
  const { rejection, origin } = entry;
  return {
    kind: "rejected",
    rejection,
    problems: rejection.issues.map((issue) => ({
      where: issue.where ?? rejection.source ?? "",
      cell: cellOf(issue.path, origin, letters, names),
      message: issue.message,
    })),
    row: rows.rejection(rejection, origin),
  };
}

/**
 * Screens the tables of files held in memory with a rule set on a date, in input order, telling
 * `progress` as it goes. Throws, as `dixian screen` refuses them, for tables that cannot be read at
 * all and for a date with no value in force (`NoParameterInForceError`).
 */
export async function screenWorkbenchFiles(input: WorkbenchInput, progress: Progress = () => undefined) {
  const started = Date.now();
  const { ruleSet, asOf, language } = input;
  const compiled = compiledRuleSet(ruleSet, asOf, language);
  const options = { language, explain: false, engine: "compiled" } as const;
  const rows = outputRows(ruleSet, language);
  const tables = await openMemoryTables(input.files, { language, encoding: input.encoding }, input.gb18030);
  const items: SourceItem[] = [];
  for await (const item of tableHouseholdSources(tables, "", language, ruleSet)) items.push(item);
  const letters = await columnLetters(tables);
  const names = Object.fromEntries(
    (["households", "members", "events", "leads"] as const).map((table) => [table, tables[table]?.name ?? table]),
  ) as Record<TableName, string>;
  const read = Date.now();
  progress(0, items.length);

  const entries: WorkbenchEntry[] = [];
  for (let first = 0; first < items.length; first += CHUNK_SIZE) {
    const chunk = await screenItems(compiled, items.slice(first, first + CHUNK_SIZE), first, options);
    for (const entry of chunk) entries.push(workbenchEntry(rows, entry, letters, names));
    progress(Math.min(first + CHUNK_SIZE, items.length), items.length);
  }
  const screened = Date.now();

  // The worklist and the report are read back from the rows, as from the workbook file.
  const reader = new ResultRowReader(tableHeader(language), {
    measures: measureNames(ruleSet.measures),
    catalogue: ruleSet,
  });
  const worklist = new WorklistBuilder();
  const builder = new MonthlyReportBuilder(input.resultsName, null);
  for (const entry of entries) {
    const record = reader.read(entry.row.map(cellText));
    addToWorklist(worklist, record);
    builder.addRecord(record);
  }
  const built = builder.build();
  const report: MonthlyReport = {
    ...built,
    parameters: suppliedParameters(ruleSet, asOf, language),
    // The labels of the rule set's catalogue, as `dixian report --rules` gives them.
    ...catalogueLabels(ruleSet, language),
  };
  const done = Date.now();
  return {
    ruleSet: {
      id: ruleSet.id,
      version: ruleSet.version,
      hash: ruleSet.hash,
      ...(ruleSet.overrides ? { overrides: ruleSet.overrides } : {}),
    },
    asOf,
    language,
    entries,
    worklist: worklist.build(),
    report,
    timing: { read: read - started, screen: screened - read, total: done - started },
    items,
  } satisfies WorkbenchScreening;
}

/**
 * One household of a screening screened again with every rule's outcome, as `dixian explain`
 * gives it; null when it was rejected.
 */
export async function explainItem(
  ruleSet: RuleSet,
  asOf: string,
  language: Language,
  item: SourceItem,
  index: number,
): Promise<ScreeningResult | null> {
  const compiled = compiledRuleSet(ruleSet, asOf, language);
  const entry = await screenSourceItem(compiled, item, index, { language, explain: true, engine: "compiled" });
  return entry.ok ? entry.result : null;
}

/** The results workbook of a screening: `screen --format xlsx`'s two sheets, the results and the week's work. */
export function resultsWorkbook(screening: Pick<WorkbenchScreening, "entries" | "worklist" | "language">): Uint8Array {
  const { language } = screening;
  return workbookFile([
    {
      name: RESULT_SHEETS[language].results,
      columns: TABLE_OUTPUT_COLUMNS,
      header: tableHeader(language),
      rows: screening.entries.map((entry) => entry.row),
    },
    {
      name: RESULT_SHEETS[language].worklist,
      columns: WORKLIST_COLUMNS,
      header: worklistHeader(language),
      rows: worklistRows(screening.worklist, language),
    },
  ]);
}

/** The monthly report's page, as `dixian report` writes report.html. */
export const reportHtml = (screening: Pick<WorkbenchScreening, "report" | "language">) =>
  monthlyReportHtml(screening.report, screening.language);
