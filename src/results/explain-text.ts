import type { ConditionTrace } from "../evaluation/condition-trace.js";
import { FACTS } from "../facts/catalogue.js";
import { Decimal, isDecimalText } from "../input/decimal.js";
import { parameterInForce } from "../rulesets/parameters.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { Stage } from "../rulesets/schema.js";
import { guaranteeLabel } from "../rulesets/catalogue.js";
import { labelOf } from "../vocabulary/labels.js";
import type { Language, RuleExplanation, ScreeningResult } from "./result-types.js";
import { printableValue } from "./printable.js";
import { taskSummary } from "./task-text.js";

const TEXT = {
  zh: {
    household: "农户",
    asOf: "评估日",
    ruleSet: "规则集",
    overrides: "覆盖的参数（--set，非规则集文件中的取值）",
    figures: "一、数值",
    threshold: "监测标准 T",
    perCapita: "人均纯收入 N",
    adjusted: "调整后人均收入 A",
    yuan: "元",
    outcome: "二、结论",
    flag: "标记",
    category: "类别",
    reasons: "理由",
    risks: "三、风险类型与 3+1",
    noRisk: "未检测到风险类型",
    guarantees: "3+1",
    rules: "四、各阶段规则",
    measures: "五、一户一策措施",
    noMeasure: "无",
    inPlace: "已落实",
    toDo: "建议",
    checks: "六、数据校验",
    noCheck: "无",
    followUp: "走访",
    perWeek: "次/周",
    basis: "依据",
    parameters: "参数",
    from: "起",
    met: "满足",
    notMet: "不满足",
    notEvaluated: "未评估",
    source: "来源",
    none: "无",
    tasks: "七、线索任务（核实、识别认定）",
    noTask: "无",
    referrals: "八、转介部门",
    noReferral: "无",
    withoutValue: "参数无取值，规则不适用",
    stages: {
      assessment: "评估：风险类型与 3+1",
      flag: "判定：标记与类别（按优先级取第一条满足的规则）",
      plan: "一户一策措施",
      fallback: "保底措施",
      checks: "数据校验",
    },
  },
  en: {
    household: "Household",
    asOf: "as of",
    ruleSet: "rule set",
    overrides: "Overridden parameters (--set, not the rule-set files' values)",
    figures: "1. Figures",
    threshold: "Threshold T",
    perCapita: "Per-capita net income N",
    adjusted: "Adjusted per-capita income A",
    yuan: "yuan",
    outcome: "2. Outcome",
    flag: "Flag",
    category: "Category",
    reasons: "Reasons",
    risks: "3. Risk types and 3+1",
    noRisk: "no risk type detected",
    guarantees: "3+1",
    rules: "4. Rules by stage",
    measures: "5. One household, one plan",
    noMeasure: "none",
    inPlace: "in place",
    toDo: "suggested",
    checks: "6. Data checks",
    noCheck: "none",
    followUp: "Visits",
    perWeek: "a week",
    basis: "basis",
    parameters: "parameters",
    from: "from",
    met: "met",
    notMet: "not met",
    notEvaluated: "not evaluated",
    source: "source",
    none: "none",
    tasks: "7. Lead tasks (verify, complete identification)",
    noTask: "none",
    referrals: "8. Referrals to departments",
    noReferral: "none",
    withoutValue: "no value of the parameter, so the rule does not apply",
    stages: {
      assessment: "Assessment: risk types and 3+1",
      flag: "Flag and category (first rule met, by priority)",
      plan: "Measures",
      fallback: "Fallback measures",
      checks: "Data checks",
    },
  },
} as const;

const OPERATOR_SYMBOLS: Record<string, string> = {
  equal: "=",
  notEqual: "≠",
  lessThan: "<",
  lessThanInclusive: "≤",
  greaterThan: ">",
  greaterThanInclusive: "≥",
  in: "∈",
  notIn: "∉",
  contains: "∋",
  doesNotContain: "∌",
  decimalEqual: "=",
  decimalNotEqual: "≠",
  decimalLessThan: "<",
  decimalLessThanInclusive: "≤",
  decimalGreaterThan: ">",
  decimalGreaterThanInclusive: "≥",
  dateBefore: "<",
  dateOnOrBefore: "≤",
  dateAfter: ">",
  dateOnOrAfter: "≥",
};

