import { CATEGORIES, FLAGS, GUARANTEE_ITEMS } from "../input/enums.js";
import { message, type Language } from "../messages/catalogue.js";
import { labelOf } from "../vocabulary/labels.js";
import type { Count, ListedHousehold, MonthlyReport, OverdueTask } from "./monthly-report.js";
import { leadSourceText } from "../results/task-text.js";
import { WORK_KINDS } from "./worklist.js";
import { workKindLabel } from "./worklist-table.js";
import { leadSummaryHtml } from "./lead-summary.js";
import { barChart, escapeHtml, stackedBarChart } from "./svg-charts.js";

/**
 * Rows of each household table on the page. A county's 50,000 households would make a page of
 * megabytes that no one reads on screen: the page lists the first rows, and report.xlsx beside it
 * has every household.
 */
export const HTML_TABLE_ROWS = 200;

const TEXT = {
  zh: {
    title: "防返贫监测月度分析",
    household: "户",
    person: "人",
    total: "共",
    asOf: "评估日",
    ruleSets: "规则集",
    totals: "标记汇总",
    villages: "各村标记",
    categories: "监测对象类别",
    risks: "风险类型",
    problems: "3+1 问题",
    measures: "各组帮扶措施（需落实 / 已落实）",
    needed: "需落实",
    inPlace: "已落实",
    toIdentify: "建议识别的农户",
    toEliminate: "可启动风险消除程序的农户",
    id: "户编号",
    village: "村",
    category: "类别",
    people: "人数",
    riskTypes: "风险",
    income: "人均纯收入",
    reasons: "理由",
    none: "无",
    changes: "本月变化",
    newIdentifications: "新识别",
    eliminations: "新消除",
    transitions: "标记变化（上月 → 本月）",
    absent: "未出现",
    overdue: "核实已逾期的线索",
    channel: "渠道",
    department: "部门",
    leadDate: "线索日期",
    dueBy: "核实期限",
    taskDueBy: "截止日期",
    checks: "数据校验问题",
    checkId: "校验",
    severity: "级别",
    count: "户数",
    example: "说明",
    checkedHouseholds: "有数据校验问题的农户",
    group: "措施组",
    groupMeasures: "措施",
    thisMonthOnly: "无上月结果可比（dixian report --previous 上月结果）：以下为本月筛查结论。",
    input: (households: string, screened: string, rejected: number) =>
      `输入 ${households}，已筛查 ${screened}${rejected ? `，不合格 ${rejected} 户（原因见 report.xlsx 工作清单）` : "，无不合格"}`,
    parameters: "手工指定或县级提供的参数",
    statusSet: "手工指定（--set）",
    coverage: "普查覆盖",
    coverageGeneral: "一般农户（不在监测）",
    coverageFormerlyPoor: "脱贫户（不在监测）",
    coverageMonitored: "监测户",
    pipeline: "识别流程",
    pipelineSteps: ["有线索", "线索已核实", "新识别", "已落实措施", labelOf("flag", "eliminate", "zh")],
    visits: "走访",
    visitsLine: (households: number, perWeek: number) => `需走访 ${households} 户，每周共 ${perWeek} 次`,
    perWeekLine: (times: string, households: number) => `每周 ${times} 次：${households} 户`,
    worklist: "本周工作清单（各村）",
    worklistTasks: "已逾期和 7 天内到期的线索任务",
    task: "任务",
    daysLate: "逾期天数",
    limited: (shown: number, total: number) => `仅列出前 ${shown} 户（共 ${total} 户），完整名单见同目录 report.xlsx。`,
    month: (asOf: string) => `${Number(asOf.slice(0, 4))}年${Number(asOf.slice(5, 7))}月`,
    area: (report: MonthlyReport) =>
      report.area.townships.length >= 1 && report.area.townships.length <= 3
        ? report.area.townships.join("、")
        : report.area.counties.length
          ? `县（区）${report.area.counties.join("、")}`
          : "",
  },
  en: {
    title: "monthly monitoring analysis",
    household: "households",
    person: "people",
    total: "",
    asOf: "as of",
    ruleSets: "rule sets",
    totals: "Households by flag",
    villages: "Flags by village",
    categories: "Categories",
    risks: "Risk types",
    problems: "3+1 problems",
    measures: "Measures by group (needed / in place)",
    needed: "needed",
    inPlace: "in place",
    toIdentify: "Households to identify",
    toEliminate: "Households that may start the elimination procedure",
    id: "household",
    village: "village",
    category: "category",
    people: "people",
    riskTypes: "risks",
    income: "per-capita income",
    reasons: "reasons",
    none: "none",
    changes: "This month's changes",
    newIdentifications: "new identifications",
    eliminations: "new eliminations",
    transitions: "Flag transitions (last month → this month)",
    absent: "absent",
    overdue: "Overdue verification of leads",
    channel: "channel",
    department: "department",
    leadDate: "lead date",
    dueBy: "due by",
    taskDueBy: "due by",
    checks: "Data-check problems",
    checkId: "check",
    severity: "severity",
    count: "households",
    example: "message",
    checkedHouseholds: "households with data-check problems",
    group: "group",
    groupMeasures: "measures",
    thisMonthOnly: "No last month's results to compare with (dixian report --previous): this month's outcomes.",
    input: (households: string, screened: string, rejected: number) =>
      `input ${households}, screened ${screened}${rejected ? `, rejected ${rejected} (reasons in the worklist of report.xlsx)` : ", none rejected"}`,
    parameters: "Parameters set by hand or supplied by a county",
    statusSet: "set by hand (--set)",
    coverage: "Census coverage",
    coverageGeneral: "general households (not monitored)",
    coverageFormerlyPoor: "formerly poor (not monitored)",
    coverageMonitored: "monitored households",
    pipeline: "Identification pipeline",
    pipelineSteps: ["with a lead", "lead verified", "newly identified", "measures in place", "may start elimination"],
    visits: "Visits",
    visitsLine: (households: number, perWeek: number) =>
      `${households} households to visit, ${perWeek} visits a week in all`,
    perWeekLine: (times: string, households: number) => `${times} a week: ${households} households`,
    worklist: "This week's work by village",
    worklistTasks: "Lead tasks overdue or due within 7 days",
    task: "task",
    daysLate: "days late",
    limited: (shown: number, total: number) =>
      `The first ${shown} of ${total} households; report.xlsx beside this page lists all.`,
    month: (asOf: string) =>
      `${["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][Number(asOf.slice(5, 7)) - 1]} ${asOf.slice(0, 4)}`,
    area: (report: MonthlyReport) =>
      report.area.townships.length >= 1 && report.area.townships.length <= 3
        ? report.area.townships.join(", ")
        : report.area.counties.length
          ? `county ${report.area.counties.join(", ")}`
          : "",
  },
} as const;

