import { CATEGORIES, FLAGS, GUARANTEE_ITEMS, type Flag } from "../input/enums.js";
import type { Language } from "../messages/catalogue.js";
import type { ScreeningResult } from "../results/result-types.js";
import { guaranteeLabel, measureGroupLabel, riskTypeLabel, type Catalogue } from "../rulesets/catalogue.js";
import { addToLeadSummary, emptyLeadSummary, finishLeadSummary, type LeadSummary } from "./lead-summary.js";
import type { ResultRecord } from "./result-rows.js";
import { WorklistBuilder, type Worklist } from "./worklist.js";

/** A household the report lists: to identify, or whose risk can be marked eliminated. */
export interface ListedHousehold {
  householdId: string;
  village: string | null;
  /** Members; null for results written before results carried `householdSize`. */
  people: number | null;
  category: string | null;
  riskTypes: string[];
  perCapitaNetIncome: string;
  reasons: string[];
}

/** A verification task past its due date (results' `tasks`, when they carry them). */
export interface OverdueTask {
  householdId: string;
  village: string | null;
  channel: string | null;
  department: string | null;
  leadDate: string | null;
  dueBy: string | null;
}

/** Households and people. */
export interface Count {
  households: number;
  people: number;
}

/** A parameter the results rest on that was not simply shipped: set by hand (`--set`), or supplied by a county. */
export interface ReportParameter {
  name: string;
  /** Its short name in the report's language. */
  label: string;
  value: string;
  /** `set` for a value given with --set; otherwise the status of the value in force. */
  status: "set" | "confirmed" | "partial" | "default" | "provisional";
  source: string;
}

const emptyCount = (): Count => ({ households: 0, people: 0 });

/** The monthly analysis (一月一分析) of one screening run, optionally compared with last month's. */
export interface MonthlyReport {
  source: { results: string; previous: string | null };
  ruleSets: { id: string; version: string; hash: string; overrides?: Readonly<Record<string, string>> }[];
  asOf: string[];
  /** The area the results cover: the township when they are all of one, else the county (or counties). */
  area: { townships: string[]; counties: string[] };
  households: number;
  /** The households of the input: those screened (`households`) and those rejected. */
  input: { households: number; rejected: number };
  /** Members of all households (results without `householdSize` count as 0 and are counted in `householdsWithoutSize`). */
  people: number;
  /**
   * Census coverage (普查覆盖): the households screened that are not monitored, general or formerly
   * poor, and the monitored ones (continue or eliminate), in households and people.
   */
  census: { general: Count; formerlyPoor: Count; monitored: Count };
  /**
   * The identification pipeline: households with a lead, with a lead verified, newly identified,
   * in monitoring with a measure in place, and that may start the elimination procedure.
   */
  pipeline: { leads: Count; verified: Count; identified: Count; measuresInPlace: Count; toEliminate: Count };
  /** Households asked to be visited, by visits a week, and the visits a week they make in all. */
  visits: { households: number; byFrequency: Record<string, number>; perWeek: number };
  /** Parameters set by hand or supplied by a county, with their status (filled in by the caller that knows the rule set). */
  parameters: ReportParameter[];
  /** Names of the measure groups (100A39 → 产业帮扶), from the rule set when known. */
  groupLabels: Record<string, string>;
  /**
   * Names of the risk types (illness → 因病) and of the 3+1 items (housing → 住房安全保障) in the
   * report's language, from the rule set's catalogues (filled in by the caller that knows the rule set).
   */
  riskTypeLabels: Record<string, string>;
  guaranteeLabels: Record<string, string>;
  /** The week's work (工作清单) by village. */
  worklist: Worklist;
  householdsWithoutSize: number;
  byFlag: Record<Flag, number>;
  peopleByFlag: Record<Flag, number>;
  byVillage: Record<string, Record<Flag, number>>;
  byCategory: Record<string, number>;
  riskTypes: Record<string, { label: string; count: number }>;
  problems: Record<string, number>;
  /** Measures by national group code, with the names of the measures seen in each group. */
  measuresByGroup: Record<string, { needed: number; inPlace: number; labels: string[] }>;
  /** Data checks: households with at least one, and each check's count and severity. */
  checks: { households: number; byId: Record<string, { severity: string; count: number; message: string }> };
  toIdentify: ListedHousehold[];
  toEliminate: ListedHousehold[];
  overdueTasks: OverdueTask[];
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
const text = (value: unknown) => (typeof value === "string" ? value : null);

/** Accumulates results one at a time, so a report over millions of households keeps only what it lists. */

/** The report's names of measure groups, risk types and 3+1 items, in `language`, from a rule set's catalogues. */
export function catalogueLabels(
  catalogue: Catalogue,
  language: Language,
): Pick<MonthlyReport, "groupLabels" | "riskTypeLabels" | "guaranteeLabels"> {
  return {
    groupLabels: Object.fromEntries(
      catalogue.measureGroups.map((group) => [group.code, measureGroupLabel(catalogue, group.code, language)!]),
    ),
    riskTypeLabels: Object.fromEntries(
      catalogue.riskTypes.map((risk) => [risk.id, riskTypeLabel(catalogue, risk.id, language)]),
    ),
    guaranteeLabels: Object.fromEntries(
      catalogue.guarantees.map((item) => [item.id, guaranteeLabel(catalogue, item.id, language)]),
    ),
  };
}

export class MonthlyReportBuilder {
  private readonly report: MonthlyReport;
  private readonly flags = new Map<string, Flag>();
  private readonly ruleSetKeys = new Set<string>();
  private readonly townships = new Set<string>();
  private readonly counties = new Set<string>();
  private readonly worklist = new WorklistBuilder();

