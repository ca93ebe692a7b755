import { isDecimalText } from "../input/decimal.js";
import { message } from "../results/messages.js";
import type { Language } from "../results/language.js";
import { closestName } from "../results/suggestion.js";
import { codeOf } from "../vocabulary/labels.js";
import { InputFormatError, type SourceItem } from "./read-households.js";
import {
  BOOLEAN_WORDS,
  EVENT_COLUMNS,
  HOUSEHOLD_COLUMNS,
  LEAD_COLUMNS,
  MEMBER_COLUMNS,
  type Column,
} from "./table-columns.js";
import { TABLE_FILES, type TableOrigin } from "./table-location.js";
import { openTables, type TableReadOptions, type TableSheet } from "./table-source.js";

export { isTableInput } from "./table-source.js";

/** A row mapped to the layout's columns (by English name); `problem` says why it cannot be used. */
export type Row = { line: number; cells: Record<string, string>; problem?: string };

/**
 * Reads a table row by row, mapping English or Chinese headers to the layout's columns. A header
 * that is unknown, missing or given twice (in English and in Chinese, say) is an error for the whole
 * input; a row with more or fewer cells than the header is returned with its `problem`, worded in
 * `language`.
 */
export async function* readRows(
  sheet: TableSheet,
  layout: readonly Column[],
  language: Language = "zh",
): AsyncGenerator<Row> {
  let columns: Column[] | null = null;
  for await (const raw of sheet.rows()) {
    if (!columns) {
      if (raw.problem)
        throw new InputFormatError({ id: "tableFileProblem", values: { file: sheet.name, problem: raw.problem } });
      // Excel often saves empty columns after the last one: they are not columns.
      const headers = [...raw.cells];
      while (headers.length && headers[headers.length - 1] === "") headers.pop();
      columns = headers.map((header, index) => {
        const column = layout.find((candidate) => candidate.en === header || candidate.zh === header);
        if (!column) {
          const closest = closestName(
            header,
            layout.flatMap((candidate) => [candidate.en, candidate.zh]),
          );
          throw new InputFormatError({
            id: closest ? "tableUnknownColumnNear" : "tableUnknownColumn",
            values: { file: sheet.name, header, ...(closest ? { closest } : {}) },
          });
        }
        const earlier = raw.cells.findIndex(
          (other, otherIndex) => otherIndex < index && (other === column.en || other === column.zh),
        );
        if (earlier >= 0) {
          throw new InputFormatError({
            id: "tableColumnTwice",
            values: {
              file: sheet.name,
              en: column.en,
              zh: column.zh,
              first: earlier + 1,
              firstHeader: raw.cells[earlier]!,
              second: index + 1,
              secondHeader: header,
            },
          });
        }
        return column;
      });
      for (const required of layout.filter((column) => column.required)) {
        if (!columns.includes(required))
          throw new InputFormatError({
            id: "tableMissingColumn",
            values: { file: sheet.name, en: required.en, zh: required.zh },
          });
      }
      continue;
    }
    const cells: Record<string, string> = {};
    columns.forEach((column, index) => (cells[column.en] = raw.cells[index] ?? ""));
    let problem = raw.problem;
    // Cells past the header are a problem unless empty (the empty columns Excel adds); a CSV row with
    // fewer cells than the header was cut off (a sheet row simply ends at its last filled cell).
    const extra = raw.cells.slice(columns.length).some((cell) => cell !== "");
    if (!problem && (extra || (!raw.sheetRow && raw.cells.length < columns.length))) {
      problem = message("tableRaggedRow", language, { cells: raw.cells.length, columns: columns.length });
    }
    yield problem ? { line: raw.line, cells, problem } : { line: raw.line, cells };
  }
}

/** `YYYY/M/D` (as Excel shows dates), `YYYY.M.D` or `YYYY年M月D日` → `YYYY-MM-DD`; other text is kept for validation to judge. */
export function normalizeDate(value: string): string {
  const match = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(value) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(value);
  return match ? `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}` : value;
}

/** A code for a cell of a vocabulary column: the code, its Chinese label, or the text as written. */
const code = (column: Column, value: string) =>
  column.vocabulary ? (codeOf(column.vocabulary, value) ?? value) : value;