/** Text in parentheses: full-width in Chinese, with a space before in English. */
const paren = (text: string, language: Language) => (language === "zh" ? `（${text}）` : ` (${text})`);

const FLAG_COLORS: Record<string, string> = {
  none: "#8cb369",
  watch: "#f4a259",
  identify: "#e15759",
  continue: "#b07aa1",
  eliminate: "#4e79a7",
};

/** A share as a percentage with one decimal, computed on integers so it is the same everywhere. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return "0.0%";
  const tenths = Math.floor((part * 1000 * 2 + whole) / (whole * 2));
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** The report's title: the area (township, or county), the month of the as-of date, and what it is. */
export function reportTitle(report: MonthlyReport, language: Language): string {
  const t = TEXT[language];
  const asOf = report.asOf[report.asOf.length - 1];
  const parts = [t.area(report), asOf ? t.month(asOf) : ""].filter(Boolean);
  return language === "zh"
    ? `${parts.join(" ")} ${t.title}`.trim()
    : `${parts.join(", ")}${parts.length ? ": " : ""}${t.title[0]!.toUpperCase()}${t.title.slice(1)}`;
}

const countText = (households: number, people: number | null, language: Language) => {
  const t = TEXT[language];
  if (language === "zh")
    return people === null ? `${households}${t.household}` : `${households}${t.household}${people}${t.person}`;
  const households_ = `${households} ${households === 1 ? "household" : "households"}`;
  return people === null ? households_ : `${households_}, ${people} ${people === 1 ? "person" : "people"}`;
};

