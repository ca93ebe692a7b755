import { LEAD_CHANNELS, LEAD_DEPARTMENTS, type LeadChannel, type LeadDepartment } from "../input/enums.js";
import type { Language, ScreeningResult } from "../results/result-types.js";
import { leadSourceText } from "../results/task-text.js";
import { escapeHtml } from "./svg-charts.js";

/** Open and overdue leads (one verification task each) of a group. */
export interface LeadCounts {
  open: number;
  overdue: number;
}

/** How many leads are open and overdue, overall, by channel and by department of sector warnings. */
export interface LeadSummary {
  /** Households with at least one open lead. */
  households: number;
  open: number;
  overdue: number;
  /** Every channel, in contract order, zero included. */
  byChannel: Record<LeadChannel, LeadCounts>;
  /** Sector warnings by department: only departments that have a lead. */
  byDepartment: Partial<Record<LeadDepartment, LeadCounts>>;
}

/** An empty summary, to add results to with {@link addToLeadSummary}. */
export function emptyLeadSummary(): LeadSummary {
  return {
    households: 0,
    open: 0,
    overdue: 0,
    byChannel: Object.fromEntries(LEAD_CHANNELS.map((channel) => [channel, { open: 0, overdue: 0 }])) as Record<
      LeadChannel,
      LeadCounts
    >,
    byDepartment: {},
  };
}

/** Counts a result's verification tasks: each task is one open lead. */
export function addToLeadSummary(summary: LeadSummary, result: ScreeningResult): void {
  const tasks = (result.tasks ?? []).filter((task) => task.kind === "verify");
  if (tasks.length) summary.households++;
  for (const task of tasks) {
    const overdue = task.overdue ? 1 : 0;
    summary.open++;
    summary.overdue += overdue;
    summary.byChannel[task.channel].open++;
    summary.byChannel[task.channel].overdue += overdue;
    if (task.department !== null) {
      const counts = (summary.byDepartment[task.department] ??= { open: 0, overdue: 0 });
      counts.open++;
      counts.overdue += overdue;
    }
  }
}

/** The summary with departments in contract order, so the same results give the same report. */
export function finishLeadSummary(summary: LeadSummary): LeadSummary {
  const byDepartment: LeadSummary["byDepartment"] = {};
  for (const department of LEAD_DEPARTMENTS)
    if (summary.byDepartment[department]) byDepartment[department] = summary.byDepartment[department];
  return { ...summary, byDepartment };
}

const TEXT = {
  zh: {
    title: "线索核实",
    households: "有未办结线索的农户",
    open: "未办结",
    overdue: "已逾期",
    source: "来源",
    none: "无未办结线索",
    unit: "户",
  },
  en: {
    title: "Leads to verify",
    households: "households with open leads",
    open: "open",
    overdue: "overdue",
    source: "source",
    none: "no open lead",
    unit: "",
  },
} as const;

/** The report's section on leads: totals, then a table by channel and by department. */
export function leadSummaryHtml(summary: LeadSummary, language: Language): string {
  const t = TEXT[language];
  if (summary.open === 0) return `<section id="leads"><h2>${t.title}</h2><p class="empty">${t.none}</p></section>`;
  const rows: string[] = [];
  for (const channel of LEAD_CHANNELS) {
    const counts = summary.byChannel[channel];
    if (counts.open === 0) continue;
    rows.push(
      `<tr><td>${escapeHtml(leadSourceText(channel, null, language))}</td><td class="num">${counts.open}</td><td class="num">${counts.overdue}</td></tr>`,
    );
    if (channel !== "sectorWarning") continue;
    for (const [department, byDepartment] of Object.entries(summary.byDepartment)) {
      rows.push(
        `<tr><td>&nbsp;&nbsp;${escapeHtml(leadSourceText(channel, department, language))}</td><td class="num">${byDepartment.open}</td><td class="num">${byDepartment.overdue}</td></tr>`,
      );
    }
  }
  return (
    `<section id="leads"><h2>${t.title}</h2><p>${t.households} ${summary.households}${t.unit} · ${t.open} ${summary.open} · ${t.overdue} ${summary.overdue}</p>` +
    `<table><tr><th>${t.source}</th><th>${t.open}</th><th>${t.overdue}</th></tr>${rows.join("")}</table></section>`
  );
}
