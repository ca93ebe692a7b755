import { z } from "zod";
import { GUARANTEE_ITEMS, GUARANTEE_STATUSES, type GuaranteeStatus } from "../input/enums.js";
import { defineFact } from "./fact-definition.js";
import type { HouseholdContext } from "./household-context.js";
import { measureFilterSchema, measureMatches } from "./monitoring-facts.js";

function problemCount(context: HouseholdContext): number {
  return Object.values(context.stages.guarantees).filter((status) => status === "problem").length;
}

/** Facts that read what earlier stages decided (risk types and 3+1 → flag → measures). */
export const stageFacts = [
  defineFact({
    id: "riskDetected",
    valueType: "boolean",
    description: { zh: "评估阶段是否检测到某风险类型", en: "Whether the assessment stage detected a risk type" },
    params: z.strictObject({ id: z.string().min(1).describe("risk type id (risk-types.json)") }),
    catalogueParams: { id: "riskTypes" },
    compute: (context, { id }) => context.stages.riskTypes.has(id),
  }),
  defineFact({
    id: "detectedRiskCount",
    valueType: "count",
    description: { zh: "检测到的风险类型数", en: "Number of risk types detected" },
    params: z.strictObject({}),
    compute: (context) => context.stages.riskTypes.size,
  }),
  defineFact({
    id: "guaranteeStatus",
    valueType: "text",
    description: { zh: "某项 3+1 的状态：ok、problem 或 unknown", en: "Status of a 3+1 item: ok, problem or unknown" },
    params: z.strictObject({ item: z.enum(GUARANTEE_ITEMS).describe("3+1 item") }),
    compute: (context, { item }) => context.stages.guarantees[item],
  }),
  defineFact({
    id: "guaranteeCount",
    valueType: "count",
    description: { zh: "处于给定状态的 3+1 项数", en: "Number of 3+1 items in one of the given statuses" },
    params: z.strictObject({ status: z.array(z.enum(GUARANTEE_STATUSES)).min(1).describe("statuses to count") }),
    compute: (context, { status }) =>
      Object.values(context.stages.guarantees).filter((value: GuaranteeStatus) => status.includes(value)).length,
  }),
  defineFact({
    id: "riskFactorCount",
    valueType: "count",
    description: {
      zh: "风险因素数：检测到的风险类型数 + 3+1 问题数",
      en: "Number of risk factors: risk types detected plus 3+1 problems",
    },
    params: z.strictObject({}),
    compute: (context) => context.stages.riskTypes.size + problemCount(context),
  }),
  defineFact({
    id: "flag",
    valueType: "text",
    description: { zh: "判定阶段给出的标记", en: "The flag the flag stage gave" },
    params: z.strictObject({}),
    compute: (context) => context.stages.flag,
  }),
  defineFact({
    id: "measureCount",
    valueType: "count",
    description: {
      zh: "一户一策中符合条件的措施数（已建议的与已落实的合并计数）",
      en: "Number of measures in the plan so far matching the filter (suggested and in place, counted once)",
    },
    params: measureFilterSchema,
    catalogueParams: { groups: "measureGroups" },
    compute: (context, filter) => {
      const ids = new Set<string>();
      for (const measure of [...context.stages.suggestedMeasures.values(), ...context.inPlaceMeasures]) {
        if (measureMatches(measure, filter)) ids.add(measure.id);
      }
      return ids.size;
    },
  }),
];

/** Facts that read what earlier stages decided; every other fact depends on the household alone. */
export const STAGE_FACT_IDS: ReadonlySet<string> = new Set(stageFacts.map((fact) => fact.id));
