import { z } from "zod";
import { ExactRatio } from "../input/decimal.js";
import { EXPENSE_KINDS, INCOME_COMPONENTS } from "../input/enums.js";
import { defineFact } from "./fact-definition.js";

const noParams = z.strictObject({});
const component = z.enum(INCOME_COMPONENTS).describe("income component: wage, business, property, transfer, productionCost");

export const incomeFacts = [
  defineFact({
    id: "income",
    valueType: "money",
    description: { zh: "本期收入的某一项（元）", en: "One component of the current period's income (yuan)" },
    params: z.strictObject({ component: z.enum([...INCOME_COMPONENTS, "insurancePayout"]).describe("income component, or insurancePayout") }),
    compute: (context, { component }) => context.income[component],
  }),
  defineFact({
    id: "previousIncome",
    valueType: "money",
    description: { zh: "上期收入的某一项（元）；无上期数据时为空", en: "One component of the previous period's income (yuan); null without previous data" },
    params: z.strictObject({ component }),
    compute: (context, { component }) => {
      const previous = context.household.previousIncome;
      return previous ? previous[component] : null;
    },
  }),
  defineFact({
    id: "householdNetIncome",
    valueType: "money",
    description: { zh: "家庭纯收入 = 工资性 + 家庭经营 + 财产性 + 转移性 − 生产经营性支出", en: "Household net income = wage + business + property + transfer − production cost" },
    params: noParams,
    compute: (context) => context.netIncome,
  }),
  defineFact({
    id: "perCapitaNetIncome",
    valueType: "decimal",
    description: { zh: "家庭人均纯收入 N（精确商，不四舍五入）", en: "Per-capita net income N (exact quotient, not rounded)" },
    params: noParams,
    compute: (context) => context.perCapitaNetIncome,
  }),
  defineFact({
    id: "adjustedPerCapitaIncome",
    valueType: "decimal",
    description: {
      zh: "调整后人均收入 A =（家庭纯收入 + 理赔收入 − 合规自付支出）÷ 人数（精确商）",
      en: "Adjusted per-capita income A = (net income + insurance payouts − compliant out-of-pocket spending) ÷ members (exact)",
    },
    params: noParams,
    compute: (context) => context.adjustedPerCapitaIncome,
  }),
  defineFact({
    id: "expense",
    valueType: "money",
    description: { zh: "合规自付支出的某一项（元），未填为 0", en: "One kind of compliant out-of-pocket spending (yuan), 0 when absent" },
    params: z.strictObject({ kind: z.enum(EXPENSE_KINDS).describe("medical, education or other") }),
    compute: (context, { kind }) => context.expenses[kind],
  }),
  defineFact({
    id: "spendingShare",
    valueType: "ratio",
    description: {
      zh: "某项支出占家庭纯收入的比例；家庭纯收入 ≤ 0 时为空",
      en: "One kind of spending as a share of household net income; null when net income ≤ 0",
    },
    params: z.strictObject({ kind: z.enum(EXPENSE_KINDS).describe("medical, education or other") }),
    compute: (context, { kind }) =>
      context.netIncome.greaterThan(0) ? new ExactRatio(context.expenses[kind], context.netIncome) : null,
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
      if (!previous || !previous.greaterThan(0)) return null;
      return new ExactRatio(context.income[component], previous);
    },
  }),
];

