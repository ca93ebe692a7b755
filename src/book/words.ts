import { formatMoney, isDecimalText, Decimal } from "../input/decimal.js";
import type { Language } from "../messages/catalogue.js";
import { localize } from "../results/reason-text.js";
import { guaranteeLabel, riskTypeLabel } from "../rulesets/catalogue.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { labelOf, type Vocabulary } from "../vocabulary/labels.js";

/**
 * The words the policy book puts rules in: names of parameters, values in their units, lists joined
 * with "或" / "or", and the placeholders a decision table shows where its rules differ.
 */

/** What the book is written for: the rule set, the language, and the date whose values are marked in force. */
export interface BookContext {
  ruleSet: RuleSet;
  language: Language;
  asOf: string | null;
}

/**
 * A vocabulary whose codes the book writes by their labels: one of the contract's fixed vocabularies,
 * or the rule set's own risk types and 3+1 items (its catalogue, with what a layer adds).
 */
export type BookVocabulary = Vocabulary | "riskType" | "guarantee";

/** A code's label in the book's language: risk types and 3+1 items as the rule set names them. */
export function codeLabel(ctx: BookContext, vocabulary: BookVocabulary, code: string): string {
  if (vocabulary === "riskType") return riskTypeLabel(ctx.ruleSet, code, ctx.language);
  if (vocabulary === "guarantee") return guaranteeLabel(ctx.ruleSet, code, ctx.language);
  return labelOf(vocabulary, code, ctx.language);
}

/** A value a decision table leaves open in its sentence: shown as `〔header〕`, given per row. */
export class Placeholder {
  constructor(readonly header: string) {}
}

/** The kinds of value a phrase compares with, for writing a literal in its unit. */
export type ValueKind =
  | "money"
  | "ratio"
  | "count"
  | "months"
  | "days"
  | "years"
  | "number"
  | "date"
  | "text"
  | { vocabulary: BookVocabulary };

export const W = {
  zh: {
    if: "如果",
    and: "，且",
    or: "或",
    orWord: "或",
    then: "，则",
    period: "。",
    listAnd: "、",
    open: "（",
    close: "）",
    not: (text: string) => `并非（${text}）`,
    param: (name: string) => `「${name}」`,
    times: (left: string, right: string) => `${left}×${right}`,
    placeholder: (header: string) => `〔${header}〕`,
    yuan: (value: string) => `${value} 元`,
    percent: (value: string) => `${value}%`,
    months: (value: string) => `${value} 个月`,
    days: (value: string) => `${value} 天`,
    years: (value: string) => `${value} 岁`,
    yes: "是",
    no: "否",
    none: "未注明",
    nullValue: "空（未填报）",
  },
  en: {
    if: "If",
    and: ", and",
    or: " or ",
    orWord: "or",
    then: ", then",
    period: ".",
    listAnd: ", ",
    open: " (",
    close: ")",
    not: (text: string) => `not (${text})`,
    param: (name: string) => `“${name}”`,
    times: (left: string, right: string) => `${left} × ${right}`,
    placeholder: (header: string) => `[${header}]`,
    yuan: (value: string) => `${value} yuan`,
    percent: (value: string) => `${value}%`,
    months: (value: string) => `${value} months`,
    days: (value: string) => `${value} days`,
    years: (value: string) => `age ${value}`,
    yes: "yes",
    no: "no",
    none: "not given",
    nullValue: "empty (not reported)",
  },
} as const;

/** A parameter's short name in the language (its label, else its description, else its name). */
export function parameterName(ctx: BookContext, name: string): string {
  const parameter = Object.hasOwn(ctx.ruleSet.parameters, name) ? ctx.ruleSet.parameters[name] : undefined;
  if (!parameter) return name;
  return localize(parameter.label ?? parameter.description, ctx.language) || name;
}

/** `{param: "threshold"}` (with `times`) as words: 「监测标准」, 「低保标准」×「低保边缘倍数」. */
export function parameterReference(ctx: BookContext, value: { param: string; times?: string }): string {
  const w = W[ctx.language];
  const left = w.param(parameterName(ctx, value.param));
  return value.times ? w.times(left, w.param(parameterName(ctx, value.times))) : left;
}