function limitedNote(shown: number, total: number, language: Language): string {
  return total > shown ? `<p class="note">${escapeHtml(TEXT[language].limited(shown, total))}</p>` : "";
}

function householdTable(rows: readonly ListedHousehold[], language: Language): string {
  const t = TEXT[language];
  if (!rows.length) return `<p class="empty">${t.none}</p>`;
  const shown = rows.slice(0, HTML_TABLE_ROWS);
  const header = `<thead><tr><th>${t.id}</th><th>${t.village}</th><th>${t.people}</th><th>${t.category}</th><th>${t.riskTypes}</th><th>${t.income}</th><th>${t.reasons}</th></tr></thead>`;
  const body = shown.map(
    (row) =>
      `<tr><td>${escapeHtml(row.householdId)}</td><td>${escapeHtml(row.village ?? "")}</td><td class="num">${row.people ?? ""}</td><td>${escapeHtml(row.category ? labelOf("category", row.category, language) : "")}</td><td>${escapeHtml(row.riskTypes.join(message("listSeparator", language)))}</td><td class="num">${escapeHtml(row.perCapitaNetIncome)}</td><td>${row.reasons.map((reason) => escapeHtml(reason)).join("<br>")}</td></tr>`,
  );
  return `<table>${header}<tbody>${body.join("")}</tbody></table>${limitedNote(shown.length, rows.length, language)}`;
}

function overdueTable(tasks: readonly OverdueTask[], language: Language): string {
  const t = TEXT[language];
  if (!tasks.length) return `<p class="empty">${t.none}</p>`;
  const shown = tasks.slice(0, HTML_TABLE_ROWS);
  const header = `<thead><tr><th>${t.id}</th><th>${t.village}</th><th>${t.channel}</th><th>${t.department}</th><th>${t.leadDate}</th><th>${t.dueBy}</th></tr></thead>`;
  const body = shown.map(
    (task) =>
      `<tr><td>${escapeHtml(task.householdId)}</td><td>${escapeHtml(task.village ?? "")}</td><td>${escapeHtml(task.channel ? labelOf("leadChannel", task.channel, language) : "")}</td><td>${escapeHtml(task.department ? labelOf("leadDepartment", task.department, language) : "")}</td><td>${escapeHtml(task.leadDate ?? "")}</td><td>${escapeHtml(task.dueBy ?? "")}</td></tr>`,
  );
  return `<table>${header}<tbody>${body.join("")}</tbody></table>${limitedNote(shown.length, tasks.length, language)}`;
}

function changesSection(report: MonthlyReport, language: Language): string {
  const t = TEXT[language];
  const people = (list: readonly ListedHousehold[]) =>
    report.householdsWithoutSize ? null : list.reduce((sum, row) => sum + (row.people ?? 0), 0);
  const lines: string[] = [];
  if (report.changes) {
    const ids = new Set(report.changes.newIdentifications);
    const newPeople = report.householdsWithoutSize
      ? null
      : report.toIdentify.filter((row) => ids.has(row.householdId)).reduce((sum, row) => sum + (row.people ?? 0), 0);
    const eliminated = new Set(report.changes.eliminations);
    const eliminatedPeople = report.householdsWithoutSize
      ? null
      : report.toEliminate
          .filter((row) => eliminated.has(row.householdId))
          .reduce((sum, row) => sum + (row.people ?? 0), 0);
    lines.push(
      `<li id="new-identifications">${t.newIdentifications}: ${countText(report.changes.newIdentifications.length, newPeople, language)}</li>`,
    );
    lines.push(
      `<li id="eliminations">${t.eliminations}: ${countText(report.changes.eliminations.length, eliminatedPeople, language)}</li>`,
    );
  } else {
    lines.push(`<li class="note">${escapeHtml(t.thisMonthOnly)}</li>`);
    lines.push(
      `<li id="new-identifications">${labelOf("flag", "identify", language)}: ${countText(report.toIdentify.length, people(report.toIdentify), language)}</li>`,
    );
    lines.push(
      `<li id="eliminations">${labelOf("flag", "eliminate", language)}: ${countText(report.toEliminate.length, people(report.toEliminate), language)}</li>`,
    );
  }
  lines.push(`<li id="overdue">${t.overdue}: ${report.overdueTasks.length}</li>`);
  let body = `<ul class="changes">${lines.join("")}</ul>`;
  if (report.overdueTasks.length) body += `<h3>${t.overdue}</h3>${overdueTable(report.overdueTasks, language)}`;
  if (report.changes) {
    const changes = report.changes;
    const keys = [
      ...new Set([
        ...Object.keys(changes.transitions),
        ...Object.values(changes.transitions).flatMap((row) => Object.keys(row)),
      ]),
    ];
    const order = [...FLAGS, "absent"].filter((key) => keys.includes(key));
    const name = (key: string) => (key === "absent" ? t.absent : labelOf("flag", key, language));
    body += `<h3>${t.transitions}</h3><table><tr><th></th>${order.map((to) => `<th>${name(to)}</th>`).join("")}</tr>${order.map((from) => `<tr><th>${name(from)}</th>${order.map((to) => `<td class="num">${changes.transitions[from]?.[to] ?? 0}</td>`).join("")}</tr>`).join("")}</table>`;
  }
  return `<section id="changes"><h2>${t.changes}</h2>${body}</section>`;
}

