import { PassThrough, type Writable } from "node:stream";
import type { Language } from "../results/language.js";
import { neutralizeCell } from "../results/spreadsheet-safety.js";
import { TABLE_OUTPUT_COLUMNS, tableHeader, type TableCell } from "../results/table-row.js";
import { openWorkbookWriter } from "../results/workbook-writer.js";
import { write } from "./io.js";
import type { OutputFormat } from "./output-format.js";

/**
 * Where formatted results go: straight to the output stream for text formats, or through a streamed
 * XLSX workbook (one sheet of results, rejected households included, frozen header, column widths).
 * Either way the bytes reach the output only through `write` on the stream `openOutput` gave, so
 * whatever that stream does at its end (a temporary file renamed into place) applies to workbooks too.
 */
export interface ResultSink {
  write(text: string): Promise<void>;
  /** Finishes the output's content (the workbook's zip); the caller then closes the output. */
  end(): Promise<void>;
}

const SHEET_NAMES: Record<Language, string> = { zh: "筛查结果", en: "results" };

/** The sink for a format; `xlsx` loads exceljs only when used. */
export async function openResultSink(format: OutputFormat, stream: Writable, language: Language): Promise<ResultSink> {
  if (format !== "xlsx") return { write: (text) => write(stream, text), end: () => Promise.resolve() };
  // exceljs pipes its zip into the stream it is given and ends it: give it one of its own, and copy
  // from it to the output, which stays open for its owner to close.
  // A failed copy (a full disk) is kept and reported by the next write or the end, never left as an
  // unhandled rejection; the zip is drained after it so exceljs can finish without blocking.
  const zip = new PassThrough();
  const state: { failure: Error | null } = { failure: null };
  const copied = new Promise<void>((resolve) => {
    zip.on("data", (chunk: Buffer) => {
      if (state.failure) return;
      zip.pause();
      write(stream, chunk).then(
        () => zip.resume(),
        (error: Error) => {
          state.failure = error;
          zip.resume();
        },
      );
    });
    zip.on("end", resolve);
    zip.on("error", (error) => {
      state.failure ??= error;
      resolve();
    });
  });
  const workbook = await openWorkbookWriter({ stream: zip });
  const sheet = workbook.addWorksheet(SHEET_NAMES[language], { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = TABLE_OUTPUT_COLUMNS.map((column, index) => ({
    header: tableHeader(language)[index]!,
    key: column.en,
    width: column.width,
    ...("number" in column ? { style: { numFmt: "0.00" } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const toCell = (cell: TableCell) => (typeof cell === "string" ? neutralizeCell(cell) : Number(cell.number));
  let pending = "";
  return {
    write(text) {
      if (state.failure) return Promise.reject(state.failure);
      pending += text;
      let newline: number;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const cells = JSON.parse(pending.slice(0, newline)) as TableCell[];
        pending = pending.slice(newline + 1);
        sheet.addRow(cells.map(toCell)).commit();
      }
      return Promise.resolve();
    },
    async end() {
      if (state.failure) throw state.failure;
      sheet.commit();
      await workbook.commit();
      await copied;
      const failed = state.failure as Error | null;
      if (failed) throw failed;
    },
  };
}
