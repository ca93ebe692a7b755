import { basename } from "node:path";
import { openWorkbookZip } from "./workbook-zip.js";
import { WORKBOOK_LIMITS, workbookTables, type WorkbookTable } from "./workbook-tables.js";

export { WORKBOOK_LIMITS, type WorkbookRow, type WorkbookTable } from "./workbook-tables.js";

/**
 * Opens the tables of a workbook file: for each table name, the one sheet named for it (in English
 * or Chinese, spaces and case aside), or null. Two sheets that could be the same table, a limit
 * exceeded, merged cells, or a formula or error whose value cannot be read refuse the whole input
 * before any household is read, each naming the sheets or cells (see `workbook-tables.ts`).
 */
export function openWorkbookTables<T extends string>(
  file: string,
  tables: Record<T, readonly string[]>,
  /** Told every sheet's name, for a message when a table is missing. */
  seen?: (names: string[]) => void,
): Promise<Record<T, WorkbookTable | null>> {
  return workbookTables({ name: basename(file), open: () => openWorkbookZip(file, WORKBOOK_LIMITS) }, tables, seen);
}
