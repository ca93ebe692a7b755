import { shiftDays, type IsoDate } from "../input/calendar-date.js";
import type { Category, Flag, LeadChannel, LeadDepartment, TaskKind } from "../input/enums.js";
import type { ResultRecord } from "./result-rows.js";

/**
 * The township's week (工作清单): per village, what to do in the days ahead — the lead tasks due
 * soon or overdue, the households to visit, the elimination procedures to start, the households each
 * data check names, the referrals to departments, and the households that were rejected. Built from
 * results one at a time (from any results file), so it works for a township of any size.
 */

/** Kinds of work, in the order a list shows them. */
export const WORK_KINDS = ["task", "visit", "eliminate", "referral", "check", "rejected"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** One thing to do for one household. Fields that do not apply to the kind are null. */
export interface WorkItem {
  kind: WorkKind;
  village: string;
  householdId: string;
  people: number | null;
  /** The task's kind (verify, identify), for a task. */
  task: TaskKind | null;
  channel: LeadChannel | null;
  department: LeadDepartment | null;
  leadDate: IsoDate | null;
  dueBy: IsoDate | null;
  /** Days past the due date (0 when due today or later). */
  daysLate: number | null;
  visitsPerWeek: number | null;
  category: Category | null;
  /** The data check's name, for a check. */
  check: string | null;
  /** The check's or referral's text, or the rejection's reason. */
  note: string | null;
}

/** What a result must say for the worklist; screening results and rows read back from CSV/XLSX both do. */
export interface WorklistSource {
  householdId: string;
  region?: { village?: string } | null;
  householdSize?: number | null;
  asOf: string;
  flag: Flag;
  category: Category | null;
  checks: readonly { id: string; message: string; label?: string }[];
  tasks?: readonly {
    kind: TaskKind;
    channel: LeadChannel;
    department: LeadDepartment | null;
    leadDate: string;
    dueBy: string;
  }[];
  referrals?: readonly { department: LeadDepartment; reason: string }[];
  followUp: { visitsPerWeek: number } | null;
}

export interface Worklist {
  /** The as-of dates of the results (one in a normal run). */
  asOf: IsoDate[];
  /** Tasks due within this many days after the as-of date are listed with the overdue ones. */
  horizonDays: number;
  /** Items by village (villages in code-point order, "-" for households without one). */
  villages: Record<string, WorkItem[]>;
  /** How many items of each kind. */
  totals: Record<WorkKind, number>;
}

/** Whole days from `from` to `to` (positive when `to` is later); calendar dates, no time zone. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const day = (date: IsoDate) =>
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

const nothing = {
  task: null,
  channel: null,
  department: null,
  leadDate: null,
  dueBy: null,
  daysLate: null,
  visitsPerWeek: null,
  category: null,
  check: null,
  note: null,
} as const;

/** Collects the worklist from results and rejections in any order; `build` sorts it. */
export class WorklistBuilder {
  private readonly items: WorkItem[] = [];
  private readonly asOf = new Set<IsoDate>();

  constructor(readonly horizonDays = 7) {}

  add(result: WorklistSource): void {
    const asOf = result.asOf;
    this.asOf.add(asOf);
    const base = {
      ...nothing,
      village: result.region?.village || "-",
      householdId: result.householdId,
      people: typeof result.householdSize === "number" ? result.householdSize : null,
    };
    const horizon = shiftDays(asOf, this.horizonDays);
    for (const task of result.tasks ?? []) {
      // Due within the horizon, or overdue: what has to happen this week.
      if (task.dueBy > horizon) continue;
      this.items.push({
        ...base,
        kind: "task",
        task: task.kind,
        channel: task.channel,
        department: task.department,
        leadDate: task.leadDate,
        dueBy: task.dueBy,
        daysLate: Math.max(0, daysBetween(task.dueBy, asOf)),
      });
    }
    if (result.followUp && result.followUp.visitsPerWeek > 0)
      this.items.push({
        ...base,
        kind: "visit",
        visitsPerWeek: result.followUp.visitsPerWeek,
        category: result.category,
      });
    if (result.flag === "eliminate") this.items.push({ ...base, kind: "eliminate", category: result.category });
    for (const referral of result.referrals ?? [])
      this.items.push({ ...base, kind: "referral", department: referral.department, note: referral.reason });
    for (const check of result.checks)
      this.items.push({
        ...base,
        kind: "check",
        check: check.label || check.id,
        note: check.message,
      });
  }

  /** A household that was not screened, with the reason. */
  addRejected(householdId: string | null, village: string | null, reason: string): void {
    this.items.push({
      ...nothing,
      kind: "rejected",
      village: village || "-",
      householdId: householdId ?? "",
      people: null,
      note: reason,
    });
  }

  build(): Worklist {
    const order = (item: WorkItem) => WORK_KINDS.indexOf(item.kind);
    const sorted = [...this.items].sort(
      (a, b) =>
        compare(a.village, b.village) ||
        order(a) - order(b) ||
        compare(a.dueBy ?? "", b.dueBy ?? "") ||
        compare(a.check ?? "", b.check ?? "") ||
        compare(a.note ?? "", b.note ?? "") ||
        compare(a.householdId, b.householdId) ||
        compare(a.task ?? "", b.task ?? ""),
    );
    const villages: Record<string, WorkItem[]> = {};
    for (const item of sorted) (villages[item.village] ??= []).push(item);
    const totals = Object.fromEntries(WORK_KINDS.map((kind) => [kind, 0])) as Record<WorkKind, number>;
    for (const item of sorted) totals[item.kind]++;
    return { asOf: [...this.asOf].sort(), horizonDays: this.horizonDays, villages, totals };
  }
}

/** Code-point order, the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds a result or a rejected household read from any results file. */
export function addToWorklist(builder: WorklistBuilder, record: ResultRecord): void {
  if (record.kind === "result") builder.add(record.result);
  else builder.addRejected(record.householdId, record.village, record.reason);
}
