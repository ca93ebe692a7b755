import type { Rejection } from "../screening/screen.js";
import { labelOf } from "../vocabulary/labels.js";
import type { Language, ScreeningResult } from "./result-types.js";
import { message } from "./messages.js";
import { leadSourceText } from "./task-text.js";

/**
 * The columns of `--format csv` and `--format xlsx`, in order: the English name (header with
 * `--lang en`), the Chinese header (default), whether the cell is a number, and its width in
 * characters (for the workbook).
 */
export const TABLE_OUTPUT_COLUMNS = [
  { en: "householdId", zh: "户编号", width: 14 },
  { en: "township", zh: "乡镇", width: 10 },
  { en: "village", zh: "村", width: 10 },
  { en: "status", zh: "状态", width: 8 },
  { en: "flag", zh: "标记", width: 14 },
  { en: "category", zh: "类别", width: 14 },
  { en: "riskTypes", zh: "风险类型", width: 18 },
  { en: "problems", zh: "3+1问题", width: 18 },
  { en: "measures", zh: "帮扶措施", width: 36 },
  { en: "perCapitaNetIncome", zh: "人均纯收入", width: 12, number: true },
  { en: "adjustedPerCapitaIncome", zh: "调整后人均收入", width: 14, number: true },
  { en: "threshold", zh: "监测标准", width: 10, number: true },
  { en: "reasons", zh: "理由", width: 60 },
  { en: "checks", zh: "数据校验", width: 30 },
  { en: "tasks", zh: "线索任务", width: 30 },
  { en: "referrals", zh: "转介部门", width: 30 },
  { en: "rejection", zh: "不合格原因", width: 60 },
] as const;

/** One cell: text, or a money figure (two-place decimal text) written as a number. */
export type TableCell = string | { number: string };

const TEXT = {
  zh: {
    screened: "已筛查",
    rejected: "不合格",
    inPlace: "（已落实）",
    list: "、",
    items: "；",
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
    items: "; ",
    due: "due",
    colon: ": ",
    line: "line {n}",
    index: "household {n}",
  },
} as const;

export function tableHeader(language: Language): string[] {
  return TABLE_OUTPUT_COLUMNS.map((column) => column[language]);
}

/** A verification task of a result (version 2 `tasks`), read defensively: results without it are fine. */
interface TaskLike {
  kind?: unknown;
  channel?: unknown;
  department?: unknown;
  dueBy?: unknown;
  overdue?: unknown;
}

function taskText(tasks: unknown, language: Language): string {
  if (!Array.isArray(tasks)) return "";
  const t = TEXT[language];
  return tasks
    .filter((task): task is TaskLike => typeof task === "object" && task !== null)
    .map((task) => {
      const department = typeof task.department === "string" ? task.department : null;
      const source = typeof task.channel === "string" ? leadSourceText(task.channel, department, language) : "";
      const kind = typeof task.kind === "string" ? `${labelOf("taskKind", task.kind, language)} ` : "";
      const due = typeof task.dueBy === "string" ? ` ${t.due} ${task.dueBy}` : "";
      return `${kind}${source}${due}${task.overdue === true ? ` ${message("overdue", language)}` : ""}`;
    })
    .join(t.items);
}

/** The referrals of a result: each department with its reasons; results without them are fine. */
function referralText(referrals: unknown, language: Language): string {
  if (!Array.isArray(referrals)) return "";
  const t = TEXT[language];
  return referrals
    .filter(
      (referral): referral is { department?: unknown; reason?: unknown } =>
        typeof referral === "object" && referral !== null,
    )
    .map((referral) => {
      const name =
        typeof referral.department === "string" ? labelOf("leadDepartment", referral.department, language) : "";
      return typeof referral.reason === "string" && referral.reason ? `${name}${t.colon}${referral.reason}` : name;
    })
    .join(t.items);
}

/**
 * One result as a row for people: labels for flag, category, risks, 3+1 problems and measures (in
 * place marked), the reasons and data checks as text, money as numbers.
 */
export function resultRow(result: ScreeningResult, language: Language): TableCell[] {
  const t = TEXT[language];
  const problems = Object.entries(result.guarantees)
    .filter(([, status]) => status === "problem")
    .map(([item]) => labelOf("guarantee", item, language));
  return [
    result.householdId,
    result.region?.township ?? "",
    result.region?.village ?? "",
    t.screened,
    labelOf("flag", result.flag, language),
    result.category ? labelOf("category", result.category, language) : "",
    result.riskTypes.map((risk) => labelOf("riskType", risk.id, language)).join(t.list),
    problems.join(t.list),
    result.measures.map((measure) => measure.label + (measure.inPlace ? t.inPlace : "")).join(t.items),
    { number: result.figures.perCapitaNetIncome },
    { number: result.figures.adjustedPerCapitaIncome },
    result.figures.threshold === null ? "" : { number: result.figures.threshold },
    result.reasons.join(t.items),
    result.checks.map((check) => check.message || check.id).join(t.items),
    taskText((result as { tasks?: unknown }).tasks, language),
    referralText((result as { referrals?: unknown }).referrals, language),
    "",
  ];
}

/**
 * A rejected household as a row: its id where readable and every problem, each with where it is
 * (`locate` turns a JSON path into a file, row and column for table input).
 */
export function rejectionRow(rejection: Rejection, language: Language, locate?: (path: string) => string): TableCell[] {
  const t = TEXT[language];
  const where =
    rejection.line !== undefined
      ? t.line.replace("{n}", String(rejection.line))
      : t.index.replace("{n}", String(rejection.index + 1));
  const problems = rejection.issues.map((issue) => {
    const place = locate ? (issue.path ? locate(issue.path) : "") : `${where} ${issue.path || "/"}`;
    return place ? `${place}: ${issue.message}` : issue.message;
  });
  const row: TableCell[] = TABLE_OUTPUT_COLUMNS.map(() => "");
  row[0] = rejection.householdId ?? "";
  row[3] = t.rejected;
  row[row.length - 1] = problems.join(t.items);
  return row;
}
