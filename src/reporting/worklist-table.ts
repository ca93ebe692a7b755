import { message, type Language } from "../messages/catalogue.js";
import type { TableCell, TableColumnSpec } from "../results/table-row.js";
import { leadSourceText } from "../results/task-text.js";
import { labelOf } from "../vocabulary/labels.js";
import { WORK_KINDS, type WorkItem, type WorkKind, type Worklist } from "./worklist.js";

/**
 * The worklist (工作清单) for people: one flat, sortable table (the 工作清单 sheet of the results
 * workbook, `dixian worklist --format csv|xlsx`) and a plain-text list by village.
 */

export const WORKLIST_COLUMNS = [
  { en: "village", zh: "村", width: 10 },
  { en: "work", zh: "事项", width: 16 },
  { en: "householdId", zh: "户编号", width: 14 },
  { en: "people", zh: "人数", width: 6, kind: "count" },
  { en: "what", zh: "内容", width: 16 },
  { en: "lead", zh: "线索来源", width: 20 },
  { en: "leadDate", zh: "线索日期", width: 11, kind: "date" },
  { en: "dueBy", zh: "截止日期", width: 11, kind: "date" },
  { en: "daysLate", zh: "逾期天数", width: 8, kind: "count" },
  { en: "visitsPerWeek", zh: "每周走访次数", width: 8, kind: "count" },
  { en: "category", zh: "类别", width: 14 },
  { en: "note", zh: "说明", width: 60, kind: "list" },
] as const satisfies readonly TableColumnSpec[];

const TEXT = {
  zh: {
    kinds: {
      task: "线索任务",
      visit: "走访",
      eliminate: "启动风险消除程序",
      referral: "转介部门",
      check: "数据校验",
      rejected: "不合格",
    },
    visits: (n: number) => `每周 ${n} 次`,
    title: (asOf: string, days: number) =>
      `工作清单（评估日 ${asOf}：已逾期和 ${days} 天内到期的任务，走访、消除、转介、校验和不合格）`,
    nothing: "本周没有待办事项。",
    due: (dueBy: string, late: number) =>
      late > 0 ? `截止 ${dueBy}，${message("overdue", "zh")} ${late} 天` : `截止 ${dueBy}`,
    people: (n: number) => `${n} 人`,
    noVillage: "（未填村）",
    count: (n: number) => `（${n}）`,
    households: (n: number) => `（${n} 户）`,
  },
  en: {
    kinds: {
      task: "lead tasks",
      visit: "visits",
      eliminate: "start the elimination procedure",
      referral: "referrals",
      check: "data checks",
      rejected: "rejected",
    },
    visits: (n: number) => `${n} a week`,
    title: (asOf: string, days: number) =>
      `Worklist (as of ${asOf}: tasks overdue or due within ${days} days; visits, eliminations, referrals, checks, rejections)`,
    nothing: "Nothing to do this week.",
    due: (dueBy: string, late: number) => (late > 0 ? `due ${dueBy}, ${late} days overdue` : `due ${dueBy}`),
    people: (n: number) => `${n} ${n === 1 ? "person" : "people"}`,
    noVillage: "(no village)",
    count: (n: number) => ` (${n})`,
    households: (n: number) => ` (${n} ${n === 1 ? "household" : "households"})`,
  },
} as const;

export function worklistHeader(language: Language): string[] {
  return WORKLIST_COLUMNS.map((column) => column[language]);
}

export function workKindLabel(kind: WorkKind, language: Language): string {
  return TEXT[language].kinds[kind];
}

/** What an item is about, in a few words: the task, the visits, the category, the department. */
function what(item: WorkItem, language: Language): string {
  switch (item.kind) {
    case "task":
      return item.task ? labelOf("taskKind", item.task, language) : "";
    case "visit":
      return TEXT[language].visits(item.visitsPerWeek ?? 0);
    case "eliminate":
      return item.category ? labelOf("category", item.category, language) : "";
    case "referral":
      return item.department ? labelOf("leadDepartment", item.department, language) : "";
    case "check":
      return item.check ?? "";
    case "rejected":
      return "";
  }
}

const count = (value: number | null): TableCell => (value === null ? "" : { number: String(value) });
const date = (value: string | null): TableCell => (value === null ? "" : { date: value });

/** Every item as a row, village by village. */
export function worklistRows(worklist: Worklist, language: Language): TableCell[][] {
  return Object.values(worklist.villages).flatMap((items) =>
    items.map((item): TableCell[] => [
      item.village === "-" ? "" : item.village,
      workKindLabel(item.kind, language),
      item.householdId,
      count(item.people),
      what(item, language),
      item.channel ? leadSourceText(item.channel, item.department, language) : "",
      date(item.leadDate),
      date(item.dueBy),
      item.kind === "task" ? count(item.daysLate) : "",
      count(item.visitsPerWeek),
      item.category ? labelOf("category", item.category, language) : "",
      item.note ?? "",
    ]),
  );
}

/** The worklist as text to read or print: village by village, each kind of work with its households. */
export function worklistText(worklist: Worklist, language: Language = "zh"): string {
  const t = TEXT[language];
  const lines = [t.title(worklist.asOf.join(", "), worklist.horizonDays)];
  const villages = Object.entries(worklist.villages);
  if (!villages.length) lines.push("", t.nothing);
  for (const [village, items] of villages) {
    lines.push("", village === "-" ? t.noVillage : village);
    for (const kind of WORK_KINDS) {
      const ofKind = items.filter((item) => item.kind === kind);
      if (!ofKind.length) continue;
      lines.push(`  ${t.kinds[kind]}${t.count(ofKind.length)}`);
      // A data check names its households together; every other item has a line of its own.
      if (kind === "check") for (const line of checkLines(ofKind, language)) lines.push(`    ${line}`);
      else for (const item of ofKind) lines.push(`    ${itemLine(item, language)}`);
    }
  }
  return lines.join("\n") + "\n";
}

/** Each data check with the households it names: "收入数据过期（3 户）：A、B、C". */
function checkLines(items: readonly WorkItem[], language: Language): string[] {
  const byCheck = new Map<string, string[]>();
  for (const item of items) {
    const ids = byCheck.get(item.check ?? "") ?? [];
    ids.push(item.householdId);
    byCheck.set(item.check ?? "", ids);
  }
  return [...byCheck].map(
    ([check, ids]) =>
      `${check}${TEXT[language].households(ids.length)}${message("colon", language)}${ids.join(message("listSeparator", language))}`,
  );
}

function itemLine(item: WorkItem, language: Language): string {
  const t = TEXT[language];
  const parts = [item.householdId || "?"];
  if (item.people !== null) parts.push(t.people(item.people));
  const about = what(item, language);
  if (about) parts.push(about);
  if (item.kind === "task") {
    if (item.channel)
      parts.push(`${leadSourceText(item.channel, item.department, language)} ${item.leadDate ?? ""}`.trim());
    if (item.dueBy) parts.push(t.due(item.dueBy, item.daysLate ?? 0));
  }
  if (item.note) parts.push(item.note.replace(/\n/g, message("reasonSeparator", language)));
  return parts.join(" · ");
}
