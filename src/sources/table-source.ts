import { existsSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { parse } from "csv-parse";
import { message } from "../messages/catalogue.js";
import { InputFormatError } from "./read-households.js";
import { decodeTable, detectEncoding, type TableEncoding } from "./table-decode.js";
import { openWorkbookTables } from "./workbook-source.js";
import { workbookTableSheets } from "./workbook-sheets.js";
import { CSV_TABLE_OPTIONS, TABLES, type TableName, type TableReadOptions, type TableSheet } from "./table-sheet.js";

export { TABLES, type RawRow, type TableName, type TableReadOptions, type TableSheet } from "./table-sheet.js";

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
      const parser = parse(CSV_TABLE_OPTIONS);
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
function openWorkbook(path: string, options: TableReadOptions): Promise<Record<TableName, TableSheet | null>> {
  return workbookTableSheets(
    basename(path),
    (names, sheetNames) => openWorkbookTables(path, names, sheetNames),
    options,
  );
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
