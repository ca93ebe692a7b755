import { parse } from "csv-parse/sync";
import { InputFormatError } from "./read-households.js";
import { message } from "../messages/catalogue.js";
import { memoryZip } from "./memory-zip.js";
import { decodeTableBytes, type Gb18030Codec } from "./text-encoding.js";
import {
  CSV_TABLE_OPTIONS,
  TABLES,
  type OpenedTables,
  type RawRow,
  type TableName,
  type TableReadOptions,
  type TableSheet,
} from "./table-sheet.js";
import { WORKBOOK_LIMITS, workbookTables } from "./workbook-tables.js";
import { workbookTableSheets } from "./workbook-sheets.js";

/**
 * County tables from files held in memory — what a person chose or dropped in the workbench page —
 * opened as the command line opens them from disk: a set of CSV files named as the tables
 * (households.csv, members.csv, events.csv, leads.csv; UTF-8 or GB18030), or one `.xlsx` workbook
 * with a sheet per table. The same reading, limits and messages; only the bytes come from memory.
 */

/** A file as the page has it: its name and its bytes. */
export interface MemoryFile {
  name: string;
  bytes: Uint8Array;
}

/** A workbook by its name, as the command line tells one. */
export const isWorkbookName = (name: string) => name.toLowerCase().endsWith(".xlsx");

/** Record and line as csv-parse gives them with `info: true`. */
interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * A CSV table's rows. A quoting error (a cell cut off in the middle) ends what can be read of the
 * file: the rows before it stand, and the rest is reported as one unreadable row, as from a file.
 */
export function csvTextRows(text: string): RawRow[] {
  const rows: RawRow[] = [];
  // With `info`, each record comes as { record, info } (csv-parse's types know only the plain record).
  const onRecord = (parsed: unknown) => {
    const { record, info } = parsed as ParsedRecord;
    rows.push({ line: info.lines, cells: record });
    return null;
  };
  try {
    parse(text, { ...CSV_TABLE_OPTIONS, on_record: onRecord });
  } catch (error) {
    rows.push({ line: (rows[rows.length - 1]?.line ?? 0) + 1, cells: [], problem: (error as Error).message });
  }
  return rows;
}

function csvSheet(file: MemoryFile, options: TableReadOptions, gb18030: Gb18030Codec): TableSheet {
  // Decoded and parsed once, however often the table is read.
  let rows: RawRow[] | undefined;
  return {
    name: file.name,
    // eslint-disable-next-line @typescript-eslint/require-await -- a sheet's rows are async wherever they come from
    async *rows() {
      rows ??= csvTextRows(decodeTableBytes(file.name, file.bytes, options.encoding, options.language, gb18030));
      yield* rows;
    },
  };
}

/** The tables of a workbook in memory; a workbook that is not a zip of sheets is unreadable. */
function workbookSheets(file: MemoryFile, options: TableReadOptions): Promise<OpenedTables> {
  return workbookTableSheets(
    file.name,
    (names, sheetNames) =>
      // eslint-disable-next-line @typescript-eslint/require-await -- the zip opener of a file is async
      workbookTables({ name: file.name, open: async () => memoryZip(file.bytes, WORKBOOK_LIMITS) }, names, sheetNames),
    options,
  );
}

/**
 * The tables of files in memory: one workbook (a file named `.xlsx`), or CSV files named as the
 * tables (households.csv and members.csv at least). Files of other names are not tables and are
 * left to the caller to mention.
 */
export async function openMemoryTables(
  files: readonly MemoryFile[],
  options: TableReadOptions,
  gb18030: Gb18030Codec,
): Promise<OpenedTables> {
  const workbook = files.find((file) => isWorkbookName(file.name));
  if (workbook) return workbookSheets(workbook, options);
  const named = (table: TableName) => files.find((file) => file.name === TABLES[table].file);
  if (!named("households") || !named("members")) {
    throw new InputFormatError(
      message("tableFileMissing", options.language, {
        members: TABLES.members.file,
        households: TABLES.households.file,
      }),
    );
  }
  return Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((table) => {
      const file = named(table);
      return [table, file ? csvSheet(file, options, gb18030) : null];
    }),
  ) as OpenedTables;
}
