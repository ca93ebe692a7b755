import type { Language } from "../messages/catalogue.js";
import { addTableSheet, workbookBytes } from "../results/workbook-writer.js";
import type { Worklist } from "./worklist.js";
import { WORKLIST_COLUMNS, worklistHeader, worklistRows } from "./worklist-table.js";

/** The name of the worklist's sheet, in the results workbook, report.xlsx and `dixian worklist`. */
export const WORKLIST_SHEET: Record<Language, string> = { zh: "工作清单", en: "worklist" };

/** A workbook of the worklist alone: one sortable sheet, dates as date cells. */
export function worklistWorkbook(worklist: Worklist, language: Language): Promise<Buffer> {
  return workbookBytes((workbook) => {
    const sheet = addTableSheet(workbook, WORKLIST_SHEET[language], WORKLIST_COLUMNS, worklistHeader(language));
    for (const row of worklistRows(worklist, language)) sheet.add(row);
    sheet.commit();
  });
}
