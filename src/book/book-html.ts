import type { Language } from "../messages/catalogue.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { escapeHtml } from "../reporting/svg-charts.js";
import { policyBook, type BookParameter, type BookRule, type BookTable, type PolicyBook } from "./policy-book.js";

/**
 * The policy book as one self-contained HTML file (no script, no request; prints on A4): what
 * `dixian book` writes for a county to review and archive, and what the workbench shows in its
 * policy-book tab. Nothing in it says when it was written, so the same rule set and date give the
 * same file.
 */

const TEXT = {
  zh: {
    ruleSet: "规则集",
    version: "版本",
    layers: "层级（从全国到本地）",
    hash: "规则集哈希",
    asOf: "评估日",
    noAsOf: "未指定评估日：列出全部取值",
    overrides: "手工指定的参数（--set，覆盖各日期的取值）",
    contents: "目录",
    parameters: "参数",
    parametersIntro: "每个参数按生效日期列出取值、出处和证实情况；评估日在用的取值加粗标出。",
    period: "生效期间",
    value: "取值",
    source: "出处",
    status: "证实情况",
    inForce: "评估日在用",
    until: "至",
    open: "起（未定截止）",
    noValues: "无取值：县级未设定时，引用它的规则不适用",
    noValueOn: (asOf: string) => `${asOf} 没有在用的取值`,
    optional: "可选参数",
    yearly: "每年确定",
    unit: "单位",
    definedIn: "定义于",
    figures: "数值（收支核算口径）",
    figuresIntro: "规则比较的金额由下列公式从农户填报的收入和支出算出，全程精确计算（不四舍五入）。",
    conditions: "命名条件",
    conditionsIntro: "规则中加引号的条件在这里定义，可在多条规则中引用。",
    rule: "规则",
    reason: "理由",
    basis: "依据",
    priority: "优先级",
    table: "同类规则（决策表）",
    tableIntro: "下列规则只在〔〕中的取值上不同：",
    catalogues: "目录",
    riskTypes: "风险类型",
    code: "代码",
    name: "名称",
    guarantees: "3+1 项目",
    problem: "存在问题时的说法",
    measures: "帮扶措施",
    kind: "类型",
    local: "本地措施",
    footer: "由 dixian book 从规则集文件生成；规则集哈希相同即规则相同。",
  },
  en: {
    ruleSet: "Rule set",
    version: "version",
    layers: "Layers (national to local)",
    hash: "Rule-set hash",
    asOf: "As of",
    noAsOf: "No as-of date: every value listed",
    overrides: "Values set by hand (--set, for every date)",
    contents: "Contents",
    parameters: "Parameters",
    parametersIntro:
      "Each parameter's values by the date they take effect, with source and status; the value in force on the as-of date is in bold.",
    period: "In force",
    value: "Value",
    source: "Source",
    status: "Status",
    inForce: "in force on the as-of date",
    until: "until",
    open: "onwards",
    noValues: "No value: the rules that use it do not apply until a county sets one",
    noValueOn: (asOf: string) => `no value in force on ${asOf}`,
    optional: "optional",
    yearly: "set every year",
    unit: "unit",
    definedIn: "defined in",
    figures: "Figures (income accounting)",
    figuresIntro:
      "The amounts rules compare are computed from the household's income and spending by these formulas, exactly (never rounded).",
    conditions: "Named conditions",
    conditionsIntro: "Conditions in quotation marks in the rules are defined here and may be used by many rules.",
    rule: "Rule",
    reason: "Reason",
    basis: "Basis",
    priority: "priority",
    table: "Alike rules (decision table)",
    tableIntro: "These rules differ only in the values in brackets:",
    catalogues: "Catalogues",
    riskTypes: "Risk types",
    code: "Code",
    name: "Name",
    guarantees: "3+1 items",
    problem: "As a problem",
    measures: "Measures",
    kind: "Kind",
    local: "local",
    footer: "Written by dixian book from the rule-set files; the same hash means the same rules.",
  },
} as const;

const e = escapeHtml;

const STYLE = `
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2rem auto; color: #1f2328; max-width: 1000px; line-height: 1.6; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #c8102e; padding-bottom: .25rem; margin-top: 2.4rem; }
h3 { font-size: 1.02rem; margin: 1.4rem 0 .3rem; } .id { font-family: ui-monospace, monospace; font-size: .78rem; color: #666; font-weight: normal; }
.hash { font-family: ui-monospace, monospace; font-size: .85rem; word-break: break-all; background: #f6f8fa; padding: .1rem .3rem; }
.meta { color: #444; } .meta dt { font-weight: bold; float: left; clear: left; width: 11em; } .meta dd { margin-left: 11.5em; }
.intro, .note { color: #555; } .sentence { margin: .2rem 0 .3rem; padding: .45rem .7rem; background: #f7f7f2; border-left: 3px solid #c8a200; }
.rule { margin-bottom: 1.1rem; break-inside: avoid; } .rule p { margin: .15rem 0; } .label { font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .4rem 0 1rem; } th, td { border: 1px solid #d0d7de; padding: .25rem .45rem; vertical-align: top; text-align: left; }
th { background: #f0f3f6; } tr.in-force td { font-weight: bold; background: #fff8e0; } .warn { color: #9a3412; font-weight: bold; }
nav ol { columns: 2; } footer { margin-top: 3rem; color: #777; font-size: .85rem; border-top: 1px solid #ddd; padding-top: .5rem; }
@media print {
  @page { size: A4; margin: 15mm 14mm; }
  body { margin: 0; max-width: none; font-size: 10pt; } h2 { break-after: avoid; } h3 { break-after: avoid; }
  table { font-size: 8.5pt; } thead { display: table-header-group; } tr { break-inside: avoid; } nav { display: none; }
}`;