/** 户 and 人 of a count, with its share of the households screened. */
function countCell(count: Count, report: MonthlyReport, language: Language): string {
  return `${countText(count.households, report.householdsWithoutSize ? null : count.people, language)}${paren(percent(count.households, report.households), language)}`;
}

function parametersLine(report: MonthlyReport, language: Language): string {
  const t = TEXT[language];
  if (!report.parameters.length) return "";
  const items = report.parameters.map((parameter) => {
    const status = parameter.status === "set" ? t.statusSet : labelOf("valueStatus", parameter.status, language);
    return `${escapeHtml(parameter.label)} ${escapeHtml(parameter.value)}${paren(`${status}${message("listSeparator", language)}${escapeHtml(parameter.source)}`, language)}`;
  });
  return `<p id="parameters">${t.parameters}${message("colon", language)}${items.join(message("reasonSeparator", language))}</p>`;
}

function coverageSection(report: MonthlyReport, language: Language): string {
  const t = TEXT[language];
  const rows = [
    [t.coverageGeneral, report.census.general],
    [t.coverageFormerlyPoor, report.census.formerlyPoor],
    [t.coverageMonitored, report.census.monitored],
  ] as const;
  const pipeline = report.pipeline;
  const steps = [
    pipeline.leads,
    pipeline.verified,
    pipeline.identified,
    pipeline.measuresInPlace,
    pipeline.toEliminate,
  ];
  return (
    `<section id="coverage"><h2>${t.coverage}</h2><table><tbody>${rows.map(([label, count]) => `<tr><th>${label}</th><td>${countCell(count, report, language)}</td></tr>`).join("")}</tbody></table></section>` +
    `<section id="pipeline"><h2>${t.pipeline}</h2><p>${steps.map((count, index) => `${t.pipelineSteps[index]} ${countText(count.households, report.householdsWithoutSize ? null : count.people, language)}`).join(" → ")}</p></section>`
  );
}

function visitsSection(report: MonthlyReport, language: Language): string {
  const t = TEXT[language];
  if (!report.visits.households) return "";
  const frequencies = Object.entries(report.visits.byFrequency)
    .sort(([a], [b]) => Number(b) - Number(a))
    .map(([times, households]) => t.perWeekLine(times, households));
  return `<section id="visits"><h2>${t.visits}</h2><p>${t.visitsLine(report.visits.households, report.visits.perWeek)}${message("reasonSeparator", language)}${frequencies.join(message("reasonSeparator", language))}</p></section>`;
}

