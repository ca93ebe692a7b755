import { createReadStream, existsSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parse } from "csv-parse";
import { isDecimalText } from "../input/decimal.js";
import { message } from "../results/messages.js";
import type { Language } from "../results/result-types.js";
import { closestName } from "../results/suggestion.js";
import { BOOLEAN_WORDS, EVENT_COLUMNS, HOUSEHOLD_COLUMNS, LEAD_COLUMNS, MEMBER_COLUMNS, SEX_WORDS, type Column } from "./table-columns.js";
import { TABLE_FILES, type TableOrigin } from "./table-location.js";
import { InputFormatError, type SourceItem } from "./read-households.js";


/** Table input: a folder holding households.csv, or households.csv itself. */
export function isTableInput(path: string): boolean {
  if (statSync(path).isDirectory()) return existsSync(join(path, TABLE_FILES.households));
  return basename(path) === TABLE_FILES.households;
}

export type Row = { line: number; cells: Record<string, string> };

/** Reads a CSV file row by row, mapping English or Chinese headers to the layout's columns. */
export async function* readRows(file: string, layout: readonly Column[]): AsyncGenerator<Row> {
  const parser = createReadStream(file).pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false, trim: true }));
  let columns: (Column | null)[] | null = null;
  const name = basename(file);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = record.map((header) => {
          const column = layout.find((candidate) => candidate.en === header || candidate.zh === header);
          if (!column) {
            const closest = closestName(header, layout.flatMap((candidate) => [candidate.en, candidate.zh]));
            throw new InputFormatError({ id: closest ? "tableUnknownColumnNear" : "tableUnknownColumn", values: { file: name, header, ...(closest ? { closest } : {}) } });
          }
          return column;
        });
        for (const required of layout.filter((column) => column.required)) {
          if (!columns.includes(required)) throw new InputFormatError({ id: "tableMissingColumn", values: { file: name, en: required.en, zh: required.zh } });
        }
        continue;
      }
      const cells: Record<string, string> = {};
      record.forEach((value, index) => (cells[columns![index]!.en] = value));
      yield { line: info.lines, cells };
    }
  } catch (error) {
    if (error instanceof InputFormatError) throw error;
    throw new InputFormatError(`${name}: ${(error as Error).message}`);
  }
}

/** Converts a cell to what the contract expects; a value that does not convert is kept so validation names it. */
function convert(value: string, column: Column): unknown {
  switch (column.kind) {
    case "number":
    case "integer":
      return isDecimalText(value) ? Number(value) : value;
    case "nullableInteger":
      return value === "" ? null : /^\d+$/.test(value) ? Number(value) : value;
    case "boolean":
      return value.toLowerCase() in BOOLEAN_WORDS ? BOOLEAN_WORDS[value.toLowerCase()] : value;
    case "list":
      return value === "" ? [] : value.split(/[;；]/).map((item) => item.trim()).filter(Boolean);
    case "measures":
      return value === "" ? [] : value.split(/[;；]/).map((item) => {
        const [id, since] = item.trim().split("@");
        return since ? { id, since } : { id };
      });
    default:
      return column.path[column.path.length - 1] === "sex" ? (SEX_WORDS[value] ?? value) : value;
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

async function groupByHousehold(file: string, layout: readonly Column[]): Promise<Map<string, Row[]>> {
  const groups = new Map<string, Row[]>();
  if (!existsSync(file)) return groups;
  for await (const row of readRows(file, layout)) {
    const id = row.cells.householdId!;
    const rows = groups.get(id) ?? [];
    rows.push(row);
    groups.set(id, rows);
  }
  return groups;
}

/**
 * Reads county tables: households.csv streamed row by row, joined by household id with members.csv
 * events.csv and leads.csv (read first). Members or events whose household is missing are reported, not lost.
 */
export async function* readTableSources(path: string, language: Language = "zh"): AsyncGenerator<SourceItem> {
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const membersFile = join(dir, TABLE_FILES.members);
  if (!existsSync(membersFile)) throw new InputFormatError({ id: "tableFileMissing", values: { members: TABLE_FILES.members, households: TABLE_FILES.households } });
  const members = await groupByHousehold(membersFile, MEMBER_COLUMNS);
  const events = await groupByHousehold(join(dir, TABLE_FILES.events), EVENT_COLUMNS);
  const leads = await groupByHousehold(join(dir, TABLE_FILES.leads), LEAD_COLUMNS);
  const seen = new Set<string>();
  for await (const row of readRows(join(dir, TABLE_FILES.households), HOUSEHOLD_COLUMNS)) {
    const household = build(row, HOUSEHOLD_COLUMNS);
    const id = row.cells.id ?? "";
    seen.add(id);
    const memberRows = members.get(id) ?? [];
    const eventRows = events.get(id) ?? [];
    household.members = memberRows.map((memberRow) => build(memberRow, MEMBER_COLUMNS));
    if (eventRows.length) household.events = eventRows.map((eventRow) => build(eventRow, EVENT_COLUMNS));
    const leadRows = leads.get(id) ?? [];
    if (leadRows.length) household.leads = leadRows.map((leadRow) => build(leadRow, LEAD_COLUMNS));
    const origin: TableOrigin = {
      dir, householdRow: row.line, memberRows: memberRows.map((r) => r.line), eventRows: eventRows.map((r) => r.line), leadRows: leadRows.map((r) => r.line),
    };
    yield { kind: "value", value: household, origin };
  }
  for (const [file, groups] of [[TABLE_FILES.members, members], [TABLE_FILES.events, events], [TABLE_FILES.leads, leads]] as const) {
    for (const [id, rows] of groups) {
      if (seen.has(id)) continue;
      for (const row of rows) {
        yield {
          kind: "error", line: row.line, source: message("tableRow", language, { file, row: row.line }),
          message: message("tableHouseholdMissing", language, { id, households: TABLE_FILES.households }),
        };
      }
    }
  }
}