function parameterHtml(book: PolicyBook, parameter: BookParameter): string {
  const t = TEXT[book.language];
  const flags = [
    parameter.optional ? t.optional : null,
    parameter.yearly ? t.yearly : null,
    parameter.unit ? `${t.unit} ${parameter.unit}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const rows = parameter.values.map((value) => {
    const period = `${value.from} ${value.until ? `${t.until} ${value.until}` : t.open}`;
    const source = [value.source.document, value.source.clause, value.source.note]
      .filter(Boolean)
      .map((part) => e(part!))
      .join("<br>");
    return `<tr${value.inForce ? ' class="in-force"' : ""}><td>${e(period)}${value.inForce ? `<br><small>${t.inForce}</small>` : ""}</td><td>${e(value.value)}</td><td>${source}</td><td>${e(value.statusLabel)}</td></tr>`;
  });
  const missing =
    book.asOf && !parameter.values.some((value) => value.inForce) && !parameter.override
      ? `<p class="warn">${e(t.noValueOn(book.asOf))}${parameter.optional ? `：${e(t.noValues)}` : ""}</p>`
      : "";
  return `<section class="parameter" id="parameter-${e(parameter.name)}">
<h3>${e(parameter.label)} <span class="id">${e(parameter.name)}</span></h3>
<p>${e(parameter.description)}${flags ? ` <span class="note">（${e(flags)}）</span>` : ""}</p>
${parameter.override ? `<p class="warn">${e(t.overrides)}: ${e(parameter.override)}</p>` : ""}${missing}
${rows.length ? `<table><thead><tr><th>${t.period}</th><th>${t.value}</th><th>${t.source}</th><th>${t.status}</th></tr></thead><tbody>${rows.join("")}</tbody></table>` : `<p class="note">${e(t.noValues)}</p>`}
</section>`;
}

function ruleHtml(book: PolicyBook, rule: BookRule): string {
  const t = TEXT[book.language];
  return `<div class="rule" id="rule-${e(rule.id)}">
<p><span class="label">${e(rule.label)}</span> <span class="id">${e(rule.id)}${rule.priority !== null ? ` · ${t.priority} ${rule.priority}` : ""}</span></p>
<p class="sentence">${e(rule.sentence)}</p>
${rule.reason ? `<p><strong>${t.reason}：</strong>${e(rule.reason)}</p>` : ""}${rule.basis ? `<p class="note"><strong>${t.basis}：</strong>${e(rule.basis)}</p>` : ""}
</div>`;
}

function tableHtml(book: PolicyBook, table: BookTable): string {
  const t = TEXT[book.language];
  const head = [t.rule, ...table.columns, t.reason].map((cell) => `<th>${e(cell)}</th>`).join("");
  const rows = table.rows
    .map(
      (row) =>
        `<tr id="rule-${e(row.id)}"><td>${e(row.label)}<br><span class="id">${e(row.id)}${row.priority !== null ? ` · ${t.priority} ${row.priority}` : ""}</span></td>${row.cells.map((cell) => `<td>${e(cell)}</td>`).join("")}<td>${e(row.reason ?? "")}</td></tr>`,
    )
    .join("");
  return `<div class="rule decision-table">
<p><span class="label">${t.table}</span> <span class="note">${t.tableIntro}</span></p>
<p class="sentence">${e(table.pattern)}</p>
<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>
${table.basis ? `<p class="note"><strong>${t.basis}：</strong>${e(table.basis)}</p>` : ""}
</div>`;
}

/** The policy book of a model, as an HTML document. */
export function policyBookDocument(book: PolicyBook): string {
  const t = TEXT[book.language];
  const number = (index: number) =>
    book.language === "zh" ? `${"一二三四五六七八九十"[index] ?? index + 1}、` : `${index + 1}. `;
  const sections: { id: string; title: string; body: string }[] = [
    {
      id: "parameters",
      title: t.parameters,
      body: `<p class="intro">${t.parametersIntro}</p>${book.parameters.map((parameter) => parameterHtml(book, parameter)).join("\n")}`,
    },
    {
      id: "figures",
      title: t.figures,
      body: `<p class="intro">${t.figuresIntro}</p><ul>${book.figures
        .map((figure) =>
          figure.formulas
            .map(
              (formula) =>
                `<li id="figure-${e(figure.id)}">${formula.period ? `${e(formula.period)}：` : ""}<strong>${e(formula.words)}</strong></li>`,
            )
            .join(""),
        )
        .join("")}</ul>`,
    },
    {
      id: "conditions",
      title: t.conditions,
      body: `<p class="intro">${t.conditionsIntro}</p>${book.conditions
        .map(
          (condition) =>
            `<div class="rule" id="condition-${e(condition.name)}"><p><span class="label">“${e(condition.label)}”</span> <span class="id">${e(condition.name)}</span></p><p class="sentence">${e(condition.sentence)}</p></div>`,
        )
        .join("\n")}`,
    },
    ...book.stages.map((stage) => ({
      id: `stage-${stage.stage}`,
      title: stage.title,
      body: `<p class="intro">${e(stage.intro)}</p>${stage.entries.map((entry) => (entry.kind === "rule" ? ruleHtml(book, entry) : tableHtml(book, entry))).join("\n")}`,
    })),
    {
      id: "catalogues",
      title: t.catalogues,
      body:
        `<h3>${t.riskTypes}</h3><table><thead><tr><th>${t.code}</th><th>${t.name}</th><th>${t.source}</th><th>${t.status}</th></tr></thead><tbody>${book.riskTypes
          .map(
            (risk) =>
              `<tr><td>${e(risk.code)}</td><td>${e(risk.label)} <span class="id">${e(risk.id)}</span></td><td>${e(risk.source)}</td><td>${e(risk.status)}</td></tr>`,
          )
          .join("")}</tbody></table>` +
        `<h3>${t.guarantees}</h3><table><thead><tr><th>${t.name}</th><th>${t.problem}</th></tr></thead><tbody>${book.guarantees
          .map(
            (item) =>
              `<tr><td>${e(item.label)} <span class="id">${e(item.id)}</span></td><td>${e(item.problem)}</td></tr>`,
          )
          .join("")}</tbody></table>` +
        `<h3>${t.measures}</h3>${book.measureGroups
          .map(
            (group) =>
              `<p><strong>${e(group.code)} ${e(group.label)}</strong> <span class="note">${e(group.source)} · ${e(group.status)}</span></p><table><thead><tr><th>${t.name}</th><th>${t.kind}</th><th>${t.source}</th></tr></thead><tbody>${group.measures
                .map(
                  (measure) =>
                    `<tr><td>${e(measure.label)} <span class="id">${e(measure.id)}</span>${measure.local ? ` <small>（${t.local}）</small>` : ""}</td><td>${e(measure.kind)}</td><td>${e(measure.source ?? "")}</td></tr>`,
                )
                .join("")}</tbody></table>`,
          )
          .join("")}`,
    },
  ];
  const overrides = book.ruleSet.overrides
    ? `<dt>${t.overrides}</dt><dd class="warn">${Object.entries(book.ruleSet.overrides)
        .map(([name, value]) => `${e(name)}=${e(value)}`)
        .join(", ")}</dd>`
    : "";
  return `<!doctype html>
<html lang="${book.language === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="dixian-rule-set-hash" content="${e(book.ruleSet.hash)}">
<title>${e(book.title)}</title>
<style>${STYLE}
</style>
</head>
<body>
<header>
<h1 id="title">${e(book.title)}</h1>
<p class="intro">${e(book.ruleSet.description)}</p>
<dl class="meta">
<dt>${t.ruleSet}</dt><dd>${e(book.ruleSet.id)} · ${t.version} ${e(book.ruleSet.version)}</dd>
<dt>${t.layers}</dt><dd>${book.ruleSet.layers.map(e).join(" → ")}</dd>
<dt>${t.hash}</dt><dd><span class="hash" id="hash">${e(book.ruleSet.hash)}</span></dd>
<dt>${t.asOf}</dt><dd>${book.asOf ? e(book.asOf) : t.noAsOf}</dd>
${overrides}
</dl>
</header>
<nav><h2>${t.contents}</h2><ol>${sections.map((section) => `<li><a href="#${section.id}">${e(section.title)}</a></li>`).join("")}</ol></nav>
${sections.map((section, index) => `<section id="${section.id}">\n<h2>${number(index)}${e(section.title)}</h2>\n${section.body}\n</section>`).join("\n")}
<footer>${t.footer} <span class="hash">${e(book.ruleSet.hash)}</span></footer>
</body>
</html>
`;
}

/** The policy book of a rule set as an HTML document, in a language, with the values in force on `asOf` marked. */
export function policyBookHtml(ruleSet: RuleSet, options: { language?: Language; asOf?: string | null } = {}): string {
  return policyBookDocument(policyBook(ruleSet, options));
}
