import type { Writable } from "node:stream";
import { neutralizeCell } from "./spreadsheet-safety.js";
import type { TableCell, TableColumnSpec } from "./table-row.js";

/**
 * The date written into a workbook's document properties and zip entries. Results must be
 * byte-identical for the same input and rule set, so no workbook says when it was written.
 */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

let patched = false;

/**
 * A streamed exceljs workbook writer whose bytes depend only on its content. exceljs stamps every
 * zip entry with the current time through archiver, which takes an entry's date only per entry: its
 * entry normaliser is wrapped once so that entries without a date get the fixed one. exceljs is
 * loaded here, on first use, so runs that write no workbook never load it.
 */
export async function openWorkbookWriter(target: { stream: Writable } | { filename: string }) {
  const { default: ExcelJS } = await import("exceljs");
  if (!patched) {
    const probe = new ExcelJS.stream.xlsx.WorkbookWriter({}) as unknown as { zip: object };
    const archiver = Object.getPrototypeOf(probe.zip) as {
      _normalizeEntryData: (this: unknown, data: object, stats?: unknown) => object;
    };
    const normalize = archiver._normalizeEntryData;
    archiver._normalizeEntryData = function (this: unknown, data: { date?: unknown }, stats?: unknown) {
      return normalize.call(this, data && data.date == null ? { ...data, date: FIXED_DATE } : data, stats);
    };
    patched = true;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  // Read when the document properties are written, at commit.
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  workbook.creator = workbook.lastModifiedBy = "dixian";
  return workbook;
}

type WorkbookWriter = Awaited<ReturnType<typeof openWorkbookWriter>>;

/** A cell for exceljs: text neutralised against formulas, numbers as numbers, dates as dates (UTC). */
export function workbookCell(cell: TableCell): string | number | Date {
  if (typeof cell === "string") return neutralizeCell(cell);
  if ("number" in cell) return Number(cell.number);
  return new Date(`${cell.date}T00:00:00Z`);
}

/**
 * Adds a sheet with a bold, frozen header and the columns' widths and formats: money with two
 * places, counts whole, dates as YYYY-MM-DD date cells (so they sort as dates), lists wrapped.
 * Rows are committed as they come, so a long sheet is streamed.
 */
export function addTableSheet(
  workbook: WorkbookWriter,
  name: string,
  columns: readonly TableColumnSpec[],
  header: readonly string[],
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({
    header: header[index]!,
    key: column.en,
    width: column.width,
    style: COLUMN_STYLES[column.kind ?? "text"],
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    add: (cells: readonly TableCell[]) => sheet.addRow(cells.map(workbookCell)).commit(),
    commit: () => sheet.commit(),
  };
}

const COLUMN_STYLES = {
  money: { numFmt: "0.00" },
  count: { numFmt: "0" },
  date: { numFmt: "yyyy-mm-dd" },
  list: { alignment: { wrapText: true, vertical: "top" as const } },
  text: {},
};

/** A whole workbook as bytes, for a caller that writes the file atomically (a report, a worklist). */
export async function workbookBytes(fill: (workbook: WorkbookWriter) => void | Promise<void>): Promise<Buffer> {
  const { PassThrough } = await import("node:stream");
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = await openWorkbookWriter({ stream });
  await fill(workbook);
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
