/// <reference lib="dom" />
import { CATEGORIES, FLAGS, GUARANTEE_ITEMS } from "../input/enums.js";
import type { Language } from "../messages/catalogue.js";
import type { ScreeningResult } from "../results/result-types.js";
import { leadSourceText } from "../results/task-text.js";
import { guaranteeLabel, riskTypeLabel, type Catalogue } from "../rulesets/catalogue.js";
import { labelOf } from "../vocabulary/labels.js";
import { h } from "./dom.js";
import { UI } from "./ui-text.js";

/**
 * The results of a screening as the page shows them: a table filterable by village, flag,
 * category, risk type, 3+1 problem and overdue tasks (a page of rows at a time, so 5,000
 * households stay quick), and a household's own page with every reason, measure and task.
 */

export interface Filters {
  village: string;
  flag: string;
  category: string;
  risk: string;
  problem: string;
  overdue: boolean;
  search: string;
}

export const NO_FILTERS: Filters = {
  village: "",
  flag: "",
  category: "",
  risk: "",
  problem: "",
  overdue: false,
  search: "",
};

const PAGE_SIZE = 100;

/** The value of a filter that asks for households without any (no category, no village). */
const NONE = "\u0000none";

export function matches(result: ScreeningResult, filters: Filters): boolean {
  const village = result.region?.village ?? "";
  if (filters.village && (filters.village === NONE ? village !== "" : village !== filters.village)) return false;
  if (filters.flag && result.flag !== filters.flag) return false;
  if (filters.category && (filters.category === NONE ? result.category !== null : result.category !== filters.category))
    return false;
  if (filters.risk && !result.riskTypes.some((risk) => risk.id === filters.risk)) return false;
  if (filters.problem && result.guarantees[filters.problem as keyof ScreeningResult["guarantees"]] !== "problem")
    return false;
  if (filters.overdue && !result.tasks.some((task) => task.overdue)) return false;
  if (filters.search && !result.householdId.toLowerCase().includes(filters.search.toLowerCase())) return false;
  return true;
}

const money = (text: string) => text;

/** The filter controls; `change` is told the filters whenever one changes. */
export function filterBar(
  results: readonly ScreeningResult[],
  language: Language,
  catalogue: Catalogue,
  filters: Filters,
  change: (filters: Filters) => void,
): HTMLElement {
  const t = UI[language].filters;
  const current = { ...filters };
  const select = (
    key: "village" | "flag" | "category" | "risk" | "problem",
    label: string,
    options: [string, string][],
  ) =>
    h(
      "label",
      { class: "filter" },
      h("span", {}, label),
      h(
        "select",
        {
          name: key,
          onchange: (event: Event) => {
            current[key] = (event.target as HTMLSelectElement).value;
            change({ ...current });
          },
        },
        h("option", { value: "" }, t.any),
        options.map(([value, text]) => h("option", { value, selected: current[key] === value }, text)),
      ),
    );
  const villages = [...new Set(results.map((result) => result.region?.village ?? ""))].sort();
  return h(
    "div",
    { class: "filters", role: "search" },
    select(
      "village",
      t.village,
      villages.map((village) => [village || NONE, village || t.none]),
    ),
    select(
      "flag",
      t.flag,
      FLAGS.map((flag) => [flag, labelOf("flag", flag, language)]),
    ),
    select("category", t.category, [
      ...CATEGORIES.map((category): [string, string] => [category, labelOf("category", category, language)]),
      [NONE, t.none],
    ]),
    select(
      "risk",
      t.risk,
      catalogue.riskTypes.map((risk) => [risk.id, riskTypeLabel(catalogue, risk.id, language)]),
    ),
    select(
      "problem",
      t.problem,
      GUARANTEE_ITEMS.map((item) => [item, guaranteeLabel(catalogue, item, language)]),
    ),
    h(
      "label",
      { class: "filter check" },
      h("input", {
        type: "checkbox",
        name: "overdue",
        checked: current.overdue,
        onchange: (event: Event) => {
          current.overdue = (event.target as HTMLInputElement).checked;
          change({ ...current });
        },
      }),
      h("span", {}, t.overdue),
    ),
    h(
      "label",
      { class: "filter" },
      h("span", {}, t.search),
      h("input", {
        type: "search",
        name: "search",
        value: current.search,
        oninput: (event: Event) => {
          current.search = (event.target as HTMLInputElement).value.trim();
          change({ ...current });
        },
      }),
    ),
  );
}