  constructor(results: string, previous: string | null) {
    this.report = {
      source: { results, previous },
      ruleSets: [],
      asOf: [],
      area: { townships: [], counties: [] },
      households: 0,
      input: { households: 0, rejected: 0 },
      people: 0,
      census: { general: emptyCount(), formerlyPoor: emptyCount(), monitored: emptyCount() },
      pipeline: {
        leads: emptyCount(),
        verified: emptyCount(),
        identified: emptyCount(),
        measuresInPlace: emptyCount(),
        toEliminate: emptyCount(),
      },
      visits: { households: 0, byFrequency: {}, perWeek: 0 },
      parameters: [],
      groupLabels: {},
      riskTypeLabels: {},
      guaranteeLabels: {},
      worklist: new WorklistBuilder().build(),
      householdsWithoutSize: 0,
      byFlag: zeroFlags(),
      peopleByFlag: zeroFlags(),
      byVillage: {},
      byCategory: Object.fromEntries(CATEGORIES.map((category) => [category, 0])),
      riskTypes: {},
      problems: Object.fromEntries(GUARANTEE_ITEMS.map((item) => [item, 0])),
      measuresByGroup: {},
      checks: { households: 0, byId: {} },
      toIdentify: [],
      toEliminate: [],
      overdueTasks: [],
      leads: emptyLeadSummary(),
      changes: null,
    };
  }

  /** A household of the input that was rejected, not screened, with why. */
  addRejected(householdId: string | null, village: string | null, reason: string): void {
    this.report.input.households++;
    this.report.input.rejected++;
    this.worklist.addRejected(householdId, village, reason);
  }

  /** A result or a rejected household, as any results file gives them. */
  addRecord(record: ResultRecord): void {
    if (record.kind === "result") this.add(record.result);
    else this.addRejected(record.householdId, record.village, record.reason);
  }

