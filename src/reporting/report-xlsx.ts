import { PassThrough } from "node:stream";
import type { Language } from "../results/language.js";
import { neutralizeCell } from "../results/spreadsheet-safety.js";
import { addTableSheet, openWorkbookWriter } from "../results/workbook-writer.js";
import { WORKLIST_COLUMNS, worklistHeader, worklistRows } from "./worklist-table.js";
import { WORKLIST_SHEET } from "./worklist-workbook.js";
import { message } from "../results/messages.js";
import { labelOf } from "../vocabulary/labels.js";
import type { MonthlyReport } from "./monthly-report.js";

const SHEETS = {
  // The flag's own label names the sheet in Chinese; Excel allows 31 characters, too few for the English label.
  zh: {
    identify: "建议识别",
    eliminate: labelOf("flag", "eliminate", "zh"),
    overdue: "核实已逾期的线索",
    checks: "数据校验",
  },
  en: {
    identify: "to identify",
    eliminate: "may start elimination",
    overdue: "overdue verification",
    checks: "data checks",
  },
} as const;
const HEADERS = {
  zh: {
    households: ["户编号", "村", "人数", "类别", "风险类型", "人均纯收入", "理由"],
    overdue: ["户编号", "村", "渠道", "部门", "线索日期", "核实期限"],
    checks: ["校验", "级别", "户数", "说明"],
  },
  en: {
    households: ["householdId", "village", "people", "category", "riskTypes", "perCapitaNetIncome", "reasons"],
    overdue: ["householdId", "village", "channel", "department", "leadDate", "dueBy"],
    checks: ["check", "severity", "households", "message"],
  },
} as const;

const cell = (value: string | number | null) => (typeof value === "string" ? neutralizeCell(value) : value);

/**
 * Writes the report's full household lists as a workbook (the HTML page lists only the first rows):
 * households to identify, to start elimination, overdue verification tasks, the data checks and the
 * week's work (工作清单), each a sheet with a frozen header. The bytes are returned whole, so the caller can write the file
 * atomically beside the other report files.
 */
export async function reportWorkbook(report: MonthlyReport, language: Language): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = await openWorkbookWriter({ stream });
  const sheet = (
    name: string,
    header: readonly string[],
    widths: number[],
    rows: Iterable<(string | number | null)[]>,
  ) => {
    const worksheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = header.map((title, index) => ({
      header: title,
      key: String(index),
      width: widths[index] ?? 14,
    }));
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    for (const row of rows) worksheet.addRow(row.map(cell)).commit();
    worksheet.commit();
  };
  const list = message("listSeparator", language);
  const households = (rows: MonthlyReport["toIdentify"]) =>
    rows.map((row) => [
      row.householdId,
      row.village ?? "",
      row.people,
      row.category ? labelOf("category", row.category, language) : "",
      row.riskTypes.join(list),
      Number(row.perCapitaNetIncome),
      row.reasons.join(message("reasonSeparator", language)),
    ]);
  const widths = [16, 10, 6, 14, 18, 12, 80];
  sheet(SHEETS[language].identify, HEADERS[language].households, widths, households(report.toIdentify));
  sheet(SHEETS[language].eliminate, HEADERS[language].households, widths, households(report.toEliminate));
  sheet(
    SHEETS[language].overdue,
    HEADERS[language].overdue,
    [16, 10, 16, 12, 12, 12],
    report.overdueTasks.map((task) => [
      task.householdId,
      task.village ?? "",
      task.channel ? labelOf("leadChannel", task.channel, language) : "",
      task.department ? labelOf("leadDepartment", task.department, language) : "",
      task.leadDate ?? "",
      task.dueBy ?? "",
    ]),
  );
  sheet(
    SHEETS[language].checks,
    HEADERS[language].checks,
    [28, 8, 8, 80],
    Object.entries(report.checks.byId).map(([id, check]) => [
      id,
      labelOf("checkSeverity", check.severity, language),
      check.count,
      check.message,
    ]),
  );
  const work = addTableSheet(workbook, WORKLIST_SHEET[language], WORKLIST_COLUMNS, worklistHeader(language));
  for (const row of worklistRows(report.worklist, language)) work.add(row);
  work.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