/** One page of the filtered results as a table; a row opens the household's page. */
export function resultsTable(
  results: readonly ScreeningResult[],
  language: Language,
  catalogue: Catalogue,
  filters: Filters,
  page: number,
  open: (index: number) => void,
  turn: (page: number) => void,
): HTMLElement {
  const t = UI[language];
  const shown = results.map((result, index) => ({ result, index })).filter(({ result }) => matches(result, filters));
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(Math.max(page, 1), pages);
  const c = t.columns;
  const rows = shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map(({ result, index }) => {
    const problems = GUARANTEE_ITEMS.filter((item) => result.guarantees[item] === "problem");
    const overdue = result.tasks.filter((task) => task.overdue).length;
    return h(
      "tr",
      {
        class: `flag-${result.flag}`,
        "data-household": result.householdId,
        tabindex: 0,
        onclick: () => open(index),
        onkeydown: (event: Event) => (event as KeyboardEvent).key === "Enter" && open(index),
      },
      h(
        "td",
        {},
        h(
          "a",
          {
            href: `#household-${encodeURIComponent(result.householdId)}`,
            onclick: (event: Event) => (event.preventDefault(), open(index)),
          },
          result.householdId,
        ),
      ),
      h("td", {}, result.region?.village ?? ""),
      h("td", {}, labelOf("householdType", result.householdType, language)),
      h("td", { class: "num" }, String(result.householdSize)),
      h("td", {}, h("span", { class: `badge flag-${result.flag}` }, labelOf("flag", result.flag, language))),
      h("td", {}, result.category ? labelOf("category", result.category, language) : ""),
      h("td", {}, result.riskTypes.map((risk) => risk.label).join(language === "zh" ? "、" : ", ")),
      h(
        "td",
        {},
        problems.map((item) => guaranteeLabel(catalogue, item, language)).join(language === "zh" ? "、" : ", "),
      ),
      h("td", { class: "num" }, money(result.figures.perCapitaNetIncome)),
      h("td", { class: "num" }, String(result.measures.length)),
      h(
        "td",
        {},
        result.tasks.length ? `${result.tasks.length}${overdue ? ` (${t.overdueMark} ${overdue})` : ""}` : "",
      ),
    );
  });
  return h(
    "div",
    { class: "results" },
    h("p", { class: "count", id: "results-count" }, t.count(shown.length, results.length)),
    h(
      "table",
      { class: "grid", id: "results-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [c.id, c.village, c.type, c.size, c.flag, c.category, c.risks, c.problems, c.income, c.measures, c.tasks].map(
            (text) => h("th", {}, text),
          ),
        ),
      ),
      h("tbody", {}, rows),
    ),
    pages > 1
      ? h(
          "nav",
          { class: "pager" },
          h("button", { type: "button", disabled: current <= 1, onclick: () => turn(current - 1) }, t.previous),
          h("span", {}, t.page(current, pages)),
          h("button", { type: "button", disabled: current >= pages, onclick: () => turn(current + 1) }, t.next),
        )
      : null,
  );
}

