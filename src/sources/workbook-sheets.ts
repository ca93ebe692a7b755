import { message } from "../messages/catalogue.js";
import { InputFormatError } from "./read-households.js";
import { TABLES, type OpenedTables, type TableName, type TableReadOptions, type TableSheet } from "./table-sheet.js";
import type { WorkbookTable } from "./workbook-tables.js";

/** Opens a workbook's tables by the sheet names each may have, telling the names of all its sheets. */
export type WorkbookOpener = (
  names: Record<TableName, readonly string[]>,
  sheetNames: (all: string[]) => void,
) => Promise<Record<TableName, WorkbookTable | null>>;

/**
 * The tables of a workbook however it is opened (a file on disk, bytes in memory), each sheet's rows
 * streamed. A workbook that cannot be read, or has no household or member sheet, is refused naming
 * `file`, the sheets it has, and what went wrong.
 */
export async function workbookTableSheets(
  file: string,
  open: WorkbookOpener,
  options: TableReadOptions,
): Promise<OpenedTables> {
  const names = Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((table) => [table, TABLES[table].sheets]),
  ) as unknown as Record<TableName, readonly string[]>;
  const unreadable = (error: unknown) =>
    error instanceof InputFormatError
      ? error
      : new InputFormatError(
          message("workbookUnreadable", options.language, { file, detail: (error as Error).message }),
        );
  let tables: Record<TableName, WorkbookTable | null>;
  let sheetNames: string[] = [];
  try {
    tables = await open(names, (all) => (sheetNames = all));
  } catch (error) {
    throw unreadable(error);
  }
  if (!tables.households || !tables.members) {
    throw new InputFormatError(
      message("workbookSheetsMissing", options.language, {
        file,
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
          throw unreadable(error);
        }
      },
    };
  return Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((table) => [table, asSheet(tables[table])]),
  ) as OpenedTables;
}