export const isParameterReference = (value: unknown): value is { param: string; times?: string } =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as { param?: unknown }).param === "string";

/** A list of words joined as alternatives: "A、B 或 C" / "A, B or C". */
export function alternatives(items: readonly string[], language: Language): string {
  if (items.length <= 1) return items[0] ?? "";
  const w = W[language];
  return `${items.slice(0, -1).join(w.listAnd)}${language === "zh" ? "或" : " or "}${items[items.length - 1]}`;
}

/** A literal (or a parameter reference, or a placeholder) in words, in the unit of its kind. */
export function valueWords(ctx: BookContext, value: unknown, kind: ValueKind): string {
  const w = W[ctx.language];
  if (value instanceof Placeholder) return w.placeholder(value.header);
  if (isParameterReference(value)) return parameterReference(ctx, value);
  if (Array.isArray(value))
    return alternatives(
      value.map((item) => valueWords(ctx, item, kind)),
      ctx.language,
    );
  if (value === null || value === undefined) return w.nullValue;
  if (typeof value === "boolean") return value ? w.yes : w.no;
  const text = typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
  if (typeof kind === "object") return `“${codeLabel(ctx, kind.vocabulary, text)}”`;
  switch (kind) {
    case "money":
      return w.yuan(isDecimalText(text) ? formatMoney(text) : text);
    case "ratio":
      return isDecimalText(text) ? w.percent(new Decimal(text).times(100).toString()) : text;
    case "months":
      return w.months(text);
    case "days":
      return w.days(text);
    case "years":
      return w.years(text);
    default:
      return text;
  }
}

/** A value given in a fact's params: a literal, a parameter reference or a placeholder, in the language. */
export function paramWords(ctx: BookContext, value: unknown, kind: ValueKind = "number"): string {
  return valueWords(ctx, value, kind);
}

/** Units that follow a placeholder in a label ("{openLeadCount} 条"), dropped with it. */
const UNIT = String.raw`\s*(?:元|条|岁|项|人|户|个月|天|次|yuan|months|days)?`;

/**
 * A named condition's label as the book names it: the values its placeholders stand for in a
 * reason are left out — "人均纯收入 {perCapitaNetIncome} 元不高于监测标准 {param.threshold} 元" reads
 * "人均纯收入不高于监测标准" — and a parameter the text does not already name stays, by its name.
 */
export function plainLabel(ctx: BookContext, label: string): string {
  return label
    .replace(new RegExp(String.raw`[（(]\s*\{[^{}]+\}${UNIT}\s*[）)]`, "g"), "")
    .replace(
      new RegExp(String.raw`\s*\{param\.(\w+)\}(${UNIT})`, "g"),
      (whole, name: string, unit: string, offset: number, text: string) => {
        const named = parameterName(ctx, name);
        return text.slice(0, offset).trimEnd().endsWith(named) ? "" : `${W[ctx.language].param(named)}${unit.trim()}`;
      },
    )
    .replace(new RegExp(String.raw`\s*\{[^{}]+\}${UNIT}`, "g"), ctx.language === "zh" ? "" : " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** A sentence's spacing in Chinese: a space between a character and a number ("高于 0.00 元"), none around 「」. */
export function spaced(text: string, language: Language): string {
  if (language !== "zh") return text;
  return text
    .replace(/([\u4e00-\u9fff）”])(\d)/g, "$1 $2")
    .replace(/\s+「/g, "「")
    .replace(/」\s+/g, "」");
}

/** A reason template with its `{fact}` and `{param.name}` placeholders named: 〈人均纯收入〉, 〈监测标准〉. */
export function templateWords(ctx: BookContext, template: string, factName: (id: string) => string): string {
  return template.replace(/\{([^{}]+)\}/g, (_whole, name: string) => {
    const label = name.startsWith("param.") ? parameterName(ctx, name.slice(6)) : factName(name);
    return ctx.language === "zh" ? `〈${label}〉` : `‹${label}›`;
  });
}
