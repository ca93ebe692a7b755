import {
  CATEGORIES,
  FLAGS,
  GUARANTEE_ITEMS,
  HOUSEHOLD_TYPES,
  LEAD_CHANNELS,
  LEAD_DEPARTMENTS,
  TASK_KINDS,
  type GuaranteeItem,
  type GuaranteeStatus,
  type LeadChannel,
  type LeadDepartment,
} from "../input/enums.js";
import { message, type Language } from "../messages/catalogue.js";
import type { CheckResult, MeasureResult, ScreeningResult, TaskResult } from "../results/result-types.js";
import { formatMoney, isDecimalText } from "../input/decimal.js";
import { restoreCell } from "../results/spreadsheet-safety.js";
import {
  LIST_SEPARATOR,
  severityMarker,
  TABLE_OUTPUT_COLUMNS,
  TABLE_TEXT,
  type TableColumn,
} from "../results/table-row.js";
import { guaranteeOf, riskTypeOf, shippedCatalogue, type Catalogue } from "../rulesets/catalogue.js";
import type { MeasureEntry } from "../rulesets/schema.js";
import { VOCABULARIES, type Vocabulary } from "../vocabulary/labels.js";

/**
 * Reads back the rows `dixian screen --format csv|xlsx` writes (Chinese or English headers), so a
 * report or a worklist can be made from the file a township keeps. Each row becomes a screening
 * result with what the row says — figures, flag, category, risks, 3+1 problems, measures, reasons,
 * checks, tasks, referrals, visits, leads, as-of date and rule set — or a rejected household.
 */

/** A row that was a screened household, or a household rejected with its reason. */
export type ResultRecord =
  | { kind: "result"; result: ScreeningResult }
  | { kind: "rejected"; householdId: string | null; village: string | null; reason: string };

/** Why a row or a header cannot be read, for a message naming the file and line. */
export class ResultRowError extends Error {
  /** The column that cannot be read, or null for the header. */
  constructor(readonly column: TableColumn | null) {
    super(column ?? "header");
  }
}

/** A measure catalogue to tell each measure's id, group and kind from its name; optional. */
export type MeasureNames = ReadonlyMap<string, MeasureEntry>;

/**
 * What rows are read with: the rule set's measures by name, and its catalogue of risk types and 3+1
 * items, whose labels the rows hold (the shipped national catalogue when not given).
 */
export interface RowVocabulary {
  measures?: MeasureNames;
  catalogue?: Catalogue;
}

/** The catalogue's measures by their names in both languages. */
export function measureNames(catalogue: readonly MeasureEntry[]): MeasureNames {
  const names = new Map<string, MeasureEntry>();
  for (const entry of catalogue) {
    names.set(entry.label.zh, entry);
    if (entry.label.en) names.set(entry.label.en, entry);
  }
  return names;
}

/** Reads one file's rows: the header decides the language and where each column is. */
export class ResultRowReader {
  readonly language: Language;
  private readonly at: Partial<Record<TableColumn, number>> = {};
  private readonly measures: MeasureNames;
  private readonly catalogue: Catalogue;

  constructor(header: readonly string[], vocabulary: RowVocabulary = {}) {
    this.measures = vocabulary.measures ?? new Map();
    this.catalogue = vocabulary.catalogue ?? shippedCatalogue();
    const cells = header.map((cell) => cell.replace(/^\uFEFF/, "").trim());
    const language = (["zh", "en"] as const).find((candidate) =>
      ["householdId", "status", "flag"].every((name) =>
        cells.includes(TABLE_OUTPUT_COLUMNS.find((column) => column.en === name)![candidate]),
      ),
    );
    if (!language) throw new ResultRowError(null);
    this.language = language;
    for (const column of TABLE_OUTPUT_COLUMNS) {
      const index = cells.indexOf(column[language]);
      if (index >= 0) this.at[column.en] = index;
    }
  }