/** A household's page: figures, flag and reasons, risks, 3+1, measures, tasks, referrals, checks, visits. */
export function householdPage(
  result: ScreeningResult,
  language: Language,
  catalogue: Catalogue,
  back: () => void,
  explain: () => void,
  explanation: string | null,
): HTMLElement {
  const t = UI[language];
  const list = (items: (Node | string)[]) =>
    items.length
      ? h(
          "ul",
          {},
          items.map((item) => h("li", {}, item)),
        )
      : h("p", { class: "muted" }, t.none);
  const section = (title: string, body: Node) => h("section", { class: "card" }, h("h3", {}, title), body);
  return h(
    "article",
    { class: "household", id: "household" },
    h("button", { type: "button", class: "link", onclick: back }, t.back),
    h("h2", {}, `${t.household} ${result.householdId}`),
    h(
      "p",
      { class: "meta" },
      [
        result.region?.township,
        result.region?.village,
        labelOf("householdType", result.householdType, language),
        language === "zh" ? `${result.householdSize} 人` : `${result.householdSize} people`,
      ]
        .filter(Boolean)
        .join(" · "),
    ),
    h(
      "div",
      { class: "verdict" },
      h("span", { class: `badge big flag-${result.flag}` }, labelOf("flag", result.flag, language)),
      result.category ? h("span", { class: "badge big" }, labelOf("category", result.category, language)) : null,
      result.followUp ? h("span", { class: "badge big" }, t.visits(result.followUp.visitsPerWeek)) : null,
    ),
    section(
      t.figures,
      h(
        "dl",
        { class: "figures" },
        h("dt", {}, t.perCapita),
        h("dd", {}, `${result.figures.perCapitaNetIncome} ${t.yuan}`),
        h("dt", {}, t.adjusted),
        h("dd", {}, `${result.figures.adjustedPerCapitaIncome} ${t.yuan}`),
        h("dt", {}, t.threshold2),
        h("dd", {}, result.figures.threshold === null ? t.none : `${result.figures.threshold} ${t.yuan}`),
      ),
    ),
    section(t.reasons, list(result.reasons)),
    section(t.risks, list(result.riskTypes.map((risk) => `${risk.label}（${risk.code}）：${risk.reason}`))),
    section(
      t.guarantees,
      h(
        "ul",
        { class: "guarantees" },
        GUARANTEE_ITEMS.map((item) =>
          h(
            "li",
            { class: `status-${result.guarantees[item]}` },
            `${guaranteeLabel(catalogue, item, language)}：${labelOf("guaranteeStatus", result.guarantees[item], language)}`,
          ),
        ),
      ),
    ),
    section(
      t.measures,
      list(
        result.measures.map((measure) =>
          h(
            "span",
            {},
            h("strong", {}, measure.label),
            ` ${[measure.group, measure.kind ? labelOf("measureKind", measure.kind, language) : null, measure.inPlace ? t.inPlace : t.suggested].filter(Boolean).join(" · ")}`,
            measure.reason ? h("br") : null,
            measure.reason ? h("small", {}, measure.reason) : null,
          ),
        ),
      ),
    ),
    section(
      t.tasks,
      list(
        result.tasks.map((task) =>
          h(
            "span",
            { class: task.overdue ? "overdue" : "" },
            `${labelOf("taskKind", task.kind, language)} · ${leadSourceText(task.channel, task.department, language)} · ${task.leadDate} → ${t.due} ${task.dueBy}${task.overdue ? ` · ${t.overdueMark}` : ""}`,
            h("br"),
            h("small", {}, task.reason),
          ),
        ),
      ),
    ),
    section(t.referrals, list(result.referrals.map((referral) => `${referral.label}：${referral.reason}`))),
    section(
      t.checks,
      list(
        result.checks.map(
          (check) =>
            `${labelOf("checkSeverity", check.severity, language)} · ${check.label ? `${check.label}：` : ""}${check.message}`,
        ),
      ),
    ),
    h(
      "p",
      { class: "meta" },
      `${UI[language].summary.ruleSet} ${result.ruleSet.id} ${result.ruleSet.version} · ${result.ruleSet.hash}`,
    ),
    h("button", { type: "button", id: "explain", onclick: explain }, t.explain),
    explanation === null ? null : h("pre", { class: "explanation", id: "explanation" }, explanation),
  );
}
