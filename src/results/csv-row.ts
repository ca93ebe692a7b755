import type { RuleSet } from "../rulesets/rule-set.js";
import { localize } from "./reason-text.js";
import { taskSummary } from "./task-text.js";
import type { Language, ScreeningResult } from "./result-types.js";

/** The CSV columns, in order: English names (with `--lang en`) and Chinese headers (default). */
export const CSV_COLUMNS = [
  ["householdId", "户编号"],
  ["village", "村"],
  ["flag", "标记"],
  ["category", "类别"],
  ["riskTypes", "风险类型"],
  ["measures", "帮扶措施"],
  ["perCapitaNetIncome", "人均纯收入"],
  ["adjustedPerCapitaIncome", "调整后人均收入"],
  ["threshold", "监测标准"],
  ["problems", "3+1问题"],
  ["checks", "数据校验"],
  ["tasks", "核实任务"],
] as const;

export function csvHeader(language: Language): string[] {
  return CSV_COLUMNS.map(([en, zh]) => (language === "en" ? en : zh));
}

/**
 * One result as a CSV row for Excel: codes for flag and category, labels for the lists (joined
 * with "; "), measures in place marked, money as two-place strings.
 */
export function csvRow(result: ScreeningResult, ruleSet: RuleSet, language: Language): string[] {
  const inPlace = language === "en" ? " (in place)" : "（已落实）";
  const guaranteeLabel = (item: string) => localize(ruleSet.guarantees.find((entry) => entry.id === item)?.label, language) || item;
  return [
    result.householdId,
    result.region.village ?? "",
    result.flag,
    result.category ?? "",
    result.riskTypes.map((risk) => risk.label).join("; "),
    result.measures.map((measure) => measure.label + (measure.inPlace ? inPlace : "")).join("; "),
    result.figures.perCapitaNetIncome,
    result.figures.adjustedPerCapitaIncome,
    result.figures.threshold ?? "",
    Object.entries(result.guarantees).filter(([, status]) => status === "problem").map(([item]) => guaranteeLabel(item)).join("; "),
    result.checks.map((check) => check.id).join("; "),
    result.tasks.map((task) => taskSummary(task, language)).join("; "),
  ];
}
