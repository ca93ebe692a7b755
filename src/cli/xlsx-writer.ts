import { PassThrough, type Writable } from "node:stream";
import type { Language } from "../messages/catalogue.js";
import { addToWorklist, WorklistBuilder } from "../reporting/worklist.js";
import { ResultRowReader } from "../reporting/result-rows.js";
import type { Catalogue } from "../rulesets/catalogue.js";
import { WORKLIST_COLUMNS, worklistHeader, worklistRows } from "../reporting/worklist-table.js";
import { WORKLIST_SHEET } from "../reporting/worklist-workbook.js";
import { TABLE_OUTPUT_COLUMNS, tableHeader, type TableCell } from "../results/table-row.js";
import { addTableSheet, openWorkbookWriter } from "../results/workbook-writer.js";
import { write } from "./io.js";
import type { OutputFormat } from "../batch/output-format.js";

/**
 * Where formatted results go: straight to the output stream for text formats, or through a streamed
 * XLSX workbook (a sheet of results, rejected households included, and the 工作清单 sheet of the week's
 * work made from them; frozen headers, column widths, numbers and dates as such).
 * Either way the bytes reach the output only through `write` on the stream `openOutput` gave, so
 * whatever that stream does at its end (a temporary file renamed into place) applies to workbooks too.
 */
export interface ResultSink {
  write(text: string): Promise<void>;
  /** Finishes the output's content (the workbook's zip); the caller then closes the output. */
  end(): Promise<void>;
}

const SHEET_NAMES: Record<Language, string> = { zh: "筛查结果", en: "results" };

/** A cell as the text a workbook reader gives back. */
const cellText = (cell: TableCell) => (typeof cell === "string" ? cell : "number" in cell ? cell.number : cell.date);

/** The sink for a format; `xlsx` loads exceljs only when used. */
export async function openResultSink(
  format: OutputFormat,
  stream: Writable,
  language: Language,
  catalogue: Catalogue,
): Promise<ResultSink> {
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
  const header = tableHeader(language);
  const sheet = addTableSheet(workbook, SHEET_NAMES[language], TABLE_OUTPUT_COLUMNS, header);
  // The week's work (工作清单) is read back from the very rows the results sheet holds, as
  // `dixian worklist` reads the file, so the two always agree.
  const reader = new ResultRowReader(header, { catalogue });
  const worklist = new WorklistBuilder();
  let pending = "";
  return {
    write(text) {
      if (state.failure) return Promise.reject(state.failure);
      pending += text;
      let newline: number;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const cells = JSON.parse(pending.slice(0, newline)) as TableCell[];
        pending = pending.slice(newline + 1);
        sheet.add(cells);
        addToWorklist(worklist, reader.read(cells.map(cellText)));
      }
      return Promise.resolve();
    },
    async end() {
      if (state.failure) throw state.failure;
      sheet.commit();
      const work = addTableSheet(workbook, WORKLIST_SHEET[language], WORKLIST_COLUMNS, worklistHeader(language));
      for (const row of worklistRows(worklist.build(), language)) work.add(row);
      work.commit();
      await workbook.commit();
      await copied;
      const failed = state.failure as Error | null;
      if (failed) throw failed;
    },
  };
}