/** Shows a compared value; long exact quotients are shortened to six places with "≈". */
function showValue(value: unknown, isRatio: boolean): string {
  if (isDecimalText(value)) {
    const decimal = new Decimal(value);
    if (isRatio) return `${decimal.times(100).toDecimalPlaces(4).toString()}%`;
    const short = decimal.toDecimalPlaces(6);
    return short.equals(decimal) ? value : `≈${short.toString()}`;
  }
  if (value === null || value === undefined) return "∅";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function showParams(params: Record<string, unknown> | undefined): string {
  if (!params || Object.keys(params).length === 0) return "";
  return `(${Object.entries(params)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.map(String).join("|") : String(value)}`)
    .join(", ")})`;
}

const since = (date: string, language: Language) => (language === "zh" ? `${date} 起` : `from ${date}`);
const mark = (result: boolean | null) => (result === true ? "✓" : result === false ? "✗" : "·");

function conditionLines(trace: ConditionTrace, depth: number, language: Language): string[] {
  const indent = "  ".repeat(depth);
  const label = trace.label ? `  — ${trace.label}` : "";
  if ("all" in trace || "any" in trace) {
    const [word, children] = "all" in trace ? ["all", trace.all] : ["any", trace.any];
    return [
      `${indent}${mark(trace.result)} ${word}${label}`,
      ...children.flatMap((child) => conditionLines(child, depth + 1, language)),
    ];
  }
  if ("not" in trace)
    return [`${indent}${mark(trace.result)} not${label}`, ...conditionLines(trace.not, depth + 1, language)];
  if ("condition" in trace) return [`${indent}${mark(trace.result)} condition ${trace.condition}${label}`];
  const isRatio = FACTS.get(trace.fact)?.valueType === "ratio";
  const factValue = trace.result === null ? "" : `${showValue(trace.factValue, isRatio)} `;
  return [
    `${indent}${mark(trace.result)} ${trace.fact}${showParams(trace.params)}: ${factValue}${OPERATOR_SYMBOLS[trace.operator] ?? trace.operator} ${showValue(trace.value, isRatio)}${label}`,
  ];
}

function ruleLines(rule: RuleExplanation, language: Language): string[] {
  const t = TEXT[language];
  const status = rule.status === "met" ? t.met : rule.status === "notMet" ? t.notMet : t.notEvaluated;
  const lines = [
    `  ${mark(rule.status === "met" ? true : rule.status === "notMet" ? false : null)} ${rule.rule}  ${rule.label}  [${status}]`,
  ];
  if (rule.parametersWithoutValue?.length)
    lines.push(`      ${t.withoutValue}: ${rule.parametersWithoutValue.join(", ")}`);
  if (rule.status === "notEvaluated") return lines;
  // Basis and parameters for the rules that decided something, and for every flag rule.
  const decisive = rule.status === "met" || rule.stage === "flag";
  if (decisive && rule.basis)
    lines.push(`      ${t.basis}: ${rule.basis.document}${rule.basis.clause ? ` · ${rule.basis.clause}` : ""}`);
  if (decisive && rule.parameters.length) {
    lines.push(
      `      ${t.parameters}: ${rule.parameters.map((p) => `${p.name} = ${String(p.value)} (${since(p.from, language)}; ${p.source.document}; ${labelOf("valueStatus", p.status, language)})`).join("; ")}`,
    );
  }
  if (rule.conditions) lines.push(...conditionLines(rule.conditions, 3, language));
  return lines;
}

/**
 * The explanation of one result as readable plain text (Chinese by default): the figures with the
 * threshold in force and its source, the flag and its reasons, risks and 3+1, every stage's rules
 * with the values compared, the measures with their reasons, and the data checks.
 * The result must have been screened with `explain: true`.
 */
export function explanationText(result: ScreeningResult, ruleSet: RuleSet, language: Language = "zh"): string {
  const t = TEXT[language];
  const lines: string[] = [];
  lines.push(
    `${t.household} ${result.householdId} · ${t.asOf} ${result.asOf} · ${t.ruleSet} ${result.ruleSet.id} ${result.ruleSet.version} (${result.ruleSet.hash})`,
    "",
  );
  if (result.ruleSet.overrides) {
    lines.push(
      `${t.overrides}: ${Object.entries(result.ruleSet.overrides)
        .map(([name, value]) => `${name}=${value}`)
        .join(", ")}`,
      "",
    );
  }
  lines.push(t.figures);
  if (result.figures.threshold !== null) {
    const threshold = parameterInForce(ruleSet, "threshold", result.asOf);
    lines.push(
      `  ${t.threshold}: ${result.figures.threshold} ${t.yuan} (${since(threshold.from, language)}; ${t.source}: ${threshold.source.document}${threshold.source.clause ? ` · ${threshold.source.clause}` : ""}; ${labelOf("valueStatus", threshold.status, language)})`,
    );
  }
  lines.push(
    `  ${t.perCapita}: ${result.figures.perCapitaNetIncome} ${t.yuan}`,
    `  ${t.adjusted}: ${result.figures.adjustedPerCapitaIncome} ${t.yuan}`,
    "",
  );
  lines.push(
    t.outcome,
    `  ${t.flag}: ${result.flag} (${labelOf("flag", result.flag, language)})    ${t.category}: ${result.category ? `${result.category} (${labelOf("category", result.category, language)})` : t.none}`,
    `  ${t.reasons}:`,
  );
  for (const reason of result.reasons) lines.push(`    - ${reason}`);
  if (result.followUp) lines.push(`  ${t.followUp}: ${result.followUp.visitsPerWeek} ${t.perWeek}`);
  lines.push("", t.risks);
  if (result.riskTypes.length === 0) lines.push(`  ${t.noRisk}`);
  for (const risk of result.riskTypes) lines.push(`  - ${risk.label} (${risk.id}, ${risk.code}): ${risk.reason}`);
  lines.push(
    `  ${t.guarantees}: ${Object.entries(result.guarantees)
      .map(
        ([item, status]) =>
          `${guaranteeLabel(ruleSet, item, language)} ${labelOf("guaranteeStatus", status, language)}`,
      )
      .join(" · ")}`,
    "",
  );
  lines.push(t.rules);
  const stages: Stage[] = ["assessment", "flag", "plan", "fallback", "checks"];
  for (const stage of stages) {
    const rules = result.explanation.filter((rule) => rule.stage === stage);
    if (!rules.length) continue;
    lines.push(` [${t.stages[stage]}]`);
    for (const rule of rules) lines.push(...ruleLines(rule, language));
  }
  lines.push("", t.measures);
  if (result.measures.length === 0) lines.push(`  ${t.noMeasure}`);
  for (const measure of result.measures) {
    lines.push(
      `  - ${measure.label} (${measure.id}, ${measure.group ?? "?"}, ${measure.kind ? labelOf("measureKind", measure.kind, language) : "?"}, ${measure.inPlace ? t.inPlace : t.toDo}): ${measure.reason}`,
    );
  }
  lines.push("", t.checks);
  if (result.checks.length === 0) lines.push(`  ${t.noCheck}`);
  for (const check of result.checks)
    lines.push(`  - [${labelOf("checkSeverity", check.severity, language)}] ${check.id}: ${check.message}`);
  lines.push("", t.tasks);
  if (result.tasks.length === 0) lines.push(`  ${t.noTask}`);
  for (const task of result.tasks) lines.push(`  - ${taskSummary(task, language)}: ${task.reason}`);
  lines.push("", t.referrals);
  if (result.referrals.length === 0) lines.push(`  ${t.noReferral}`);
  for (const referral of result.referrals) lines.push(`  - ${referral.label}: ${referral.reason}`);
  // A line break or control character inside a value (an id, a village) is escaped, so it cannot forge a line.
  return lines.map(printableValue).join("\n") + "\n";
}
