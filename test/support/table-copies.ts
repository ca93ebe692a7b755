/**
 * County tables in the shapes township staff hand them on: written from contract households, turned
 * into Chinese headers with Chinese labels and `YYYY/M/D` dates, saved as GB18030, or put in one
 * `.xlsx` workbook with real date cells. Used by the table tests and by scripts/sample-workbook.ts.
 */
import { riskTypeLabel, shippedCatalogue } from "../../src/rulesets/catalogue.js";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import {
  EVENT_COLUMNS,
  HOUSEHOLD_COLUMNS,
  LEAD_COLUMNS,
  MEMBER_COLUMNS,
  type Column,
} from "../../src/sources/table-columns.js";
import { VOCABULARIES, type Label } from "../../src/vocabulary/labels.js";

export interface Table {
  header: string[];
  rows: string[][];
}
/** The tables of a county export; leads.csv is optional, as it is to dixian. */
export type Tables = { households: Table; members: Table; events: Table; leads?: Table };
export const LAYOUTS = {
  households: HOUSEHOLD_COLUMNS,
  members: MEMBER_COLUMNS,
  events: EVENT_COLUMNS,
  leads: LEAD_COLUMNS,
} as const;
const FILES = {
  households: "households.csv",
  members: "members.csv",
  events: "events.csv",
  leads: "leads.csv",
} as const;
const NAMES = ["households", "members", "events", "leads"] as const;

export function readTables(dir: string): Tables {
  const read = (file: string): Table => {
    const parsed: string[][] = parse(readFileSync(join(dir, file), "utf8"), { bom: true, skip_empty_lines: true });
    const [header, ...rows] = parsed;
    return { header: header!, rows };
  };
  return { households: read(FILES.households), members: read(FILES.members), events: read(FILES.events) };
}

function get(value: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = value;
  for (const key of path) node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function cellOf(value: unknown, column: Column): string {
  if (value === undefined || value === null) return "";
  if (column.kind === "measures")
    return (value as { id: string; since?: string }[]).map((m) => (m.since ? `${m.id}@${m.since}` : m.id)).join(";");
  if (Array.isArray(value)) return value.join(";");
  return typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : JSON.stringify(value);
}

/** Contract households as English tables with codes (the project's documented layout). */
export function householdsToTables(households: Record<string, any>[]): Tables {
  const table = (
    layout: readonly Column[],
    records: Record<string, unknown>[],
    householdId?: (index: number) => string,
  ): Table => ({
    header: layout.map((column) => column.en),
    rows: records.map((record, index) =>
      layout.map((column) =>
        column.path.length === 0 ? householdId!(index) : cellOf(get(record, column.path), column),
      ),
    ),
  });
  const members = households.flatMap((h) => h.members.map((m: unknown) => ({ m, id: h.id })));
  const events = households.flatMap((h) => (h.events ?? []).map((e: unknown) => ({ e, id: h.id })));
  const leads = households.flatMap((h) => (h.leads ?? []).map((l: unknown) => ({ l, id: h.id })));
  return {
    households: table(HOUSEHOLD_COLUMNS, households),
    members: table(
      MEMBER_COLUMNS,
      members.map((x) => x.m),
      (i) => members[i]!.id,
    ),
    events: table(
      EVENT_COLUMNS,
      events.map((x) => x.e),
      (i) => events[i]!.id,
    ),
    ...(leads.length
      ? {
          leads: table(
            LEAD_COLUMNS,
            leads.map((x) => x.l),
            (i) => leads[i]!.id,
          ),
        }
      : {}),
  };
}

const slashDate = (value: string) =>
  value.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y, m, d) => `${y}/${Number(m)}/${Number(d)}`);
const zhLabel = (column: Column, code: string) =>
  column.vocabulary === "riskType"
    ? riskTypeLabel(shippedCatalogue(), code, "zh")
    : column.vocabulary
      ? ((VOCABULARIES[column.vocabulary] as Record<string, Label>)[code]?.zh ?? code)
      : code;

/** The same tables as people write them: Chinese headers, Chinese labels, `YYYY/M/D` dates, 是/否. */
export function chineseCopy(tables: Tables): Tables {
  const convert = (table: Table, layout: readonly Column[]): Table => {
    const columns = table.header.map((header) =>
      layout.find((column) => column.en === header || column.zh === header)!,
    );
    return {
      header: columns.map((column) => column.zh),
      rows: table.rows.map((row) =>
        row.map((cell, index) => {
          const column = columns[index]!;
          if (cell === "") return cell;
          switch (column.kind) {
            case "date":
              return slashDate(cell);
            case "boolean":
              return cell === "true" ? "是" : cell === "false" ? "否" : cell;
            case "list":
              return cell
                .split(";")
                .map((item) => zhLabel(column, item))
                .join("、");
            case "measures":
              return cell
                .split(";")
                .map((item) => item.replace(/@(.*)$/, (_, since) => `@${slashDate(since)}`))
                .join("；");
            default:
              return zhLabel(column, cell);
          }
        }),
      ),
    };
  };
  return {
    households: convert(tables.households, HOUSEHOLD_COLUMNS),
    members: convert(tables.members, MEMBER_COLUMNS),
    events: convert(tables.events, EVENT_COLUMNS),
    ...(tables.leads ? { leads: convert(tables.leads, LEAD_COLUMNS) } : {}),
  };
}

/** Writes the tables as CSV files in UTF-8 (with a BOM, as Excel saves "CSV UTF-8") or GB18030. */
export function writeTables(dir: string, tables: Tables, encoding: "utf8" | "gb18030" = "utf8"): string {
  mkdirSync(dir, { recursive: true });
  for (const name of NAMES) {
    const table = tables[name];
    if (!table) continue;
    const text = stringify([table.header, ...table.rows]);
    writeFileSync(join(dir, FILES[name]), encoding === "utf8" ? "\uFEFF" + text : iconv.encode(text, "gb18030"));
  }
  return dir;
}

/**
 * Writes the tables as one workbook, a sheet per table (Chinese sheet names by default), with dates
 * as real date cells and money and counts as number cells, as a county system's export has them.
 */
export async function writeWorkbook(file: string, tables: Tables, sheetNames: "zh" | "en" = "zh"): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  // Fixed document dates, so the workbook's content does not depend on when it was written.
  workbook.created = workbook.modified = new Date(Date.UTC(2025, 5, 30));
  const zhNames = { households: "户", members: "成员", events: "事件", leads: "线索" } as const;
  for (const name of NAMES) {
    const table = tables[name];
    if (!table) continue;
    const sheet = workbook.addWorksheet(sheetNames === "zh" ? zhNames[name] : name);
    const columns = table.header.map((header) =>
      LAYOUTS[name].find((column) => column.en === header || column.zh === header)!,
    );
    sheet.addRow(table.header);
    for (const row of table.rows) {
      sheet.addRow(
        row.map((cell, index) => {
          const column = columns[index]!;
          const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(cell);
          if (column.kind === "date" && iso)
            return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
          if ((column.kind === "money" || column.kind === "number") && cell !== "" && Number.isFinite(Number(cell)))
            return Number(cell);
          return cell === "" ? null : cell;
        }),
      );
    }
    columns.forEach((column, index) => {
      if (column.kind === "date") sheet.getColumn(index + 1).numFmt = "yyyy/m/d";
    });
  }
  await workbook.xlsx.writeFile(file);
  return file;
}
