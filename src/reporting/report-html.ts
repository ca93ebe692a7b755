import { CATEGORIES, FLAGS, GUARANTEE_ITEMS } from "../input/enums.js";
import type { Language } from "../results/result-types.js";
import { leadSummaryHtml } from "./lead-summary.js";
import type { ListedHousehold, MonthlyReport } from "./monthly-report.js";
import { barChart, escapeHtml, stackedBarChart } from "./svg-charts.js";

const TEXT = {
  zh: {
    title: "防返贫监测月度分析", households: "农户", asOf: "评估日", ruleSets: "规则集", totals: "标记汇总", villages: "各村标记",
    categories: "监测对象类别", risks: "风险类型", problems: "3+1 问题", measures: "各组帮扶措施（需落实 / 已落实）", needed: "需落实",
    inPlace: "已落实", toIdentify: "建议识别的农户", toEliminate: "可标注风险消除的农户", id: "户编号", village: "村", category: "类别",
    riskTypes: "风险", income: "人均纯收入", reasons: "理由", none: "无", changes: "与上月相比", newIdentifications: "新识别",
    eliminations: "新消除", transitions: "标记变化（上月 → 本月）", absent: "未出现",
    flags: { none: "无需监测", watch: "关注", identify: "识别", continue: "继续监测", eliminate: "风险消除" },
    categoriesText: { unstableFormerlyPoor: "脱贫不稳定户", marginal: "边缘易致贫户", suddenHardship: "突发严重困难户" },
    items: { food: "不愁吃", clothing: "不愁穿", compulsoryEducation: "义务教育", basicMedical: "基本医疗", housing: "住房安全", water: "饮水安全" },
  },
  en: {
    title: "Monthly monitoring analysis", households: "households", asOf: "as of", ruleSets: "rule sets", totals: "Households by flag", villages: "Flags by village",
    categories: "Categories", risks: "Risk types", problems: "3+1 problems", measures: "Measures by group (needed / in place)", needed: "needed",
    inPlace: "in place", toIdentify: "Households to identify", toEliminate: "Households whose risk can be marked eliminated", id: "household", village: "village",
    category: "category", riskTypes: "risks", income: "per-capita income", reasons: "reasons", none: "none", changes: "Compared with last month",
    newIdentifications: "new identifications", eliminations: "new eliminations", transitions: "Flag transitions (last month → this month)", absent: "absent",
    flags: { none: "none", watch: "watch", identify: "identify", continue: "continue", eliminate: "eliminate" },
    categoriesText: { unstableFormerlyPoor: "unstable formerly poor", marginal: "marginal", suddenHardship: "sudden hardship" },
    items: { food: "food", clothing: "clothing", compulsoryEducation: "compulsory education", basicMedical: "basic medical", housing: "housing", water: "water" },
  },
} as const;

const FLAG_COLORS: Record<string, string> = { none: "#8cb369", watch: "#f4a259", identify: "#e15759", continue: "#b07aa1", eliminate: "#4e79a7" };

function householdTable(rows: readonly ListedHousehold[], language: Language): string {
  const t = TEXT[language];
  if (!rows.length) return `<p class="empty">${t.none}</p>`;
  const header = `<tr><th>${t.id}</th><th>${t.village}</th><th>${t.category}</th><th>${t.riskTypes}</th><th>${t.income}</th><th>${t.reasons}</th></tr>`;
  const body = rows.map((row) => `<tr><td>${escapeHtml(row.householdId)}</td><td>${escapeHtml(row.village ?? "")}</td><td>${escapeHtml(row.category ? (t.categoriesText as Record<string, string>)[row.category] ?? row.category : "")}</td><td>${escapeHtml(row.riskTypes.join("、"))}</td><td class="num">${escapeHtml(row.perCapitaNetIncome)}</td><td>${row.reasons.map((reason) => escapeHtml(reason)).join("<br>")}</td></tr>`);
  return `<table>${header}${body.join("")}</table>`;
}

