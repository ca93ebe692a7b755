import type { SourceItem } from "./read-households.js";
import { openTables, type TableReadOptions } from "./table-source.js";
import { joinTableSheets, tableHouseholdSources, type JoinedRow, type TableLayouts } from "./table-rows.js";

export { isTableInput } from "./table-source.js";
export {
  build,
  duplicateIds,
  groupByHousehold,
  joinTableSheets,
  normalizeDate,
  readRows,
  rowProblem,
  rowText,
  type JoinedRow,
  type Row,
  type TableLayouts,
  type TableNames,
} from "./table-rows.js";

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
  yield* joinTableSheets(await openTables(path, options), options.language, layouts);
}

/**
 * Reads county tables (a folder of CSV files or one `.xlsx` workbook) as households to screen. A
 * household whose own row, or a member, event or lead row, cannot be read is rejected naming file
 * and row, and the run goes on; a household id given twice rejects each of its rows; members,
 * events or leads whose household is missing are reported, not lost. Risk types are read with
 * `options.catalogue` (the shipped national one when not given).
 */
export async function* readTableSources(
  path: string,
  options: TableReadOptions = { language: "zh" },
): AsyncGenerator<SourceItem> {
  yield* tableHouseholdSources(await openTables(path, options), path, options.language, options.catalogue);
}
