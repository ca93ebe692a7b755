import { isDecimalText } from "../input/decimal.js";
import { message, type Language } from "../messages/catalogue.js";
import { closestName } from "../messages/suggestion.js";
import { riskTypeOf, shippedCatalogue, type Catalogue } from "../rulesets/catalogue.js";
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
export type Row = {
  line: number;
  cells: Record<string, string>;
  problem?: string;
  /** For a workbook row: which of its values are the saved results of formulas, worded in the language. */
  notes?: string[];
};

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
    const notes = (raw.formulas ?? [])
      .filter(({ index }) => columns![index] !== undefined)
      .map(({ index, ref, formula }) =>
        message("formulaValueNote", language, {
          where:
            rowText(sheet.name, raw.line, language) +
            message("tableColumn", language, { en: columns![index]!.en, zh: columns![index]!.zh }),
          ref,
          formula: formula || "…",
        }),
      );
    yield {
      line: raw.line,
      cells,
      ...(problem ? { problem } : {}),
      ...(notes.length ? { notes } : {}),
    };
  }
}

/** `YYYY/M/D` (as Excel shows dates), `YYYY.M.D` or `YYYY年M月D日` → `YYYY-MM-DD`; other text is kept for validation to judge. */
export function normalizeDate(value: string): string {
  const match = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(value) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(value);
  return match ? `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}` : value;
}

/**
 * A code for a cell of a vocabulary column: the code, its Chinese label (a risk type's label in
 * either language, from the catalogue), or the text as written.
 */
const code = (column: Column, value: string, catalogue: Catalogue) =>
  column.vocabulary === "riskType"
    ? (riskTypeOf(catalogue, value) ?? value)
    : column.vocabulary
      ? (codeOf(column.vocabulary, value) ?? value)
      : value;

