import type { Writable } from "node:stream";

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
