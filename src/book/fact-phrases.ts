import { FACTS } from "../facts/catalogue.js";
import { primaryParams } from "../rulesets/templates.js";
import { localize } from "../results/reason-text.js";
import type { Vocabulary } from "../vocabulary/labels.js";
import {
  alternatives,
  codeLabel,
  paramWords,
  Placeholder,
  W,
  type BookContext,
  type BookVocabulary,
  type ValueKind,
} from "./words.js";

/**
 * Each fact of the catalogue as words for people: the quantity a condition compares (人均纯收入,
 * 近 12 个月内的自然灾害（洪涝）次数), what a count counts (for "有…" / "没有…"), a yes/no fact as a
 * statement and its negation, and the kind of value it is compared with. A fact the book does not
 * know is named by its catalogue description, so a new fact is never left out of a sentence.
 */
export interface FactPhrase {
  /** The quantity, as the subject of a comparison. */
  noun: string;
  /** For counts: the thing counted, for "有 …" and "没有 …". */
  thing?: string;
  /** For yes/no facts: the statement when true, and when false. */
  truth?: [string, string];
  /** How its values are written. */
  kind: ValueKind;
}

type Words = Record<string, { zh: string; en: string }>;

const INCOME: Words = {
  wage: { zh: "工资性收入", en: "wage income" },
  business: { zh: "家庭经营收入", en: "business income" },
  property: { zh: "财产性收入", en: "property income" },
  transfer: { zh: "转移性收入", en: "transfer income" },
  productionCost: { zh: "生产经营性支出", en: "production costs" },
  insurancePayout: { zh: "理赔收入", en: "insurance payouts" },
};
const EXPENSE: Words = {
  medical: { zh: "医疗自付支出", en: "out-of-pocket medical spending" },
  education: { zh: "教育自付支出", en: "out-of-pocket schooling spending" },
  other: { zh: "其他自付支出", en: "other out-of-pocket spending" },
};
/** The figures of the shipped income accounting by name; a rule set's own figures are named by their description. */
export const FIGURE_NAMES: Words = {
  householdNetIncome: { zh: "家庭纯收入", en: "household net income" },
  adjustedNetIncome: { zh: "调整后家庭纯收入", en: "adjusted household net income" },
  perCapitaNetIncome: { zh: "人均纯收入", en: "per-capita net income" },
  adjustedPerCapitaIncome: { zh: "调整后人均收入", en: "adjusted per-capita income" },
};
const DATES: Words = {
  asOf: { zh: "评估日", en: "the as-of date" },
  identifiedOn: { zh: "识别日期", en: "the identification date" },
  riskEliminatedOn: { zh: "风险消除日期", en: "the risk elimination date" },
  incomePeriodEnd: { zh: "收入截止日期", en: "the income period end" },
};
const LIVING: Words = {
  food: { zh: "不愁吃（已解决）", en: "food secured" },
  clothing: { zh: "不愁穿（已解决）", en: "clothing secured" },
  housing: { zh: "住房", en: "housing" },
  water: { zh: "饮水", en: "drinking water" },
  safetyLevel: { zh: "住房安全等级", en: "housing safety level" },
  litersPerPersonPerDay: { zh: "人均日供水量（升）", en: "litres per person per day" },
  waterScarceArea: { zh: "地处缺水地区", en: "in a water-scarce area" },
  qualityOk: { zh: "水质达标", en: "water quality meets the standard" },
  pipedIn: { zh: "自来水入户", en: "piped water at home" },
  fetchMinutes: { zh: "单次取水往返分钟数", en: "minutes to fetch water" },
  interruptionDaysPerYear: { zh: "年停水天数", en: "days without water a year" },
  fetchDistanceM: { zh: "取水水平距离（米）", en: "horizontal distance to water (m)" },
  fetchClimbM: { zh: "取水垂直距离（米）", en: "vertical climb to water (m)" },
};
const LEAD_DEPARTMENT_VOCABULARY: Vocabulary = "leadDepartment";

