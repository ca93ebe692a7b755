import { z } from "zod";
import { compareDecimals, ExactRatio, ZERO } from "../input/decimal.js";
import { EXPENSE_KINDS, INCOME_COMPONENTS } from "../input/enums.js";
import { defineFact } from "./fact-definition.js";
import { figureValue } from "./household-context.js";

/**
 * The figure each figure-reading fact reads (the `figure` fact reads the one its `id` param names).
 * Rule-set validation uses it to find figures that are used but never defined.
 */
export const FIGURE_OF_FACT: Readonly<Record<string, string>> = {
  householdNetIncome: "householdNetIncome",
  perCapitaNetIncome: "perCapitaNetIncome",
  adjustedPerCapitaIncome: "adjustedPerCapitaIncome",
  spendingShare: "householdNetIncome",
};

/** The fact that reads any figure the rule set defines, by id. */
export const FIGURE_FACT = "figure";

const noParams = z.strictObject({});
const component = z
  .enum(INCOME_COMPONENTS)
  .describe("income component: wage, business, property, transfer, productionCost");

export const incomeFacts = [
  defineFact({
    id: "income",
    valueType: "money",
    description: { zh: "本期收入的某一项（元）", en: "One component of the current period's income (yuan)" },
    params: z.strictObject({
      component: z.enum([...INCOME_COMPONENTS, "insurancePayout"]).describe("income component, or insurancePayout"),
    }),
    compute: (context, { component }) => context.income[component],
  }),
  defineFact({
    id: "previousIncome",
    valueType: "money",
    description: {
      zh: "上期收入的某一项（元）；无上期数据时为空",
      en: "One component of the previous period's income (yuan); null without previous data",
    },
    params: z.strictObject({ component }),
    compute: (context, { component }) => {
      const previous = context.household.previousIncome;
      return previous ? previous[component] : null;
    },
  }),
  defineFact({
    id: "householdNetIncome",
    valueType: "money",
    description: {
      zh: "家庭纯收入：规则集 figures.json 中 householdNetIncome 的定义（全国：工资性 + 家庭经营 + 财产性 + 转移性 − 生产经营性支出）",
      en: "Household net income: figure householdNetIncome as the rule set's figures.json defines it (national: wage + business + property + transfer − production cost)",
    },
    params: noParams,
    compute: (context) => figureValue(context, "householdNetIncome"),
  }),
  defineFact({
    id: "perCapitaNetIncome",
    valueType: "decimal",
    description: {
      zh: "家庭人均纯收入 N：规则集定义的 perCapitaNetIncome（精确商，不四舍五入）",
      en: "Per-capita net income N: figure perCapitaNetIncome as the rule set defines it (exact quotient, not rounded)",
    },
    params: noParams,
    compute: (context) => figureValue(context, "perCapitaNetIncome"),
  }),
  defineFact({
    id: "adjustedPerCapitaIncome",
    valueType: "decimal",
    description: {
      zh: "调整后人均收入 A：规则集定义的 adjustedPerCapitaIncome（全国：（家庭纯收入 + 理赔收入 − 合规自付支出）÷ 人数；精确商）",
      en: "Adjusted per-capita income A: figure adjustedPerCapitaIncome as the rule set defines it (national: (net income + insurance payouts − compliant out-of-pocket spending) ÷ members; exact)",
    },
    params: noParams,
    compute: (context) => figureValue(context, "adjustedPerCapitaIncome"),
  }),
  defineFact({
    id: FIGURE_FACT,
    valueType: "decimal",
    description: {
      zh: "规则集 figures.json 定义的任一数值（精确值，人均数为精确商）",
      en: "Any figure the rule set's figures.json defines (exact; per-member figures are exact quotients)",
    },
    params: z.strictObject({
      id: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
        .describe("figure id from figures.json"),
    }),
    compute: (context, { id }) => figureValue(context, id),
  }),
  defineFact({
    id: "expense",
    valueType: "money",
    description: {
      zh: "合规自付支出的某一项（元），未填为 0",
      en: "One kind of compliant out-of-pocket spending (yuan), 0 when absent",
    },
    params: z.strictObject({ kind: z.enum(EXPENSE_KINDS).describe("medical, education or other") }),
    compute: (context, { kind }) => context.expenses[kind],
  }),
  defineFact({
    id: "spendingShare",
    valueType: "ratio",
    description: {
      zh: "某项支出占家庭纯收入（规则集定义的 householdNetIncome）的比例；家庭纯收入 ≤ 0 时为空",
      en: "One kind of spending as a share of household net income (figure householdNetIncome as the rule set defines it); null when net income ≤ 0",
    },
    params: z.strictObject({ kind: z.enum(EXPENSE_KINDS).describe("medical, education or other") }),
    compute: (context, { kind }) => {
      const netIncome = figureValue(context, "householdNetIncome");
      return netIncome && compareDecimals(netIncome, ZERO) > 0
        ? new ExactRatio(context.expenses[kind], netIncome)
        : null;
    },
  }),
  defineFact({
    id: "incomeChangeRatio",
    valueType: "ratio",
    description: {
      zh: "本期某项收入 ÷ 上期同项收入；上期无数据或不大于 0 时为空",
      en: "Current ÷ previous income of one component; null without previous data or when previous ≤ 0",
    },
    params: z.strictObject({ component }),
    compute: (context, { component }) => {
      const previous = context.household.previousIncome?.[component];
      if (!previous || compareDecimals(previous, ZERO) <= 0) return null;
      return new ExactRatio(context.income[component], previous);
    },
  }),
];
