import { basename } from "node:path";
import type { ErrorCode } from "../errors.js";
import type { MessageText } from "../messages/catalogue.js";
import { InputFormatError, MAX_DOCUMENT_BYTES } from "./read-households.js";
import { openWorkbookZip, ZipLimitError, type WorkbookZip } from "./workbook-zip.js";
import {
  columnName,
  decodeRef,
  readDateStyles,
  readRelationships,
  readSharedStrings,
  readWorkbookPart,
  sheetItems,
  type CellContext,
  type SheetCell,
  type SheetEntry,
} from "./workbook-xml.js";

/**
 * Bounds on a workbook, checked before its rows are read: the file and what it unpacks to (the
 * bound of a JSON document, so a workbook costs no more memory than the same data as JSON), rows
 * (Excel's own maximum), columns (the widest table has 37) and the used range, so a small file with
 * a far-away cell or a million empty rows is refused at once instead of taking gigabytes.
 */
export const WORKBOOK_LIMITS = {
  fileBytes: 128 * 1024 * 1024,
  unpackedBytes: MAX_DOCUMENT_BYTES,
  entries: 10_000,
  rows: 1_048_576,
  columns: 256,
  cells: 20_000_000,
};

/** A sheet's row as table input takes it: cells by column (text), and the formulas whose saved results they are. */
export interface WorkbookRow {
  line: number;
  cells: string[];
  formulas: { index: number; ref: string; formula: string }[];
}

export interface WorkbookTable {
  /** `county.xlsx [户]`, for messages. */
  name: string;
  rows(): AsyncIterable<WorkbookRow>;
}

const fail = (id: MessageText["id"], values: MessageText["values"], code: ErrorCode) =>
  new InputFormatError({ id, values }, code);

/** A sheet name as compared with the table names: no spaces (of any width), case folded. */
const normalName = (name: string) => name.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();

async function withZip<T>(file: string, use: (zip: WorkbookZip) => Promise<T>): Promise<T> {
  let zip: WorkbookZip;
  try {
    zip = await openWorkbookZip(file, WORKBOOK_LIMITS);
  } catch (error) {
    if (!(error instanceof ZipLimitError)) throw error;
    const { problem } = error;
    const name = basename(file);
    if (problem.kind === "fileTooLarge")
      throw fail(
        "workbookTooLarge",
        { file: name, size: problem.size, limit: WORKBOOK_LIMITS.fileBytes },
        "E_WORKBOOK_LIMIT",
      );
    if (problem.kind === "tooManyEntries")
      throw fail(
        "workbookTooManyEntries",
        { file: name, count: problem.count, limit: WORKBOOK_LIMITS.entries },
        "E_WORKBOOK_LIMIT",
      );
    throw fail(
      "workbookXmlTooLarge",
      { file: name, size: problem.size, limit: WORKBOOK_LIMITS.unpackedBytes, entry: problem.entry },
      "E_WORKBOOK_LIMIT",
    );
  }
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}

const part = (zip: WorkbookZip, name: string) => zip.chunks(name) ?? (async function* () {})();

/** The workbook's sheets and what reading cells needs (shared strings, date styles, date system). */
async function readStructure(zip: WorkbookZip): Promise<{ sheets: SheetEntry[]; context: CellContext }> {
  const packageRels = await readRelationships(part(zip, "_rels/.rels"), "");
  const workbookPath =
    [...packageRels.values()].find((target) => /(^|\/)workbook\d*\.xml$/i.test(target)) ?? "xl/workbook.xml";
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1);
  const relsPath = `${folder}_rels/${workbookPath.slice(folder.length)}.rels`;
  const relationships = await readRelationships(part(zip, relsPath), folder);
  const { sheets, date1904 } = await readWorkbookPart(part(zip, workbookPath), relationships);
  const targets = [...relationships.values()];
  const sharedStringsPath = targets.find((target) => /sharedStrings\.xml$/i.test(target));
  const stylesPath = targets.find((target) => /styles\.xml$/i.test(target));
  const sharedStrings = sharedStringsPath ? await readSharedStrings(part(zip, sharedStringsPath)) : [];
  const dateStyles = stylesPath ? await readDateStyles(part(zip, stylesPath)) : new Set<number>();
  return { sheets, context: { sharedStrings, dateStyles, date1904 } };
}

/** Enforces the row and column limits on each cell as it is met, naming the sheet and cell. */
function limitCheck(sheet: string): (row: number, column: number, ref: string) => void {
  let widest = 0;
  return (row, column, ref) => {
    if (row > WORKBOOK_LIMITS.rows)
      throw fail("workbookRowsLimit", { sheet, row, ref, limit: WORKBOOK_LIMITS.rows }, "E_WORKBOOK_LIMIT");
    if (column > WORKBOOK_LIMITS.columns)
      throw fail("workbookColumnsLimit", { sheet, column, ref, limit: WORKBOOK_LIMITS.columns }, "E_WORKBOOK_LIMIT");
    widest = Math.max(widest, column);
    if (row * widest > WORKBOOK_LIMITS.cells)
      throw fail(
        "workbookUsedRangeLimit",
        { sheet, range: `A1:${columnName(widest)}${row}`, cells: row * widest, limit: WORKBOOK_LIMITS.cells },
        "E_WORKBOOK_LIMIT",
      );
  };
}