const word = (words: Words, key: unknown, ctx: BookContext) =>
  typeof key === "string" && words[key] ? words[key][ctx.language] : String(key);

/** Labels of codes given as a fact param (a list of them, or one), joined as alternatives. */
function codes(ctx: BookContext, value: unknown, vocabulary: BookVocabulary): string {
  if (value instanceof Placeholder) return paramWords(ctx, value);
  const list = Array.isArray(value) ? value : [value];
  return alternatives(
    list.map((code) => (code === null ? W[ctx.language].none : codeLabel(ctx, vocabulary, String(code)))),
    ctx.language,
  );
}

/** Measures named by a filter of `inPlaceMeasureCount` / `measureCount`: kind, groups, ids. */
function measureFilter(ctx: BookContext, params: Record<string, unknown>): string {
  const zh = ctx.language === "zh";
  const parts: string[] = [];
  if (params.kind !== undefined) parts.push(codes(ctx, params.kind, "measureKind"));
  if (params.groups !== undefined) {
    const groups = Array.isArray(params.groups) ? params.groups : [params.groups];
    parts.push(
      params.groups instanceof Placeholder
        ? paramWords(ctx, params.groups)
        : alternatives(
            groups.map((code) => {
              const group = ctx.ruleSet.measureGroups.find((entry) => entry.code === code);
              return group ? `${localize(group.label, ctx.language)}（${String(code)}）` : String(code);
            }),
            ctx.language,
          ),
    );
  }
  if (params.ids !== undefined) {
    const ids = Array.isArray(params.ids) ? params.ids : [params.ids];
    parts.push(
      params.ids instanceof Placeholder
        ? paramWords(ctx, params.ids)
        : alternatives(
            ids.map((id) => {
              const measure = ctx.ruleSet.measures.find((entry) => entry.id === id);
              return measure ? `“${localize(measure.label, ctx.language)}”` : String(id);
            }),
            ctx.language,
          ),
    );
  }
  return zh
    ? `${parts.join("、")}${parts.length ? "的" : ""}措施`
    : `${parts.join(", ")}${parts.length ? " " : ""}measures`;
}

/** Members matching the criteria of `memberCount`, in words. */
function memberCriteria(ctx: BookContext, params: Record<string, unknown>): string {
  const zh = ctx.language === "zh";
  const parts: string[] = [];
  const { ageFrom, ageTo } = params;
  if (ageFrom !== undefined && ageTo !== undefined)
    parts.push(
      zh
        ? `年龄在 ${paramWords(ctx, ageFrom)} 至 ${paramWords(ctx, ageTo)} 岁之间`
        : `aged ${paramWords(ctx, ageFrom)} to ${paramWords(ctx, ageTo)}`,
    );
  else if (ageFrom !== undefined)
    parts.push(zh ? `年满 ${paramWords(ctx, ageFrom)} 岁` : `aged ${paramWords(ctx, ageFrom)} or over`);
  else if (ageTo !== undefined)
    parts.push(zh ? `不超过 ${paramWords(ctx, ageTo)} 岁` : `aged ${paramWords(ctx, ageTo)} or under`);
  const list = (
    key: string,
    vocabulary: BookVocabulary,
    zhText: (words: string) => string,
    enText: (words: string) => string,
  ) => {
    if (params[key] === undefined) return;
    const words = codes(ctx, params[key], vocabulary);
    parts.push(zh ? zhText(words) : enText(words));
  };
  list(
    "sex",
    "sex",
    (t) => `性别为${t}`,
    (t) => `${t}`,
  );
  list(
    "relation",
    "relation",
    (t) => `与户主关系为${t}`,
    (t) => `whose relation to the head is ${t}`,
  );
  list(
    "labor",
    "labor",
    (t) => `劳动技能为${t}`,
    (t) => `with ${t}`,
  );
  list(
    "illness",
    "illness",
    (t) => `健康状况为${t}`,
    (t) => `whose health is ${t}`,
  );
  if (params.disabilityLevel !== undefined) {
    const levels = params.disabilityLevel;
    const words =
      levels instanceof Placeholder
        ? paramWords(ctx, levels)
        : alternatives(
            (Array.isArray(levels) ? levels : [levels]).map((level) =>
              level === null
                ? zh
                  ? "无残疾"
                  : "no disability"
                : zh
                  ? `${String(level)} 级`
                  : `level ${String(level)}`,
            ),
            ctx.language,
          );
    parts.push(zh ? `残疾等级为${words}` : `with disability ${words}`);
  }
  list(
    "schooling",
    "schooling",
    (t) => `在校情况为${t}`,
    (t) => `whose schooling is ${t}`,
  );
  if (params.schoolExempt !== undefined)
    parts.push(
      params.schoolExempt === true
        ? zh
          ? "因病免学"
          : "exempt from school for health"
        : zh
          ? "未因病免学"
          : "not exempt from school",
    );
  list(
    "medicalInsurance",
    "medicalInsurance",
    (t) => `医疗保险为${t}`,
    (t) => `whose medical insurance is ${t}`,
  );
  list(
    "socialAssistance",
    "socialAssistance",
    (t) => `享受${t}`,
    (t) => `receiving ${t}`,
  );
  return zh
    ? `${parts.join("、")}${parts.length ? "的" : ""}成员`
    : `members${parts.length ? " " + parts.join(", ") : ""}`;
}