function worklistSection(report: MonthlyReport, language: Language): string {
  const t = TEXT[language];
  const worklist = report.worklist;
  const villages = Object.entries(worklist.villages);
  if (!villages.length) return `<section id="worklist"><h2>${t.worklist}</h2><p class="empty">${t.none}</p></section>`;
  const header = `<tr><th>${t.village}</th>${WORK_KINDS.map((kind) => `<th>${escapeHtml(workKindLabel(kind, language))}</th>`).join("")}</tr>`;
  const rows = villages.map(
    ([village, items]) =>
      `<tr><td>${escapeHtml(village)}</td>${WORK_KINDS.map((kind) => `<td class="num">${items.filter((item) => item.kind === kind).length}</td>`).join("")}</tr>`,
  );
  const tasks = villages.flatMap(([, items]) => items.filter((item) => item.kind === "task"));
  const shown = tasks.slice(0, HTML_TABLE_ROWS);
  const taskTable = tasks.length
    ? `<h3>${t.worklistTasks}</h3><table><thead><tr><th>${t.village}</th><th>${t.id}</th><th>${t.task}</th><th>${t.channel}</th><th>${t.leadDate}</th><th>${t.taskDueBy}</th><th>${t.daysLate}</th></tr></thead><tbody>${shown
        .map(
          (item) =>
            `<tr><td>${escapeHtml(item.village)}</td><td>${escapeHtml(item.householdId)}</td><td>${escapeHtml(item.task ? labelOf("taskKind", item.task, language) : "")}</td><td>${escapeHtml(item.channel ? leadSourceText(item.channel, item.department, language) : "")}</td><td>${escapeHtml(item.leadDate ?? "")}</td><td>${escapeHtml(item.dueBy ?? "")}</td><td class="num">${item.daysLate ?? ""}</td></tr>`,
        )
        .join("")}</tbody></table>${limitedNote(shown.length, tasks.length, language)}`
    : "";
  return `<section id="worklist"><h2>${t.worklist}</h2><table><thead>${header}</thead><tbody>${rows.join("")}</tbody></table>${taskTable}</section>`;
}