/** A declared used range (`A1:XFD1048576`) checked against the limits before any row is read. */
function checkDimension(sheet: string, ref: string): void {
  const [from, to = from] = ref.split(":");
  const start = decodeRef(from ?? "");
  const end = decodeRef(to ?? "");
  if (!start || !end) return;
  const rows = Math.abs(end.row - start.row) + 1;
  const columns = Math.abs(end.column - start.column) + 1;
  const check = limitCheck(sheet);
  check(Math.max(start.row, end.row), Math.max(start.column, end.column), to ?? "");
  if (rows * columns > WORKBOOK_LIMITS.cells)
    throw fail(
      "workbookUsedRangeLimit",
      { sheet, range: ref, cells: rows * columns, limit: WORKBOOK_LIMITS.cells },
      "E_WORKBOOK_LIMIT",
    );
}

interface Survey {
  merged: string[];
  noValue: { sheet: string; ref: string }[];
  errors: { sheet: string; ref: string; error: string }[];
}

/**
 * Reads a table sheet once, before any of its rows is used: limits, merged ranges, formulas without
 * a saved result and error values, so a workbook that cannot be read truly is refused whole rather
 * than screened in part.
 */
async function survey(zip: WorkbookZip, sheet: SheetEntry, name: string, context: CellContext, found: Survey) {
  const merged: string[] = [];
  for await (const item of sheetItems(part(zip, sheet.path), context, limitCheck(name))) {
    if (item.kind === "dimension") checkDimension(name, item.ref);
    else if (item.kind === "merge") merged.push(item.ref);
    else
      for (const cell of item.cells) {
        if (cell.noValue) found.noValue.push({ sheet: name, ref: cell.ref });
        if (cell.error !== undefined) found.errors.push({ sheet: name, ref: cell.ref, error: cell.error });
      }
  }
  if (merged.length && !found.merged.length) found.merged.push(name, ...merged);
}

/** `户 M3、户 M4 等共 120 个`: the first cells of a list, and how many there are. */
function cellList(cells: { sheet: string; ref: string; error?: string }[]): MessageText["values"] {
  return {
    cells: cells
      .slice(0, 10)
      .map((cell) => `${cell.sheet} ${cell.ref}${cell.error ? ` ${cell.error}` : ""}`)
      .join(", "),
    count: cells.length,
  };
}

/**
 * Opens the tables of a workbook: for each table name, the one sheet named for it (in English or
 * Chinese, spaces and case aside), or null. Two sheets that could be the same table, a limit
 * exceeded, merged cells, or a formula or error whose value cannot be read refuse the whole input
 * before any household is read, each naming the sheets or cells.
 */
export async function openWorkbookTables<T extends string>(
  file: string,
  tables: Record<T, readonly string[]>,
  /** Told every sheet's name, for a message when a table is missing. */
  seen: (names: string[]) => void = () => undefined,
): Promise<Record<T, WorkbookTable | null>> {
  const display = basename(file);
  const { sheets, context } = await withZip(file, readStructure);
  seen(sheets.map((sheet) => sheet.name));
  const chosen = {} as Record<T, SheetEntry | null>;
  for (const table of Object.keys(tables) as T[]) {
    const names = tables[table].map(normalName);
    const candidates = sheets.filter((sheet) => names.includes(normalName(sheet.name)));
    if (candidates.length > 1)
      throw fail(
        "workbookSheetsTwice",
        { file: display, first: candidates[0]!.name, second: candidates[1]!.name, table: tables[table].join(" / ") },
        "E_WORKBOOK_SHEETS",
      );
    chosen[table] = candidates[0] ?? null;
  }
  const label = (sheet: SheetEntry) => `${display} [${sheet.name}]`;
  const found: Survey = { merged: [], noValue: [], errors: [] };
  await withZip(file, async (zip) => {
    for (const sheet of Object.values<SheetEntry | null>(chosen))
      if (sheet) await survey(zip, sheet, label(sheet), context, found);
  });
  if (found.merged.length) {
    const [sheet, ...ranges] = found.merged;
    throw fail(
      "workbookMergedCells",
      { file: display, sheet: sheet!, ranges: ranges.join(", ") },
      "E_WORKBOOK_MERGED_CELLS",
    );
  }
  if (found.noValue.length)
    throw fail("workbookFormulaNoValue", { file: display, ...cellList(found.noValue) }, "E_WORKBOOK_FORMULA");
  if (found.errors.length)
    throw fail("workbookErrorValue", { file: display, ...cellList(found.errors) }, "E_WORKBOOK_FORMULA");

  const result = {} as Record<T, WorkbookTable | null>;
  for (const table of Object.keys(tables) as T[]) {
    const sheet = chosen[table];
    result[table] = sheet && { name: label(sheet), rows: () => sheetRows(file, sheet, label(sheet), context) };
  }
  return result;
}

/** A sheet's non-empty rows, streamed from the zip (a new read each time, as a CSV file is read again). */
async function* sheetRows(
  file: string,
  sheet: SheetEntry,
  name: string,
  context: CellContext,
): AsyncGenerator<WorkbookRow> {
  const zip = await openWorkbookZip(file, WORKBOOK_LIMITS);
  try {
    for await (const item of sheetItems(part(zip, sheet.path), context, limitCheck(name))) {
      if (item.kind !== "row") continue;
      const row = denseRow(item.number, item.cells);
      if (row) yield row;
    }
  } finally {
    zip.close();
  }
}

function denseRow(line: number, cells: SheetCell[]): WorkbookRow | null {
  const texts: string[] = [];
  const formulas: WorkbookRow["formulas"] = [];
  for (const cell of cells) {
    while (texts.length < cell.column - 1) texts.push("");
    texts[cell.column - 1] = cell.text;
    if (cell.formula !== undefined) formulas.push({ index: cell.column - 1, ref: cell.ref, formula: cell.formula });
  }
  while (texts.length && texts[texts.length - 1] === "") texts.pop();
  return texts.length ? { line, cells: texts, formulas } : null;
}