/** The phrase of a fact with its params. */
export function factPhrase(ctx: BookContext, fact: string, params: Record<string, unknown> = {}): FactPhrase {
  const zh = ctx.language === "zh";
  const count = (thing: string): FactPhrase => ({
    noun: zh ? `${thing}数` : `the number of ${thing}`,
    thing,
    kind: "count",
  });
  const truth = (yes: string, no: string): FactPhrase => ({ noun: yes, truth: [yes, no], kind: "text" });
  switch (fact) {
    case "income":
      return {
        noun: zh ? `本期${word(INCOME, params.component, ctx)}` : `current ${word(INCOME, params.component, ctx)}`,
        kind: "money",
      };
    case "previousIncome":
      return {
        noun: zh ? `上期${word(INCOME, params.component, ctx)}` : `previous ${word(INCOME, params.component, ctx)}`,
        kind: "money",
      };
    case "householdNetIncome":
    case "perCapitaNetIncome":
    case "adjustedPerCapitaIncome":
      return { noun: figureName(ctx, fact), kind: "money" };
    case "figure":
      return { noun: figureName(ctx, String(params.id)), kind: "money" };
    case "expense":
      return { noun: word(EXPENSE, params.kind, ctx), kind: "money" };
    case "spendingShare":
      return {
        noun: zh
          ? `${word(EXPENSE, params.kind, ctx)}占${figureName(ctx, "householdNetIncome")}的比例`
          : `${word(EXPENSE, params.kind, ctx)} as a share of ${figureName(ctx, "householdNetIncome")}`,
        kind: "ratio",
      };
    case "incomeChangeRatio":
      return {
        noun: zh
          ? `本期${word(INCOME, params.component, ctx)}与上期之比`
          : `current ${word(INCOME, params.component, ctx)} as a share of the previous period's`,
        kind: "ratio",
      };
    case "householdSize":
      return { noun: zh ? "家庭人数" : "the number of members", kind: "count" };
    case "memberCount":
      return count(memberCriteria(ctx, params));
    case "householdType":
      return { noun: zh ? "户类型" : "the household type", kind: { vocabulary: "householdType" } };
    case "eventCount": {
      const type = codes(ctx, params.type, "eventType");
      const subtypes =
        params.subtypes === undefined
          ? ""
          : `${zh ? "（" : " ("}${codes(ctx, params.subtypes, "disasterSubtype")}${zh ? "）" : ")"}`;
      const months = paramWords(ctx, params.withinMonths);
      return count(
        zh ? `近 ${months} 个月内发生的${type}${subtypes}` : `${type}${subtypes} events in the last ${months} months`,
      );
    }
    case "livingConditionReported":
      return truth(
        zh ? `填报了${word(LIVING, params.item, ctx)}情况` : `${word(LIVING, params.item, ctx)} is reported`,
        zh ? `未填报${word(LIVING, params.item, ctx)}情况` : `${word(LIVING, params.item, ctx)} is not reported`,
      );
    case "livingCondition": {
      const key = params.field ?? params.item;
      const noun = word(LIVING, key, ctx);
      if (key === "safetyLevel") return { noun, kind: { vocabulary: "safetyLevel" } };
      if (["food", "clothing", "waterScarceArea", "qualityOk", "pipedIn"].includes(String(key)))
        return { noun, truth: [noun, zh ? `并非${noun}` : `not ${noun}`], kind: "text" };
      return { noun, kind: "number" };
    }
    case "monitored":
      return truth(
        zh ? "在监测（风险未消除）" : "the household is monitored (risk not eliminated)",
        zh ? "不在监测" : "the household is not monitored",
      );
    case "previouslyEliminated":
      return truth(
        zh ? "曾为监测对象且风险已消除" : "the household was monitored and its risk eliminated",
        zh ? "并非风险已消除的原监测对象" : "the household was not monitored with its risk since eliminated",
      );
    case "recordedCategory":
      return { noun: zh ? "监测记录中的类别" : "the recorded category", kind: { vocabulary: "category" } };
    case "recordedRiskType":
      return truth(
        zh
          ? `监测记录登记了${codes(ctx, params.id, "riskType")}风险`
          : `monitoring records the risk ${codes(ctx, params.id, "riskType")}`,
        zh
          ? `监测记录未登记${codes(ctx, params.id, "riskType")}风险`
          : `monitoring does not record the risk ${codes(ctx, params.id, "riskType")}`,
      );
    case "date": {
      const base = word(DATES, params.of, ctx);
      const shift =
        params.addMonths !== undefined
          ? zh
            ? `加 ${paramWords(ctx, params.addMonths)} 个月`
            : ` plus ${paramWords(ctx, params.addMonths)} months`
          : params.subtractMonths !== undefined
            ? zh
              ? `减 ${paramWords(ctx, params.subtractMonths)} 个月`
              : ` minus ${paramWords(ctx, params.subtractMonths)} months`
            : "";
      return { noun: base + shift, kind: "date" };
    }
    case "monthsSince":
      return {
        noun: zh
          ? `自${word(DATES, params.of, ctx)}至评估日的整月数`
          : `whole months from ${word(DATES, params.of, ctx)} to the as-of date`,
        kind: "months",
      };
    case "inPlaceMeasureCount":
      return count(zh ? `已落实的${measureFilter(ctx, params)}` : `${measureFilter(ctx, params)} in place`);
    case "measureCount":
      return count(zh ? `一户一策中的${measureFilter(ctx, params)}` : `${measureFilter(ctx, params)} in the plan`);
    case "openLeadCount": {
      const from =
        params.channels !== undefined
          ? zh
            ? `来自${codes(ctx, params.channels, "leadChannel")}的`
            : ` from ${codes(ctx, params.channels, "leadChannel")}`
          : params.departments !== undefined
            ? zh
              ? `${codes(ctx, params.departments, LEAD_DEPARTMENT_VOCABULARY)}部门预警的`
              : ` warned by ${codes(ctx, params.departments, LEAD_DEPARTMENT_VOCABULARY)}`
            : "";
      return count(zh ? `${from}未办结线索` : `open leads${from}`);
    }
    case "overdueLeadCount":
      return count(
        zh
          ? `超过 ${paramWords(ctx, params.withinDays)} 天期限的未办结线索`
          : `open leads older than ${paramWords(ctx, params.withinDays)} days`,
      );
    case "parameterHasValue":
      return truth(
        zh
          ? `${paramWords(ctx, { param: params.name })}在评估日有取值`
          : `${paramWords(ctx, { param: params.name })} has a value on the as-of date`,
        zh
          ? `${paramWords(ctx, { param: params.name })}在评估日没有取值`
          : `${paramWords(ctx, { param: params.name })} has no value on the as-of date`,
      );
    case "riskDetected":
      return truth(
        zh
          ? `检测到${codes(ctx, params.id, "riskType")}风险`
          : `the risk ${codes(ctx, params.id, "riskType")} is detected`,
        zh
          ? `未检测到${codes(ctx, params.id, "riskType")}风险`
          : `the risk ${codes(ctx, params.id, "riskType")} is not detected`,
      );
    case "detectedRiskCount":
      return count(zh ? "检测到的风险类型" : "risk types detected");
    case "guaranteeStatus":
      return {
        noun: zh
          ? `${codes(ctx, params.item, "guarantee")}的状态`
          : `the status of ${codes(ctx, params.item, "guarantee")}`,
        kind: { vocabulary: "guaranteeStatus" },
      };
    case "guaranteeCount":
      return count(
        zh
          ? `状态为${codes(ctx, params.status, "guaranteeStatus")}的 3+1 项`
          : `3+1 items whose status is ${codes(ctx, params.status, "guaranteeStatus")}`,
      );
    case "riskFactorCount":
      return count(zh ? "风险因素（风险类型与 3+1 问题）" : "risk factors (risk types and 3+1 problems)");
    case "flag":
      return { noun: zh ? "判定的标记" : "the flag", kind: { vocabulary: "flag" } };
    default: {
      const definition = FACTS.get(fact);
      return { noun: definition ? localize(definition.description, ctx.language) : fact, kind: "text" };
    }
  }
}