  /** A data row as a result or a rejected household; throws {@link ResultRowError} for a row it cannot read. */
  read(cells: readonly string[]): ResultRecord {
    const get = (column: TableColumn) => {
      const index = this.at[column];
      return index === undefined ? "" : restoreCell((cells[index] ?? "").trim());
    };
    const t = TABLE_TEXT[this.language];
    const householdId = get("householdId");
    const village = get("village") || null;
    if (get("status") === t.rejected)
      return { kind: "rejected", householdId: householdId || null, village, reason: get("rejection") };
    if (get("status") !== t.screened) throw new ResultRowError("status");
    const flag = this.code("flag", "flag", get("flag"), FLAGS);
    const categoryText = get("category");
    const asOf = get("asOf");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new ResultRowError("asOf");
    const problems = new Set(this.list(get("problems"), t.list).map((text) => this.guarantee(text)));
    const result: ScreeningResult = {
      householdId,
      region: { province: "", county: "", township: get("township") || undefined, village: village ?? undefined },
      householdSize: this.count("householdSize", get("householdSize")) ?? 0,
      householdType: get("householdType")
        ? this.code("householdType", "householdType", get("householdType"), HOUSEHOLD_TYPES)
        : "general",
      asOf,
      ruleSet: this.ruleSet(get("ruleSet")),
      flag,
      category: categoryText ? this.code("category", "category", categoryText, CATEGORIES) : null,
      riskTypes: this.list(get("riskTypes"), t.list).map((text) => {
        const id = riskTypeOf(this.catalogue, text);
        if (id === null) throw new ResultRowError("riskTypes");
        return { id, code: "", label: text, reason: "" };
      }),
      guarantees: Object.fromEntries(
        GUARANTEE_ITEMS.map((item) => [item, problems.has(item) ? "problem" : "ok"]),
      ) as Record<GuaranteeItem, GuaranteeStatus>,
      measures: this.list(get("measures"), LIST_SEPARATOR).map((text) => this.measure(text)),
      referrals: this.list(get("referrals"), LIST_SEPARATOR).map((text) => {
        const [name, reason] = split(text, t.colon);
        const department = this.code("referrals", "leadDepartment", name, LEAD_DEPARTMENTS);
        return { department, label: name, reason };
      }),
      figures: {
        threshold: get("threshold") ? money("threshold", get("threshold")) : null,
        perCapitaNetIncome: money("perCapitaNetIncome", get("perCapitaNetIncome")),
        adjustedPerCapitaIncome: money("adjustedPerCapitaIncome", get("adjustedPerCapitaIncome")),
      },
      checks: this.list(get("checks"), LIST_SEPARATOR).map((text) => this.check(text)),
      reasons: this.list(get("reasons"), LIST_SEPARATOR),
      followUp: get("visitsPerWeek") ? { visitsPerWeek: this.count("visitsPerWeek", get("visitsPerWeek")) ?? 0 } : null,
      tasks: this.list(get("tasks"), LIST_SEPARATOR).map((text) => this.task(text, asOf)),
      leadCounts: {
        open: this.count("openLeads", get("openLeads")) ?? 0,
        resolved: this.count("resolvedLeads", get("resolvedLeads")) ?? 0,
      },
      explanation: [],
    };
    return { kind: "result", result };
  }

  private list(text: string, separator: string): string[] {
    return text
      .split(separator)
      .map((item) => item.trim())
      .filter(Boolean);
  }

  /** The code a label (either language) or a code stands for; a cell it cannot read is an error. */
  private code<T extends string>(column: TableColumn, vocabulary: Vocabulary, text: string, codes: readonly T[]): T {
    const entries = VOCABULARIES[vocabulary] as Record<string, { zh: string; en: string; aliases?: readonly string[] }>;
    for (const [code, label] of Object.entries(entries))
      if (code === text || label.zh === text || label.en === text || label.aliases?.includes(text)) return code as T;
    if ((codes as readonly string[]).includes(text)) return text as T;
    throw new ResultRowError(column);
  }

