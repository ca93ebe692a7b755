import { z } from "zod";
import { shiftDays, type IsoDate } from "../input/calendar-date.js";
import { LEAD_CHANNELS, LEAD_DEPARTMENTS } from "../input/enums.js";
import type { Lead } from "../input/household-schema.js";
import { defineFact } from "./fact-definition.js";
import type { HouseholdContext } from "./household-context.js";

/**
 * Open on `asOf`: dated on or before it and not resolved on it (`resolvedOn` absent, null or
 * later). A lead dated after `asOf` has not come to light yet and is ignored.
 */
export function isOpenLead(lead: Lead, asOf: IsoDate): boolean {
  return lead.date <= asOf && (lead.resolvedOn === undefined || lead.resolvedOn === null || lead.resolvedOn > asOf);
}

/** The date by which a lead is to be verified: its date plus the given days. */
export function leadDueBy(lead: Lead, withinDays: number): IsoDate {
  return shiftDays(lead.date, withinDays);
}

/** The open leads, in input order. */
export function openLeads(context: HouseholdContext): Lead[] {
  return context.household.leads.filter((lead) => isOpenLead(lead, context.asOf));
}

/** The leads dated on or before `asOf`: open on it, and resolved (verified) by it. */
export function leadCounts(context: HouseholdContext): { open: number; resolved: number } {
  let open = 0;
  let resolved = 0;
  for (const lead of context.household.leads) {
    if (lead.date > context.asOf) continue;
    if (isOpenLead(lead, context.asOf)) open++;
    else resolved++;
  }
  return { open, resolved };
}

const leadFilterSchema = z.strictObject({
  channels: z.array(z.enum(LEAD_CHANNELS)).min(1).optional().describe("only leads from these channels"),
  departments: z
    .array(z.enum(LEAD_DEPARTMENTS))
    .min(1)
    .optional()
    .describe("only sector warnings from these departments"),
});

export const leadFacts = [
  defineFact({
    id: "openLeadCount",
    valueType: "count",
    description: {
      zh: "评估日未办结的线索数（线索日期不晚于评估日，且未核实办结或办结日期晚于评估日）",
      en: "Number of leads open on the as-of date (dated on or before it, not resolved on it)",
    },
    params: leadFilterSchema,
    compute: (context, { channels, departments }) =>
      openLeads(context).filter(
        (lead) =>
          (!channels || channels.includes(lead.channel)) &&
          (!departments || (lead.department !== undefined && departments.includes(lead.department))),
      ).length,
  }),
  defineFact({
    id: "overdueLeadCount",
    valueType: "count",
    description: {
      zh: "已超过核实期限的未办结线索数（线索日期加 withinDays 天早于评估日）",
      en: "Number of open leads past their verification due date (lead date + withinDays before the as-of date)",
    },
    params: z.strictObject({ withinDays: z.number().int().min(0).max(3660).describe("days allowed to verify a lead") }),
    compute: (context, { withinDays }) =>
      openLeads(context).filter((lead) => leadDueBy(lead, withinDays) < context.asOf).length,
  }),
];
