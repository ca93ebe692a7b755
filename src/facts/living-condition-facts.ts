import { z } from "zod";
import { defineFact } from "./fact-definition.js";

const WATER_FIELDS = [
  "litersPerPersonPerDay",
  "waterScarceArea",
  "qualityOk",
  "pipedIn",
  "fetchMinutes",
  "interruptionDaysPerYear",
  "fetchDistanceM",
  "fetchClimbM",
] as const;

const item = z.enum(["food", "clothing", "housing", "water"]).describe("3+1 input: food, clothing, housing or water");

export const livingConditionFacts = [
  defineFact({
    id: "livingConditionReported",
    valueType: "boolean",
    description: { zh: "输入中是否填报了该项 3+1 数据", en: "Whether the input reports this 3+1 part" },
    params: z.strictObject({ item }),
    compute: (context, { item }) => context.household.livingConditions[item] !== undefined,
  }),
  defineFact({
    id: "livingCondition",
    valueType: "text",
    description: {
      zh: "3+1 填报值：food/clothing 为是否解决，housing 的 safetyLevel，water 的各项；未填报为空",
      en: "A reported 3+1 value: food/clothing booleans, housing safetyLevel, water fields; null when absent",
    },
    params: z.discriminatedUnion("item", [
      z.strictObject({ item: z.literal("food") }),
      z.strictObject({ item: z.literal("clothing") }),
      z.strictObject({ item: z.literal("housing"), field: z.literal("safetyLevel") }),
      z.strictObject({ item: z.literal("water"), field: z.enum(WATER_FIELDS).describe("water field") }),
    ]),
    compute: (context, params) => {
      const conditions = context.household.livingConditions;
      switch (params.item) {
        case "food":
        case "clothing":
          return conditions[params.item] ?? null;
        case "housing":
          return conditions.housing?.safetyLevel ?? null;
        case "water":
          return conditions.water?.[params.field] ?? null;
      }
    },
  }),
];
