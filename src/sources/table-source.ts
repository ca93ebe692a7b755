import { existsSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { parse } from "csv-parse";
import { message, type Language } from "../messages/catalogue.js";
import type { Catalogue } from "../rulesets/catalogue.js";
import { InputFormatError } from "./read-households.js";
import { decodeTable, detectEncoding, type TableEncoding } from "./table-decode.js";
import { openWorkbookTables, type WorkbookTable } from "./workbook-source.js";

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
   * `diff`); without one, the shipped national catalogue's (`anonymize`).
   */
  catalogue?: Catalogue;
}

/** A workbook input: an `.xlsx` file. */
export const isWorkbook = (path: string) => extname(path).toLowerCase() === ".xlsx";

/** Table input: a folder holding households.csv, households.csv itself, or an `.xlsx` workbook. */
export function isTableInput(path: string): boolean {
  if (statSync(path).isDirectory()) return existsSync(join(path, TABLES.households.file));
  return basename(path) === TABLES.households.file || isWorkbook(path);
}

function csvSheet(file: string, options: TableReadOptions): TableSheet {
  // Detected once, however often the table is read.
  let encoding: Promise<TableEncoding> | undefined;
  return {
    name: basename(file),
    async *rows() {
      encoding ??= options.encoding ? Promise.resolve(options.encoding) : detectEncoding(file);
      const chosen = await encoding;
      const detected = options.encoding === undefined;
      // Columns may vary per row here: a ragged row is reported for its household, not fatal.
      // Rows of empty cells only (",,,,", which Excel leaves below the data) are skipped like blank lines.
      const parser = parse({
        info: true,
        skip_empty_lines: true,
        skip_records_with_empty_values: true,
        relax_column_count: true,
        trim: true,
      });
      const feed = (async () => {
        try {
          for await (const text of decodeTable(file, chosen, options.language, detected)) {
            if (parser.destroyed) return;
            if (!parser.write(text))
              await new Promise((resolve) => parser.once("drain", resolve).once("close", resolve));
          }
          parser.end();
        } catch (error) {
          parser.destroy(error as Error);
        }
      })();
      let lastLine = 0;
      try {
        for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          lastLine = info.lines;
          yield { line: info.lines, cells: record };
        }
      } catch (error) {
        if (error instanceof InputFormatError) throw error;
        // A quoting error (a cell cut off in the middle) ends what can be read of the file: the
        // rows before it stand, and the rest is reported as one unreadable row.
        yield { line: lastLine + 1, cells: [], problem: (error as Error).message };
      } finally {
        // Stopped early (a bad header): let the reading end too.
        if (!parser.destroyed) parser.destroy();
      }
      await feed;
    },
  };
}

/** The tables of a workbook, each sheet streamed; a workbook that is not a zip of sheets is unreadable. */
async function openWorkbook(path: string, options: TableReadOptions): Promise<Record<TableName, TableSheet | null>> {
  const names = Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((table) => [table, TABLES[table].sheets]),
  ) as unknown as Record<TableName, readonly string[]>;
  let tables: Record<TableName, WorkbookTable | null>;
  let sheetNames: string[] = [];
  try {
    tables = await openWorkbookTables(path, names, (all) => (sheetNames = all));
  } catch (error) {
    if (error instanceof InputFormatError) throw error;
    throw new InputFormatError(
      message("workbookUnreadable", options.language, { file: basename(path), detail: (error as Error).message }),
    );
  }
  if (!tables.households || !tables.members) {
    throw new InputFormatError(
      message("workbookSheetsMissing", options.language, {
        file: basename(path),
        sheets: sheetNames.join(message("listSeparator", options.language)),
      }),
    );
  }
  const asSheet = (table: WorkbookTable | null): TableSheet | null =>
    table && {
      name: table.name,
      async *rows() {
        try {
          for await (const row of table.rows())
            yield { line: row.line, cells: row.cells, sheetRow: true, formulas: row.formulas };
        } catch (error) {
          if (error instanceof InputFormatError) throw error;
          throw new InputFormatError(
            message("workbookUnreadable", options.language, { file: basename(path), detail: (error as Error).message }),
          );
        }
      },
    };
  return Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((table) => [table, asSheet(tables[table])]),
  ) as Record<TableName, TableSheet | null>;
}

/** The tables of an input path: a folder's CSV files or a workbook's sheets; null for a table not given. */
export async function openTables(
  path: string,
  options: TableReadOptions,
): Promise<Record<TableName, TableSheet | null>> {
  if (isWorkbook(path)) return openWorkbook(path, options);
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const file = (table: TableName) => join(dir, TABLES[table].file);
  if (!existsSync(file("members"))) {
    throw new InputFormatError(
      message("tableFileMissing", options.language, {
        members: TABLES.members.file,
        households: TABLES.households.file,
      }),
    );
  }
  return Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((table) => [
      table,
      existsSync(file(table)) ? csvSheet(file(table), options) : null,
    ]),
  ) as Record<TableName, TableSheet | null>;
}
