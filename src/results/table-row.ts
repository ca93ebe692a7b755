import type { Rejection } from "../input/rejection.js";
import { guaranteeLabel, riskTypeLabel, type Catalogue } from "../rulesets/catalogue.js";
import { labelOf } from "../vocabulary/labels.js";
import type { Language, ScreeningResult } from "./result-types.js";
import { message } from "../messages/catalogue.js";
import { leadSourceText } from "./task-text.js";

/** A column: its English and Chinese header, its width in characters, and what its cells hold. */
export interface TableColumnSpec {
  en: string;
  zh: string;
  width: number;
  /** `money` (two places) and `count` are numbers, `date` a date; `list` text holds one item a line. */
  kind?: "money" | "count" | "date" | "list";
}

/**
 * The columns of `--format csv` and `--format xlsx`, in order: the English name (header with
 * `--lang en`), the Chinese header (default), the kind of cell and the width in characters (for the
 * workbook). Every column can be
 * read back (reporting/result-rows), so `dixian report` and `dixian worklist` take these files too.
 */
export const TABLE_OUTPUT_COLUMNS = [
  { en: "householdId", zh: "户编号", width: 14 },
  { en: "township", zh: "乡镇", width: 10 },
  { en: "village", zh: "村", width: 10 },
  { en: "householdType", zh: "户类型", width: 10 },
  { en: "householdSize", zh: "人数", width: 6, kind: "count" },
  { en: "status", zh: "状态", width: 8 },
  { en: "flag", zh: "标记", width: 14 },
  { en: "category", zh: "类别", width: 14 },
  { en: "riskTypes", zh: "风险类型", width: 18 },
  { en: "problems", zh: "3+1问题", width: 18 },
  { en: "measures", zh: "帮扶措施", width: 36, kind: "list" },
  { en: "perCapitaNetIncome", zh: "人均纯收入", width: 12, kind: "money" },
  { en: "adjustedPerCapitaIncome", zh: "调整后人均收入", width: 14, kind: "money" },
  { en: "threshold", zh: "监测标准", width: 10, kind: "money" },
  { en: "reasons", zh: "理由", width: 60, kind: "list" },
  { en: "checks", zh: "数据校验", width: 40, kind: "list" },
  { en: "tasks", zh: "线索任务", width: 40, kind: "list" },
  { en: "referrals", zh: "转介部门", width: 40, kind: "list" },
  { en: "visitsPerWeek", zh: "每周走访次数", width: 8, kind: "count" },
  { en: "openLeads", zh: "未办结线索", width: 8, kind: "count" },
  { en: "resolvedLeads", zh: "已办结线索", width: 8, kind: "count" },
  { en: "asOf", zh: "评估日", width: 11, kind: "date" },
  { en: "ruleSet", zh: "规则集", width: 30 },
  { en: "rejection", zh: "不合格原因", width: 60, kind: "list" },
] as const satisfies readonly TableColumnSpec[];

export type TableColumn = (typeof TABLE_OUTPUT_COLUMNS)[number]["en"];

/** One cell: text, a money figure or count (decimal text) written as a number, or a date written as a date. */
export type TableCell = string | { number: string } | { date: string };

/** Items of a list cell are one a line: a reason may hold any punctuation, a line break it cannot. */
export const LIST_SEPARATOR = "\n";

/** The words the cells use, in each language; the reader of these files reads them back. */
export const TABLE_TEXT = {
  zh: {
    screened: "已筛查",
    rejected: "不合格",
    inPlace: "（已落实）",
    list: "、",
    due: "限",
    colon: "：",
    line: "第 {n} 行",
    index: "第 {n} 户",
  },
  en: {
    screened: "screened",
    rejected: "rejected",
    inPlace: " (in place)",
    list: ", ",
    due: "due",
    colon: ": ",
    line: "line {n}",
    index: "household {n}",
  },
} as const;

/** How a check that is not a warning is marked in a cell: 【错误】 or [error]; warnings, the common case, are not. */
export function severityMarker(severity: "error" | "warning" | "info", language: Language): string {
  if (severity === "warning") return "";
  const word = labelOf("checkSeverity", severity, language);
  return language === "zh" ? `【${word}】` : `[${word}] `;
}

export function tableHeader(language: Language): string[] {
  return TABLE_OUTPUT_COLUMNS.map((column) => column[language]);
}

