import { CATEGORIES, FLAGS, GUARANTEE_ITEMS, type Flag } from "../input/enums.js";
import type { ScreeningResult } from "../results/result-types.js";
import { addToLeadSummary, emptyLeadSummary, finishLeadSummary, type LeadSummary } from "./lead-summary.js";

/** A household the report lists: to identify, or whose risk can be marked eliminated. */
export interface ListedHousehold {
  householdId: string;
  village: string | null;
  category: string | null;
  riskTypes: string[];
  perCapitaNetIncome: string;
  reasons: string[];
}

/** The monthly analysis (一月一分析) of one screening run, optionally compared with last month's. */
export interface MonthlyReport {
  source: { results: string; previous: string | null };
  ruleSets: { id: string; version: string; hash: string }[];
  asOf: string[];
  households: number;
  byFlag: Record<Flag, number>;
  byVillage: Record<string, Record<Flag, number>>;
  byCategory: Record<string, number>;
  riskTypes: Record<string, { label: string; count: number }>;
  problems: Record<string, number>;
  measuresByGroup: Record<string, { needed: number; inPlace: number }>;
  toIdentify: ListedHousehold[];
  toEliminate: ListedHousehold[];
  /** Open and overdue leads (version 2 `tasks`), by channel and department. */
  leads: LeadSummary;
  changes: null | {
    newIdentifications: string[];
    eliminations: string[];
    /** `transitions[last month][this month]`; `absent` for households not in one of the runs. */
    transitions: Record<string, Record<string, number>>;
  };
}

const zeroFlags = () => Object.fromEntries(FLAGS.map((flag) => [flag, 0])) as Record<Flag, number>;

/** Accumulates results one at a time, so a report over millions of households keeps only what it lists. */
export class MonthlyReportBuilder {
  private readonly report: MonthlyReport;
  private readonly flags = new Map<string, Flag>();
  private readonly ruleSetKeys = new Set<string>();

  constructor(results: string, previous: string | null) {
    this.report = {
      source: { results, previous }, ruleSets: [], asOf: [], households: 0, byFlag: zeroFlags(), byVillage: {},
      byCategory: Object.fromEntries(CATEGORIES.map((category) => [category, 0])), riskTypes: {},
      problems: Object.fromEntries(GUARANTEE_ITEMS.map((item) => [item, 0])), measuresByGroup: {}, toIdentify: [], toEliminate: [], leads: emptyLeadSummary(), changes: null,
    };
  }

  add(result: ScreeningResult): void {
    const report = this.report;
    report.households++;
    report.byFlag[result.flag]++;
    const village = result.region?.village ?? "-";
    (report.byVillage[village] ??= zeroFlags())[result.flag]++;
    if (result.category) report.byCategory[result.category] = (report.byCategory[result.category] ?? 0) + 1;
    for (const risk of result.riskTypes) (report.riskTypes[risk.id] ??= { label: risk.label, count: 0 }).count++;
    for (const [item, status] of Object.entries(result.guarantees)) if (status === "problem") report.problems[item] = (report.problems[item] ?? 0) + 1;
    for (const measure of result.measures) {
      const group = (report.measuresByGroup[measure.group ?? "?"] ??= { needed: 0, inPlace: 0 });
      if (measure.inPlace) group.inPlace++;
      else group.needed++;
    }
    const key = `${result.ruleSet.id}\u0000${result.ruleSet.version}\u0000${result.ruleSet.hash}`;
    if (!this.ruleSetKeys.has(key)) {
      this.ruleSetKeys.add(key);
      report.ruleSets.push({ ...result.ruleSet });
    }
    if (!report.asOf.includes(result.asOf)) report.asOf.push(result.asOf);
    addToLeadSummary(report.leads, result);
    const listed: ListedHousehold = {
      householdId: result.householdId, village: result.region?.village ?? null, category: result.category,
      riskTypes: result.riskTypes.map((risk) => risk.label), perCapitaNetIncome: result.figures.perCapitaNetIncome, reasons: result.reasons,
    };
    if (result.flag === "identify") report.toIdentify.push(listed);
    if (result.flag === "eliminate") report.toEliminate.push(listed);
    this.flags.set(result.householdId, result.flag);
  }

  /** Compares with last month's flags by household id. */
  compareWith(previousFlags: ReadonlyMap<string, Flag>): void {
    const transitions: Record<string, Record<string, number>> = {};
    const count = (from: string, to: string) => ((transitions[from] ??= {})[to] = (transitions[from]?.[to] ?? 0) + 1);
    const newIdentifications: string[] = [];
    const eliminations: string[] = [];
    for (const [id, flag] of this.flags) {
      const before = previousFlags.get(id);
      count(before ?? "absent", flag);
      if (flag === "identify" && before !== "identify") newIdentifications.push(id);
      if (flag === "eliminate" && before !== "eliminate") eliminations.push(id);
    }
    for (const [id, flag] of previousFlags) if (!this.flags.has(id)) count(flag, "absent");
    this.report.changes = { newIdentifications, eliminations, transitions };
  }

  build(): MonthlyReport {
    const byVillage = Object.fromEntries(Object.entries(this.report.byVillage).sort(([a], [b]) => a.localeCompare(b)));
    const measuresByGroup = Object.fromEntries(Object.entries(this.report.measuresByGroup).sort(([a], [b]) => a.localeCompare(b)));
    return { ...this.report, byVillage, measuresByGroup, asOf: [...this.report.asOf].sort(), leads: finishLeadSummary(this.report.leads) };
  }
}