  add(result: ScreeningResult): void {
    const report = this.report;
    const size = Number.isInteger(result.householdSize) ? result.householdSize : null;
    report.households++;
    report.input.households++;
    this.worklist.add(result);
    const tally = (count: Count) => {
      count.households++;
      count.people += size ?? 0;
    };
    const monitored = result.flag === "continue" || result.flag === "eliminate";
    if (monitored) tally(report.census.monitored);
    else if (result.householdType === "formerlyPoor") tally(report.census.formerlyPoor);
    else tally(report.census.general);
    const leads = result.leadCounts;
    if (leads && leads.open + leads.resolved > 0) tally(report.pipeline.leads);
    if (leads && leads.resolved > 0) tally(report.pipeline.verified);
    if (result.flag === "identify") tally(report.pipeline.identified);
    if ((result.flag === "identify" || result.flag === "continue") && result.measures.some((m) => m.inPlace))
      tally(report.pipeline.measuresInPlace);
    if (result.flag === "eliminate") tally(report.pipeline.toEliminate);
    if (result.followUp && result.followUp.visitsPerWeek > 0) {
      const perWeek = result.followUp.visitsPerWeek;
      report.visits.households++;
      report.visits.perWeek += perWeek;
      report.visits.byFrequency[String(perWeek)] = (report.visits.byFrequency[String(perWeek)] ?? 0) + 1;
    }
    for (const [name, value] of Object.entries(result.ruleSet.overrides ?? {}))
      if (!report.parameters.some((parameter) => parameter.name === name && parameter.status === "set"))
        report.parameters.push({ name, label: name, value, status: "set", source: `--set ${name}=${value}` });
    if (size === null) report.householdsWithoutSize++;
    report.people += size ?? 0;
    report.byFlag[result.flag]++;
    report.peopleByFlag[result.flag] += size ?? 0;
    if (result.region?.township) this.townships.add(result.region.township);
    if (result.region?.county) this.counties.add(result.region.county);
    const village = result.region?.village ?? "-";
    (report.byVillage[village] ??= zeroFlags())[result.flag]++;
    if (result.category) report.byCategory[result.category] = (report.byCategory[result.category] ?? 0) + 1;
    for (const risk of result.riskTypes) (report.riskTypes[risk.id] ??= { label: risk.label, count: 0 }).count++;
    for (const [item, status] of Object.entries(result.guarantees))
      if (status === "problem") report.problems[item] = (report.problems[item] ?? 0) + 1;
    for (const measure of result.measures) {
      const group = (report.measuresByGroup[measure.group ?? "?"] ??= { needed: 0, inPlace: 0, labels: [] });
      if (measure.inPlace) group.inPlace++;
      else group.needed++;
      if (!group.labels.includes(measure.label)) group.labels.push(measure.label);
    }
    if (result.checks.length) report.checks.households++;
    for (const check of result.checks)
      // By name, which results and their tables both carry (results before check names, by id).
      (report.checks.byId[check.label || check.id] ??= { severity: check.severity, count: 0, message: check.message })
        .count++;
    // Results carry `tasks` from data-contract version 2 on: read them defensively.
    const tasks = (result as { tasks?: unknown }).tasks;
    if (Array.isArray(tasks)) {
      for (const task of tasks as Record<string, unknown>[]) {
        // The overdue verification of a lead (its identification task is due later and counted apart).
        if (task && typeof task === "object" && task.overdue === true && (task.kind ?? "verify") === "verify") {
          report.overdueTasks.push({
            householdId: result.householdId,
            village: result.region?.village ?? null,
            channel: text(task.channel),
            department: text(task.department),
            leadDate: text(task.leadDate),
            dueBy: text(task.dueBy),
          });
        }
      }
    }
    const key = `${result.ruleSet.id}\u0000${result.ruleSet.version}\u0000${result.ruleSet.hash}`;
    if (!this.ruleSetKeys.has(key)) {
      this.ruleSetKeys.add(key);
      report.ruleSets.push({ ...result.ruleSet });
    }
    if (!report.asOf.includes(result.asOf)) report.asOf.push(result.asOf);
    addToLeadSummary(report.leads, result);
    const listed: ListedHousehold = {
      householdId: result.householdId,
      village: result.region?.village ?? null,
      people: size,
      category: result.category,
      riskTypes: result.riskTypes.map((risk) => risk.label),
      perCapitaNetIncome: result.figures.perCapitaNetIncome,
      reasons: result.reasons,
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
    // One order wherever the report is made (a county's server, a browser set to Chinese): an
    // explicit collation, not the machine's default locale.
    const byName = ([a]: [string, unknown], [b]: [string, unknown]) => a.localeCompare(b, "en");
    const byVillage = Object.fromEntries(Object.entries(this.report.byVillage).sort(byName));
    const measuresByGroup = Object.fromEntries(Object.entries(this.report.measuresByGroup).sort(byName));
    const byId = Object.fromEntries(Object.entries(this.report.checks.byId).sort(byName));
    return {
      ...this.report,
      byVillage,
      measuresByGroup,
      checks: { ...this.report.checks, byId },
      asOf: [...this.report.asOf].sort(),
      area: { townships: [...this.townships].sort(), counties: [...this.counties].sort() },
      leads: finishLeadSummary(this.report.leads),
      worklist: this.worklist.build(),
    };
  }
}