/** The report as one self-contained HTML page: inline CSS and SVG, no scripts, no network. */
export function monthlyReportHtml(report: MonthlyReport, language: Language = "zh"): string {
  const t = TEXT[language];
  const flagBars = FLAGS.map((flag) => ({ label: t.flags[flag], value: report.byFlag[flag], color: FLAG_COLORS[flag] }));
  const villageRows = Object.entries(report.byVillage).map(([village, flags]) => ({ label: village, values: FLAGS.map((flag) => flags[flag]) }));
  const categoryBars = CATEGORIES.map((category) => ({ label: t.categoriesText[category], value: report.byCategory[category] ?? 0 }));
  const riskBars = Object.values(report.riskTypes).sort((a, b) => b.count - a.count).map((risk) => ({ label: risk.label, value: risk.count }));
  const problemBars = GUARANTEE_ITEMS.map((item) => ({ label: t.items[item], value: report.problems[item] ?? 0 }));
  const measureRows = Object.entries(report.measuresByGroup).map(([group, counts]) => ({ label: group, values: [counts.needed, counts.inPlace] }));
  const sections = [
    `<section><h2>${t.totals}</h2>${barChart(t.totals, flagBars)}</section>`,
    `<section><h2>${t.villages}</h2>${stackedBarChart(t.villages, FLAGS.map((flag) => t.flags[flag]), villageRows, FLAGS.map((flag) => FLAG_COLORS[flag]!))}</section>`,
    `<section><h2>${t.categories}</h2>${barChart(t.categories, categoryBars)}</section>`,
    `<section><h2>${t.risks}</h2>${riskBars.length ? barChart(t.risks, riskBars) : `<p class="empty">${t.none}</p>`}</section>`,
    `<section><h2>${t.problems}</h2>${barChart(t.problems, problemBars)}</section>`,
    `<section><h2>${t.measures}</h2>${measureRows.length ? stackedBarChart(t.measures, [t.needed, t.inPlace], measureRows, ["#e15759", "#59a14f"]) : `<p class="empty">${t.none}</p>`}</section>`,
  ];
  sections.push(leadSummaryHtml(report.leads, language));
  if (report.changes) {
    const keys = [...new Set([...Object.keys(report.changes.transitions), ...Object.values(report.changes.transitions).flatMap((row) => Object.keys(row))])];
    const order = [...FLAGS, "absent"].filter((key) => keys.includes(key));
    const name = (key: string) => (key === "absent" ? t.absent : t.flags[key as keyof typeof t.flags]);
    const matrix = `<table><tr><th></th>${order.map((to) => `<th>${name(to)}</th>`).join("")}</tr>${order.map((from) => `<tr><th>${name(from)}</th>${order.map((to) => `<td class="num">${report.changes!.transitions[from]?.[to] ?? 0}</td>`).join("")}</tr>`).join("")}</table>`;
    sections.push(`<section><h2>${t.changes}</h2><p>${t.newIdentifications}: ${report.changes.newIdentifications.length} · ${t.eliminations}: ${report.changes.eliminations.length}</p><h3>${t.transitions}</h3>${matrix}</section>`);
  }
  sections.push(`<section><h2>${t.toIdentify} (${report.toIdentify.length})</h2>${householdTable(report.toIdentify, language)}</section>`);
  sections.push(`<section><h2>${t.toEliminate} (${report.toEliminate.length})</h2>${householdTable(report.toEliminate, language)}</section>`);
  const ruleSets = report.ruleSets.map((set) => `${escapeHtml(set.id)} ${escapeHtml(set.version)} <code>${escapeHtml(set.hash)}</code>`).join("; ");
  return `<!doctype html>
<html lang="${language === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${t.title}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2rem; color: #222; max-width: 1100px; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; margin-top: 2rem; }
.summary { font-size: 1.05rem; } .chart text { font-size: 12px; fill: #333; } .chart .title { font-weight: bold; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { border: 1px solid #ddd; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; } .num { text-align: right; font-variant-numeric: tabular-nums; } .empty { color: #777; } code { font-size: .75rem; }
</style>
</head>
<body>
<h1>${t.title}</h1>
<p class="summary" id="totals">${report.households} ${t.households} · ${t.asOf} ${report.asOf.map(escapeHtml).join(", ")} · ${FLAGS.map((flag) => `${t.flags[flag]} ${report.byFlag[flag]}`).join(" · ")}</p>
<p>${t.ruleSets}: ${ruleSets}</p>
${sections.join("\n")}
</body>
</html>
`;
}