  /** The 3+1 item a problem names (its label in the catalogue, either language, or its id). */
  private guarantee(text: string): GuaranteeItem {
    const item = guaranteeOf(this.catalogue, text);
    if (item === null || !(GUARANTEE_ITEMS as readonly string[]).includes(item)) throw new ResultRowError("problems");
    return item as GuaranteeItem;
  }

  private count(column: TableColumn, text: string): number | null {
    if (!text) return null;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new ResultRowError(column);
    return value;
  }

  private measure(text: string): MeasureResult {
    const marker = TABLE_TEXT[this.language].inPlace;
    const inPlace = text.endsWith(marker.trim()) || text.endsWith(marker);
    const label = inPlace ? text.slice(0, text.lastIndexOf(marker.trim())).trim() : text;
    const entry = this.measures.get(label);
    return {
      id: entry?.id ?? label,
      group: entry?.group ?? null,
      kind: entry?.kind ?? null,
      label,
      reason: "",
      inPlace,
    };
  }

  private check(text: string): CheckResult {
    let severity: CheckResult["severity"] = "warning";
    for (const other of ["error", "info"] as const) {
      const marker = severityMarker(other, this.language);
      if (text.startsWith(marker)) {
        severity = other;
        text = text.slice(marker.length);
      }
    }
    const [label, rest] = split(text, TABLE_TEXT[this.language].colon);
    // The rows name each check by its name; the name stands in for its id.
    return rest ? { id: label, severity, label, message: rest } : { id: text, severity, label: text, message: text };
  }

  private task(text: string, asOf: string): TaskResult {
    const t = TABLE_TEXT[this.language];
    const overdueWord = message("overdue", this.language);
    const kindLabel = TASK_KINDS.map((kind) => ({ kind, label: VOCABULARIES.taskKind[kind][this.language] })).find(
      ({ label }) => text.startsWith(`${label} `),
    );
    const match = kindLabel
      ? new RegExp(
          `^(.+) (\\d{4}-\\d{2}-\\d{2}) ${escape(t.due)} (\\d{4}-\\d{2}-\\d{2})( ${escape(overdueWord)})?$`,
        ).exec(text.slice(kindLabel.label.length + 1))
      : null;
    if (!kindLabel || !match) throw new ResultRowError("tasks");
    const { channel, department } = this.leadSource(match[1]!);
    return {
      kind: kindLabel.kind,
      channel,
      department,
      leadDate: match[2]!,
      dueBy: match[3]!,
      overdue: match[3]! < asOf,
      reason: "",
    };
  }

  /** "部门筛查预警（医保）" or "sector warning (medical security)": the channel, and the department of a warning. */
  private leadSource(text: string): { channel: LeadChannel; department: LeadDepartment | null } {
    const inner = this.language === "zh" ? /^(.+)（(.+)）$/.exec(text) : /^(.+) \((.+)\)$/.exec(text);
    if (inner)
      return {
        channel: this.code("tasks", "leadChannel", inner[1]!, LEAD_CHANNELS),
        department: this.code("tasks", "leadDepartment", inner[2]!, LEAD_DEPARTMENTS),
      };
    return { channel: this.code("tasks", "leadChannel", text, LEAD_CHANNELS), department: null };
  }

  /** "yunnan 2026.2 sha256:… --set threshold=9000": the rule set and any values set by hand. */
  private ruleSet(text: string): ScreeningResult["ruleSet"] {
    const [id = "", version = "", hash = "", ...rest] = text.split(" ");
    const overrides: Record<string, string> = {};
    for (let i = 0; i < rest.length; i += 2) {
      const [name, value] = split(rest[i + 1] ?? "", "=");
      if (rest[i] === "--set" && name) overrides[name] = value;
    }
    return Object.keys(overrides).length ? { id, version, hash, overrides } : { id, version, hash };
  }
}

/** Money as results write it: two places (a workbook keeps "8000.5" as the number 8000.5). */
function money(column: TableColumn, text: string): string {
  if (!isDecimalText(text)) throw new ResultRowError(column);
  return formatMoney(text);
}

/** Text before and after the first separator (all of it before, when there is none). */
function split(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + separator.length)];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