function checksSection(report: MonthlyReport, language: Language): string {
  const t = TEXT[language];
  const entries = Object.entries(report.checks.byId);
  const summary = `<p>${t.checkedHouseholds}: ${report.checks.households}${paren(percent(report.checks.households, report.households), language)}</p>`;
  if (!entries.length) return `<section id="checks"><h2>${t.checks}</h2>${summary}</section>`;
  const rows = entries.map(
    ([id, check]) =>
      `<tr><td><code>${escapeHtml(id)}</code></td><td>${escapeHtml(labelOf("checkSeverity", check.severity, language))}</td><td class="num">${check.count}</td><td>${escapeHtml(check.message)}</td></tr>`,
  );
  return `<section id="checks"><h2>${t.checks}</h2>${summary}<table><thead><tr><th>${t.checkId}</th><th>${t.severity}</th><th>${t.count}</th><th>${t.example}</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

/** The report as one self-contained HTML page: inline CSS and SVG, no scripts, no network; prints on A4. */
export function monthlyReportHtml(report: MonthlyReport, language: Language = "zh"): string {
  const t = TEXT[language];
  const total = report.households;
  const withShare = (label: string, count: number) => `${label}${paren(percent(count, total), language)}`;
  const flagBars = FLAGS.map((flag) => ({
    label: withShare(labelOf("flag", flag, language), report.byFlag[flag]),
    value: report.byFlag[flag],
    color: FLAG_COLORS[flag],
  }));
  const villageRows = Object.entries(report.byVillage).map(([village, flags]) => ({
    label: village,
    values: FLAGS.map((flag) => flags[flag]),
  }));
  const categoryBars = CATEGORIES.map((category) => ({
    label: withShare(labelOf("category", category, language), report.byCategory[category] ?? 0),
    value: report.byCategory[category] ?? 0,
  }));
  const riskBars = Object.entries(report.riskTypes)
    .sort(([, a], [, b]) => b.count - a.count)
    .map(([id, risk]) => ({
      label: withShare(report.riskTypeLabels[id] ?? risk.label, risk.count),
      value: risk.count,
    }));
  const problemBars = GUARANTEE_ITEMS.map((item) => ({
    label: withShare(report.guaranteeLabels[item] ?? item, report.problems[item] ?? 0),
    value: report.problems[item] ?? 0,
  }));
  const measureRows = Object.entries(report.measuresByGroup).map(([group, counts]) => ({
    label: report.groupLabels[group] ?? group,
    values: [counts.needed, counts.inPlace],
  }));
  const measureTable = measureRows.length
    ? `<table><thead><tr><th>${t.group}</th><th>${t.groupMeasures}</th><th>${t.needed}</th><th>${t.inPlace}</th></tr></thead><tbody>${Object.entries(
        report.measuresByGroup,
      )
        .map(
          ([group, counts]) =>
            `<tr><td>${escapeHtml(report.groupLabels[group] ?? group)} <code>${escapeHtml(group)}</code></td><td>${escapeHtml(counts.labels.join(message("listSeparator", language)))}</td><td class="num">${counts.needed}</td><td class="num">${counts.inPlace}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : "";
  const sections = [
    changesSection(report, language),
    coverageSection(report, language),
    worklistSection(report, language),
    visitsSection(report, language),
    checksSection(report, language),
    `<section><h2>${t.totals}</h2>${barChart(t.totals, flagBars)}</section>`,
    `<section><h2>${t.villages}</h2>${stackedBarChart(
      t.villages,
      FLAGS.map((flag) => labelOf("flag", flag, language)),
      villageRows,
      FLAGS.map((flag) => FLAG_COLORS[flag]!),
    )}</section>`,
    `<section><h2>${t.categories}</h2>${barChart(t.categories, categoryBars)}</section>`,
    `<section><h2>${t.risks}</h2>${riskBars.length ? barChart(t.risks, riskBars) : `<p class="empty">${t.none}</p>`}</section>`,
    `<section><h2>${t.problems}</h2>${barChart(t.problems, problemBars)}</section>`,
    `<section><h2>${t.measures}</h2>${measureRows.length ? stackedBarChart(t.measures, [t.needed, t.inPlace], measureRows, ["#e15759", "#59a14f"]) + measureTable : `<p class="empty">${t.none}</p>`}</section>`,
    `<section><h2>${t.toIdentify}${paren(String(report.toIdentify.length), language)}</h2>${householdTable(report.toIdentify, language)}</section>`,
    `<section><h2>${t.toEliminate}${paren(String(report.toEliminate.length), language)}</h2>${householdTable(report.toEliminate, language)}</section>`,
  ];
  sections.push(leadSummaryHtml(report.leads, language));
  const ruleSets = report.ruleSets
    .map((set) => `${escapeHtml(set.id)} ${escapeHtml(set.version)} <code>${escapeHtml(set.hash)}</code>`)
    .join("; ");
  const people = report.householdsWithoutSize ? null : report.people;
  const flagTotals = FLAGS.map(
    (flag) =>
      `${labelOf("flag", flag, language)} ${countText(report.byFlag[flag], people === null ? null : report.peopleByFlag[flag], language)}${paren(percent(report.byFlag[flag], total), language)}`,
  );
  const title = reportTitle(report, language);
  return `<!doctype html>
<html lang="${language === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2rem; color: #222; max-width: 1100px; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; margin-top: 2rem; } h3 { font-size: 1rem; }
.summary { font-size: 1.05rem; } .chart text { font-size: 12px; fill: #333; } .chart .title { font-weight: bold; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { border: 1px solid #ddd; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; } .num { text-align: right; font-variant-numeric: tabular-nums; } .empty, .note { color: #777; } code { font-size: .75rem; }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; } section { break-inside: avoid-page; } table { font-size: 9pt; }
  thead { display: table-header-group; } tr { break-inside: avoid; } svg.chart { max-width: 100%; height: auto; }
}
</style>
</head>
<body>
<h1 id="title">${escapeHtml(title)}</h1>
<p class="summary" id="totals">${t.total}${countText(total, people, language)} · ${t.asOf} ${report.asOf.map(escapeHtml).join(", ")}</p>
<p class="summary" id="flag-totals">${flagTotals.join(" · ")}</p>
<p id="input">${t.input(countText(report.input.households, null, language), countText(report.households, people, language), report.input.rejected)}</p>
<p>${t.ruleSets}: ${ruleSets}</p>
${parametersLine(report, language)}
${sections.join("\n")}
</body>
</html>
`;
}