/** Converts a cell to what the contract expects; a value that does not convert is kept so validation names it. */
function convert(value: string, column: Column): unknown {
  switch (column.kind) {
    case "number":
    case "integer":
      return isDecimalText(value) ? Number(value) : value;
    case "nullableInteger":
      return value === "" ? null : /^\d+$/.test(value) ? Number(value) : value;
    case "boolean":
      return Object.prototype.hasOwnProperty.call(BOOLEAN_WORDS, value.toLowerCase())
        ? BOOLEAN_WORDS[value.toLowerCase()]
        : value;
    case "date":
      return normalizeDate(value);
    case "list":
      return value === ""
        ? []
        : value
            .split(/[;；、,，]/)
            .map((item) => item.trim())
            .filter(Boolean)
            .map((item) => code(column, item));
    case "measures":
      return value === ""
        ? []
        : value.split(/[;；,，]/).map((item) => {
            const [id, since] = item.trim().split("@");
            return since ? { id, since: normalizeDate(since.trim()) } : { id };
          });
    default:
      return code(column, value);
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

/** Builds an object from a row: empty cells are left out (so optional parts stay absent). */
export function build(row: Row, layout: readonly Column[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const column of layout) {
    const value = row.cells[column.en];
    if (value === undefined || column.path.length === 0) continue;
    if (value === "" && column.kind !== "list" && column.kind !== "nullableInteger") continue;
    if (value === "" && column.kind === "list" && column.path[0] === "monitoring") continue;
    setPath(result, column.path, convert(value, column));
  }
  return result;
}

/** Rows of a child table grouped by household id, in order. */
export async function groupByHousehold(
  sheet: TableSheet | null,
  layout: readonly Column[],
  language: Language,
): Promise<Map<string, Row[]>> {
  const groups = new Map<string, Row[]>();
  if (!sheet) return groups;
  for await (const row of readRows(sheet, layout, language)) {
    const id = row.cells.householdId ?? "";
    const rows = groups.get(id) ?? [];
    rows.push(row);
    groups.set(id, rows);
  }
  return groups;
}

/** Household ids that occur on more than one row of the households table, with their rows. */
export async function duplicateIds(
  sheet: TableSheet,
  layout: readonly Column[],
  language: Language,
): Promise<Map<string, number[]>> {
  const rowsById = new Map<string, number[]>();
  for await (const row of readRows(sheet, layout, language)) {
    const id = row.cells.id ?? "";
    if (id === "") continue;
    const rows = rowsById.get(id);
    if (rows) rows.push(row.line);
    else rowsById.set(id, [row.line]);
  }
  for (const [id, rows] of rowsById) if (rows.length < 2) rowsById.delete(id);
  return rowsById;
}

/** Where a problem of a row is, in the language: `members.csv 第 3 行` / `members.csv row 3`. */
export const rowText = (sheet: string, line: number, language: Language) =>
  message("tableRow", language, { file: sheet, row: line });

/** A problem of a row, after where it is: `members.csv 第 3 行：…` / `members.csv row 3: …`. */
export const rowProblem = (sheet: string, line: number, problem: string, language: Language) =>
  rowText(sheet, line, language) + message("colon", language) + problem;

/**
 * Reads county tables (a folder of CSV files or one `.xlsx` workbook): the households table streamed
 * row by row (CSV), joined by household id with members, events and leads (read first). A household whose
 * own row, or a member or event row, cannot be read is rejected naming file and row, and the run goes
 * on; a household id given twice rejects each of its rows; members or events whose household is
 * missing are reported, not lost.
 */
export async function* readTableSources(
  path: string,
  options: TableReadOptions = { language: "zh" },
): AsyncGenerator<SourceItem> {
  const { language } = options;
  const tables = await openTables(path, options);
  const households = tables.households!;
  const members = await groupByHousehold(tables.members, MEMBER_COLUMNS, language);
  const events = await groupByHousehold(tables.events, EVENT_COLUMNS, language);
  const leads = await groupByHousehold(tables.leads, LEAD_COLUMNS, language);
  const duplicates = await duplicateIds(households, HOUSEHOLD_COLUMNS, language);
  const files = {
    households: households.name,
    members: tables.members!.name,
    events: tables.events?.name ?? TABLE_FILES.events,
    leads: tables.leads?.name ?? TABLE_FILES.leads,
  };
  const seen = new Set<string>();
  for await (const row of readRows(households, HOUSEHOLD_COLUMNS, language)) {
    const id = row.cells.id ?? "";
    seen.add(id);
    const memberRows = members.get(id) ?? [];
    const eventRows = events.get(id) ?? [];
    const leadRows = leads.get(id) ?? [];
    const source = rowText(files.households, row.line, language);
    const problems: string[] = [];
    if (row.problem) problems.push(rowProblem(files.households, row.line, row.problem, language));
    const twice = duplicates.get(id);
    if (twice)
      problems.push(
        message("tableDuplicateId", language, {
          id,
          households: files.households,
          rows: twice.join(message("listSeparator", language)),
        }),
      );
    for (const [file, rows] of [
      [files.members, memberRows],
      [files.events, eventRows],
      [files.leads, leadRows],
    ] as const) {
      for (const child of rows) if (child.problem) problems.push(rowProblem(file, child.line, child.problem, language));
    }
    if (problems.length) {
      yield {
        kind: "error",
        line: row.line,
        source,
        message: problems.join(message("reasonSeparator", language)),
        householdId: id || null,
      };
      continue;
    }
    const household = build(row, HOUSEHOLD_COLUMNS);
    household.members = memberRows.map((memberRow) => build(memberRow, MEMBER_COLUMNS));
    if (eventRows.length) household.events = eventRows.map((eventRow) => build(eventRow, EVENT_COLUMNS));
    if (leadRows.length) household.leads = leadRows.map((leadRow) => build(leadRow, LEAD_COLUMNS));
    const origin: TableOrigin = {
      dir: path,
      files,
      householdRow: row.line,
      memberRows: memberRows.map((r) => r.line),
      eventRows: eventRows.map((r) => r.line),
      leadRows: leadRows.map((r) => r.line),
    };
    yield { kind: "value", value: household, origin };
  }
  for (const [file, groups] of [
    [files.members, members],
    [files.events, events],
    [files.leads, leads],
  ] as const) {
    for (const [id, rows] of groups) {
      if (seen.has(id)) continue;
      for (const row of rows) {
        yield {
          kind: "error",
          line: row.line,
          source: rowText(file, row.line, language),
          message: message("tableHouseholdMissing", language, { id, households: files.households }),
        };
      }
    }
  }
}