/** A figure's name: the shipped ones by name, a rule set's own by its description, else its id. */
export function figureName(ctx: BookContext, id: string): string {
  const known = FIGURE_NAMES[id];
  if (known) return known[ctx.language];
  const figure = Object.hasOwn(ctx.ruleSet.figures, id) ? ctx.ruleSet.figures[id] : undefined;
  return (figure?.description && localize(figure.description, ctx.language)) || id;
}

/** A money input field of a figure definition (`income.wage`, `expenses.medical`) or a figure, by name. */
export function termName(ctx: BookContext, term: string): string {
  const [part, field] = term.split(".");
  if (field === undefined) return figureName(ctx, term);
  if (part === "income") return word(INCOME, field, ctx);
  if (part === "previousIncome")
    return ctx.language === "zh" ? `上期${word(INCOME, field, ctx)}` : `previous ${word(INCOME, field, ctx)}`;
  if (part === "expenses") return word(EXPENSE, field, ctx);
  return term;
}

/** Placeholders of reason templates that are not facts. */
const TEMPLATE_NAMES: Words = {
  riskFactors: { zh: "风险因素", en: "risk factors" },
  detectedRisks: { zh: "检测到的风险类型", en: "risk types detected" },
  guaranteeProblems: { zh: "存在问题的 3+1 项", en: "3+1 problems" },
  guaranteesNotOk: { zh: "未显示有保障的 3+1 项", en: "3+1 items not shown secured" },
  "lead.source": { zh: "线索来源", en: "lead source" },
  "lead.date": { zh: "线索日期", en: "lead date" },
  "lead.dueBy": { zh: "期限", en: "due date" },
  "limit.leftOut": { zh: "未列入的措施", en: "measures left out" },
};

/** What a `{name}` placeholder of a reason template stands for: `{expense.medical}` → 医疗自付支出. */
export function placeholderName(ctx: BookContext, name: string): string {
  const known = TEMPLATE_NAMES[name];
  if (known) return known[ctx.language];
  const [head, argument] = name.split(".", 2) as [string, string | undefined];
  const fact = FACTS.get(head);
  if (!fact) return figureName(ctx, name);
  const params = argument === undefined ? {} : (primaryParams(fact, argument) ?? {});
  return factPhrase(ctx, head, params).noun;
}