/** Converts a cell to what the contract expects; a value that does not convert is kept so validation names it. */
function convert(value: string, column: Column, catalogue: Catalogue): unknown {
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
            .map((item) => code(column, item, catalogue));
    case "measures":
      return value === ""
        ? []
        : value.split(/[;；,，]/).map((item) => {
            const [id, since] = item.trim().split("@");
            return since ? { id, since: normalizeDate(since.trim()) } : { id };
          });
    default:
      return code(column, value, catalogue);
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

/**
 * Builds an object from a row: empty cells are left out (so optional parts stay absent). Risk types
 * are read with `catalogue` (the shipped national one when not given).
 */
export function build(
  row: Row,
  layout: readonly Column[],
  catalogue: Catalogue = shippedCatalogue(),
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const column of layout) {
    const value = row.cells[column.en];
    if (value === undefined || column.path.length === 0) continue;
    if (value === "" && column.kind !== "list" && column.kind !== "nullableInteger") continue;
    if (value === "" && column.kind === "list" && column.path[0] === "monitoring") continue;
    setPath(result, column.path, convert(value, column, catalogue));
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

/** The column layouts of the four tables (county input and anonymize exports differ). */
export interface TableLayouts {
  households: readonly Column[];
  members: readonly Column[];
  events: readonly Column[];
  leads: readonly Column[];
}

/** The names of the tables in messages: the CSV files, or a workbook's sheets. */
export type TableNames = { households: string; members: string; events: string; leads: string };

/**
 * A household row joined with its member, event and lead rows (with every problem of those rows
 * and the other rows of a duplicated id), or a member, event or lead row whose household is missing.
 */
export type JoinedRow =
  | {
      kind: "household";
      id: string;
      row: Row;
      members: Row[];
      events: Row[];
      leads: Row[];
      /** Where the household is, `households.csv 第 2 行`. */
      source: string;
      /** Problems of the household's own row and of its member, event and lead rows, worded in the language. */
      problems: string[];
      /** Values of those rows that a workbook saved as formula results, worded in the language. */
      notes: string[];
      /** Every row of `households` with this id, when there is more than one. */
      duplicateRows: number[] | undefined;
      /** The names of the tables, for messages. */
      files: TableNames;
    }
  | { kind: "orphan"; source: string; message: string; line: number };

/**
 * Joins county tables (a folder of CSV files or one `.xlsx` workbook) by household id: the
 * households table streamed row by row (CSV), members, events and leads read first. Member, event
 * and lead rows whose household is missing come last, each on its own, so nothing is lost.
 */
export async function* joinTables(
  path: string,
  options: TableReadOptions,
  layouts: TableLayouts,
): AsyncGenerator<JoinedRow, void, undefined> {
  const { language } = options;
  const tables = await openTables(path, options);
  const households = tables.households!;
  const members = await groupByHousehold(tables.members, layouts.members, language);
  const events = await groupByHousehold(tables.events, layouts.events, language);
  const leads = await groupByHousehold(tables.leads, layouts.leads, language);
  const duplicates = await duplicateIds(households, layouts.households, language);
  const files = tableNames(tables);
  const seen = new Set<string>();
  for await (const row of readRows(households, layouts.households, language)) {
    const id = row.cells.id ?? "";
    seen.add(id);
    const children = { members: members.get(id) ?? [], events: events.get(id) ?? [], leads: leads.get(id) ?? [] };
    const problems: string[] = [];
    if (row.problem) problems.push(rowProblem(files.households, row.line, row.problem, language));
    for (const table of ["members", "events", "leads"] as const) {
      for (const child of children[table]) {
        if (child.problem) problems.push(rowProblem(files[table], child.line, child.problem, language));
      }
    }
    const notes = [row, ...children.members, ...children.events, ...children.leads].flatMap((each) => each.notes ?? []);
    const source = rowText(files.households, row.line, language);
    yield {
      kind: "household",
      id,
      row,
      ...children,
      source,
      problems,
      notes,
      duplicateRows: duplicates.get(id),
      files,
    };
  }
  for (const [table, groups] of [
    ["members", members],
    ["events", events],
    ["leads", leads],
  ] as const) {
    for (const [id, rows] of groups) {
      if (seen.has(id)) continue;
      for (const row of rows) {
        yield {
          kind: "orphan",
          line: row.line,
          source: rowText(files[table], row.line, language),
          message: message("tableHouseholdMissing", language, { id, households: files.households }),
        };
      }
    }
  }
}

/** The names of the tables opened, for messages. */
function tableNames(tables: Awaited<ReturnType<typeof openTables>>): TableNames {
  return {
    households: tables.households!.name,
    members: tables.members!.name,
    events: tables.events?.name ?? TABLE_FILES.events,
    leads: tables.leads?.name ?? TABLE_FILES.leads,
  };
}

const INPUT_LAYOUTS: TableLayouts = {
  households: HOUSEHOLD_COLUMNS,
  members: MEMBER_COLUMNS,
  events: EVENT_COLUMNS,
  leads: LEAD_COLUMNS,
};

/**
 * Reads county tables (a folder of CSV files or one `.xlsx` workbook) as households to screen. A
 * household whose own row, or a member, event or lead row, cannot be read is rejected naming file
 * and row, and the run goes on; a household id given twice rejects each of its rows; members,
 * events or leads whose household is missing are reported, not lost.
 */
export async function* readTableSources(
  path: string,
  options: TableReadOptions = { language: "zh" },
): AsyncGenerator<SourceItem> {
  const { language } = options;
  for await (const joined of joinTables(path, options, INPUT_LAYOUTS)) {
    if (joined.kind === "orphan") {
      yield { kind: "error", line: joined.line, source: joined.source, message: joined.message };
      continue;
    }
    const { id, row, problems, files } = joined;
    if (joined.duplicateRows) {
      problems.push(
        message("tableDuplicateId", language, {
          id,
          households: files.households,
          rows: joined.duplicateRows.join(message("listSeparator", language)),
        }),
      );
    }
    if (problems.length) {
      yield {
        kind: "error",
        line: row.line,
        source: joined.source,
        message: problems.join(message("reasonSeparator", language)),
        householdId: id || null,
      };
      continue;
    }
    const household = build(row, HOUSEHOLD_COLUMNS, options.catalogue);
    household.members = joined.members.map((memberRow) => build(memberRow, MEMBER_COLUMNS));
    if (joined.events.length) household.events = joined.events.map((eventRow) => build(eventRow, EVENT_COLUMNS));
    if (joined.leads.length) household.leads = joined.leads.map((leadRow) => build(leadRow, LEAD_COLUMNS));
    const origin: TableOrigin = {
      dir: path,
      files,
      householdRow: row.line,
      memberRows: joined.members.map((r) => r.line),
      eventRows: joined.events.map((r) => r.line),
      leadRows: joined.leads.map((r) => r.line),
      ...(joined.notes.length ? { notes: joined.notes } : {}),
    };
    yield { kind: "value", value: household, origin };
  }
}