/** A result's tasks, each as what to do, the lead's source and date, the due date, and whether overdue. */
function taskText(result: ScreeningResult, language: Language): string {
  const t = TABLE_TEXT[language];
  return (result.tasks ?? [])
    .map(
      (task) =>
        `${labelOf("taskKind", task.kind, language)} ${leadSourceText(task.channel, task.department, language)} ${task.leadDate} ${t.due} ${task.dueBy}${task.overdue ? ` ${message("overdue", language)}` : ""}`,
    )
    .join(LIST_SEPARATOR);
}

/** The rule set that produced a result: id, version and hash, and any values set by hand. */
export function ruleSetText(ruleSet: ScreeningResult["ruleSet"]): string {
  const overrides = Object.entries(ruleSet.overrides ?? {}).map(([name, value]) => `--set ${name}=${value}`);
  return [ruleSet.id, ruleSet.version, ruleSet.hash, ...overrides].join(" ");
}

const count = (value: number | undefined) => (value === undefined ? "" : { number: String(value) });

/**
 * One result as a row for people: labels for household type, flag, category, risks and 3+1 problems
 * (the rule set's, from its `catalogue`) and measures (in place marked), the reasons, data checks (each with its name), tasks and referrals one
 * a line, money and counts as numbers, the as-of date as a date.
 */
export function resultRow(result: ScreeningResult, language: Language, catalogue: Catalogue): TableCell[] {
  const t = TABLE_TEXT[language];
  const problems = Object.entries(result.guarantees)
    .filter(([, status]) => status === "problem")
    .map(([item]) => guaranteeLabel(catalogue, item, language));
  return [
    result.householdId,
    result.region?.township ?? "",
    result.region?.village ?? "",
    result.householdType ? labelOf("householdType", result.householdType, language) : "",
    count(result.householdSize),
    t.screened,
    labelOf("flag", result.flag, language),
    result.category ? labelOf("category", result.category, language) : "",
    result.riskTypes.map((risk) => riskTypeLabel(catalogue, risk.id, language)).join(t.list),
    problems.join(t.list),
    result.measures.map((measure) => measure.label + (measure.inPlace ? t.inPlace : "")).join(LIST_SEPARATOR),
    { number: result.figures.perCapitaNetIncome },
    { number: result.figures.adjustedPerCapitaIncome },
    result.figures.threshold === null ? "" : { number: result.figures.threshold },
    result.reasons.join(LIST_SEPARATOR),
    result.checks
      .map(
        (check) =>
          severityMarker(check.severity, language) +
          (check.label ? `${check.label}${t.colon}${check.message}` : check.message),
      )
      .join(LIST_SEPARATOR),
    taskText(result, language),
    (result.referrals ?? [])
      .map((referral) => `${labelOf("leadDepartment", referral.department, language)}${t.colon}${referral.reason}`)
      .join(LIST_SEPARATOR),
    result.followUp ? { number: String(result.followUp.visitsPerWeek) } : "",
    count(result.leadCounts?.open),
    count(result.leadCounts?.resolved),
    { date: result.asOf },
    ruleSetText(result.ruleSet),
    "",
  ];
}

/**
 * Every problem of a rejected household, each with where it is — the file, row and column of table
 * input (`locate` of its JSON path, or the `where` it carries), else the line or position and the JSON
 * path — one per line.
 */
export function rejectionReason(
  rejection: Pick<Rejection, "line" | "index" | "issues">,
  language: Language,
  locate?: (path: string) => string,
): string {
  const t = TABLE_TEXT[language];
  const where =
    rejection.line !== undefined
      ? t.line.replace("{n}", String(rejection.line))
      : t.index.replace("{n}", String(rejection.index + 1));
  return rejection.issues
    .map((issue) => {
      const place = locate ? (issue.path ? locate(issue.path) : "") : (issue.where ?? `${where} ${issue.path || "/"}`);
      return place ? `${place}${t.colon}${issue.message}` : issue.message;
    })
    .join(LIST_SEPARATOR);
}

/** A rejected household as a row: its id where readable and its {@link rejectionReason}. */
export function rejectionRow(rejection: Rejection, language: Language, locate?: (path: string) => string): TableCell[] {
  const row: TableCell[] = TABLE_OUTPUT_COLUMNS.map(() => "");
  row[0] = rejection.householdId ?? "";
  row[TABLE_OUTPUT_COLUMNS.findIndex((column) => column.en === "status")] = TABLE_TEXT[language].rejected;
  row[row.length - 1] = rejectionReason(rejection, language, locate);
  return row;
}
