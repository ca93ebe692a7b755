import { z } from "zod";
import { shiftMonthsCached, wholeMonthsBetween, type IsoDate } from "../input/calendar-date.js";
import { MEASURE_KINDS } from "../input/enums.js";
import { defineFact } from "./fact-definition.js";
import type { HouseholdContext, MeasureRef } from "./household-context.js";

/** The dates a rule can reason about. */
const DATE_SOURCES = ["asOf", "identifiedOn", "riskEliminatedOn", "incomePeriodEnd"] as const;
type DateSource = (typeof DATE_SOURCES)[number];

function dateOf(context: HouseholdContext, source: DateSource): IsoDate | null {
  const monitoring = context.household.monitoring;
  switch (source) {
    case "asOf":
      return context.asOf;
    case "identifiedOn":
      return monitoring?.identifiedOn ?? null;
    case "riskEliminatedOn":
      return monitoring?.riskEliminatedOn ?? null;
    case "incomePeriodEnd":
      return context.household.income.periodEnd ?? null;
  }
}

/** Monitored on the as-of date: monitoring present and its risk not (yet) eliminated. */
export function isMonitored(context: HouseholdContext): boolean {
  const monitoring = context.household.monitoring;
  return monitoring !== null && (monitoring.riskEliminatedOn === null || monitoring.riskEliminatedOn > context.asOf);
}

/** A filter on measures by kind, group code or id; every given criterion must hold. */
export const measureFilterSchema = z.strictObject({
  kind: z.enum(MEASURE_KINDS).optional().describe("developmental or protective"),
  groups: z.array(z.string()).min(1).optional().describe("measure group codes of measures.json, such as 100A40"),
  ids: z.array(z.string()).min(1).optional().describe("measure ids"),
});
export type MeasureFilter = z.output<typeof measureFilterSchema>;

export function measureMatches(measure: MeasureRef, filter: MeasureFilter): boolean {
  if (filter.kind && measure.kind !== filter.kind) return false;
  if (filter.groups && (measure.group === null || !filter.groups.includes(measure.group))) return false;
  if (filter.ids && !filter.ids.includes(measure.id)) return false;
  return true;
}

export const monitoringFacts = [
  defineFact({
    id: "monitored",
    valueType: "boolean",
    description: {
      zh: "评估日是否为在监测对象（有监测记录且风险未消除）",
      en: "Monitored on the as-of date (monitoring present and its risk not eliminated)",
    },
    params: z.strictObject({}),
    compute: isMonitored,
  }),
  defineFact({
    id: "previouslyEliminated",
    valueType: "boolean",
    description: {
      zh: "是否曾为监测对象且风险已于评估日前消除",
      en: "Formerly monitored, risk eliminated on or before the as-of date",
    },
    params: z.strictObject({}),
    compute: (context) => {
      const eliminatedOn = context.household.monitoring?.riskEliminatedOn ?? null;
      return eliminatedOn !== null && eliminatedOn <= context.asOf;
    },
  }),
  defineFact({
    id: "recordedCategory",
    valueType: "text",
    description: { zh: "监测记录中的监测对象类别", en: "The category recorded on monitoring" },
    params: z.strictObject({}),
    compute: (context) => context.household.monitoring?.category ?? null,
  }),
  defineFact({
    id: "recordedRiskType",
    valueType: "boolean",
    description: { zh: "监测记录中是否登记了某风险类型", en: "Whether monitoring records a risk type" },
    params: z.strictObject({ id: z.string().min(1).describe("risk type id (risk-types.json)") }),
    catalogueParams: { id: "riskTypes" },
    compute: (context, { id }) => context.household.monitoring?.riskTypes.includes(id) ?? false,
  }),
  defineFact({
    id: "date",
    valueType: "date",
    description: {
      zh: "某个日期（评估日、识别日、风险消除日、收入截止日），可加减整月（月末对齐）；缺失为空",
      en: "A date (as-of, identification, elimination, income period end), optionally shifted by whole months (clamped to month end); null when absent",
    },
    params: z.strictObject({
      of: z.enum(DATE_SOURCES).describe("which date"),
      addMonths: z.number().int().min(0).max(1200).optional().describe("whole months to add"),
      subtractMonths: z.number().int().min(0).max(1200).optional().describe("whole months to subtract"),
    }),
    compute: (context, { of, addMonths, subtractMonths }) => {
      const date = dateOf(context, of);
      const shift = (addMonths ?? 0) - (subtractMonths ?? 0);
      return date === null || shift === 0 ? date : shiftMonthsCached(date, shift);
    },
  }),
  defineFact({
    id: "monthsSince",
    valueType: "months",
    description: {
      zh: "从某日期到评估日的整月数（该日期 ≤ 评估日减 m 个月的最大 m）；缺失或晚于评估日为空",
      en: "Whole months from a date to the as-of date (largest m with date ≤ as-of − m months); null when absent or later",
    },
    params: z.strictObject({
      of: z.enum(["identifiedOn", "riskEliminatedOn", "incomePeriodEnd"]).describe("which date"),
    }),
    compute: (context, { of }) => {
      const date = dateOf(context, of);
      return date === null ? null : wholeMonthsBetween(date, context.asOf);
    },
  }),
  defineFact({
    id: "inPlaceMeasureCount",
    valueType: "count",
    description: {
      zh: "已落实的帮扶措施数（监测记录中的措施和成员享受的社会救助）",
      en: "Number of measures already in place (recorded on monitoring or a member's social assistance)",
    },
    params: measureFilterSchema,
    catalogueParams: { groups: "measureGroups" },
    compute: (context, filter) => context.inPlaceMeasures.filter((measure) => measureMatches(measure, filter)).length,
  }),
];
