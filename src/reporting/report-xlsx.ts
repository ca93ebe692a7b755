import { message, type Language } from "../messages/catalogue.js";
import { addTableSheet, workbookBytes } from "../results/workbook-writer.js";
import type { TableCell, TableColumnSpec } from "../results/table-row.js";
import { WORKLIST_COLUMNS, worklistRows } from "./worklist-table.js";
import { WORKLIST_SHEET } from "./worklist-workbook.js";
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

const HOUSEHOLD_COLUMNS = [
  { en: "householdId", zh: "户编号", width: 16 },
  { en: "village", zh: "村", width: 10 },
  { en: "people", zh: "人数", width: 6, kind: "count" },
  { en: "category", zh: "类别", width: 14 },
  { en: "riskTypes", zh: "风险类型", width: 18 },
  { en: "perCapitaNetIncome", zh: "人均纯收入", width: 12, kind: "money" },
  { en: "reasons", zh: "理由", width: 80, kind: "list" },
] as const satisfies readonly TableColumnSpec[];
const OVERDUE_COLUMNS = [
  { en: "householdId", zh: "户编号", width: 16 },
  { en: "village", zh: "村", width: 10 },
  { en: "channel", zh: "渠道", width: 16 },
  { en: "department", zh: "部门", width: 12 },
  { en: "leadDate", zh: "线索日期", width: 12, kind: "date" },
  { en: "dueBy", zh: "核实期限", width: 12, kind: "date" },
] as const satisfies readonly TableColumnSpec[];
const CHECK_COLUMNS = [
  { en: "check", zh: "校验", width: 28 },
  { en: "severity", zh: "级别", width: 8 },
  { en: "households", zh: "户数", width: 8, kind: "count" },
  { en: "message", zh: "说明", width: 80 },
] as const satisfies readonly TableColumnSpec[];

const count = (value: number | null): TableCell => (value === null ? "" : { number: String(value) });
const date = (value: string | null | undefined): TableCell => (value ? { date: value } : "");

/**
 * Writes the report's full household lists as a workbook (the HTML page lists only the first rows):
 * households to identify, to start elimination, overdue verification tasks, the data checks and the
 * week's work (工作清单), each a sheet with a frozen header, numbers and dates as such. The bytes are
 * returned whole, so the caller can write the file atomically beside the other report files.
 */
export function reportWorkbook(report: MonthlyReport, language: Language): Promise<Buffer> {
  return workbookBytes((workbook) => {
    const sheet = (name: string, columns: readonly TableColumnSpec[], rows: Iterable<readonly TableCell[]>) => {
      const added = addTableSheet(
        workbook,
        name,
        columns,
        columns.map((column) => column[language]),
      );
      for (const row of rows) added.add(row);
      added.commit();
    };
    const households = (rows: MonthlyReport["toIdentify"]) =>
      rows.map((row): TableCell[] => [
        row.householdId,
        row.village ?? "",
        count(row.people),
        row.category ? labelOf("category", row.category, language) : "",
        row.riskTypes.join(message("listSeparator", language)),
        { number: row.perCapitaNetIncome },
        row.reasons.join("\n"),
      ]);
    sheet(SHEETS[language].identify, HOUSEHOLD_COLUMNS, households(report.toIdentify));
    sheet(SHEETS[language].eliminate, HOUSEHOLD_COLUMNS, households(report.toEliminate));
    sheet(
      SHEETS[language].overdue,
      OVERDUE_COLUMNS,
      report.overdueTasks.map((task): TableCell[] => [
        task.householdId,
        task.village ?? "",
        task.channel ? labelOf("leadChannel", task.channel, language) : "",
        task.department ? labelOf("leadDepartment", task.department, language) : "",
        date(task.leadDate),
        date(task.dueBy),
      ]),
    );
    sheet(
      SHEETS[language].checks,
      CHECK_COLUMNS,
      Object.entries(report.checks.byId).map(([id, check]): TableCell[] => [
        id,
        labelOf("checkSeverity", check.severity, language),
        count(check.count),
        check.message,
      ]),
    );
    sheet(WORKLIST_SHEET[language], WORKLIST_COLUMNS, worklistRows(report.worklist, language));
  });
}
