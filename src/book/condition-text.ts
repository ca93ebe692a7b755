import type { Condition, TopLevelCondition } from "../rulesets/schema.js";
import { localize } from "../results/reason-text.js";
import { factPhrase, type FactPhrase } from "./fact-phrases.js";
import { alternatives, Placeholder, plainLabel, valueWords, W, type BookContext, type ValueKind } from "./words.js";

/**
 * A rule's conditions as words: "人均纯收入不高于「监测标准」，且 有风险因素". `all` joins with 且,
 * `any` with 或 (in brackets when inside another), `not` as 并非; a named condition is its label in
 * quotation marks (the book defines each); a comparison is the fact's phrase, the operator's word
 * and the value in its unit — a parameter by its name, 「监测标准」.
 */

type Operator = string;

const OPERATORS = {
  zh: {
    equal: ["为", "等于"],
    notEqual: ["不为", "不等于"],
    lessThan: ["低于", "小于"],
    lessThanInclusive: ["不高于", "不大于"],
    greaterThan: ["高于", "大于"],
    greaterThanInclusive: ["不低于", "不小于"],
    dateBefore: ["早于", "早于"],
    dateOnOrBefore: ["不晚于", "不晚于"],
    dateAfter: ["晚于", "晚于"],
    dateOnOrAfter: ["不早于", "不早于"],
    contains: ["包含", "包含"],
    doesNotContain: ["不包含", "不包含"],
  },
  en: {
    equal: ["is", "is"],
    notEqual: ["is not", "is not"],
    lessThan: ["is below", "is less than"],
    lessThanInclusive: ["is at most", "is at most"],
    greaterThan: ["is above", "is more than"],
    greaterThanInclusive: ["is at least", "is at least"],
    dateBefore: ["is before", "is before"],
    dateOnOrBefore: ["is on or before", "is on or before"],
    dateAfter: ["is after", "is after"],
    dateOnOrAfter: ["is on or after", "is on or after"],
    contains: ["contains", "contains"],
    doesNotContain: ["does not contain", "does not contain"],
  },
} as const satisfies Record<string, Record<string, readonly [string, string]>>;

/** The operator without its `decimal` prefix: decimal comparisons read as the plain ones. */
const plain = (operator: Operator) =>
  operator.startsWith("decimal") ? operator[7]!.toLowerCase() + operator.slice(8) : operator;

const isNumber = (value: unknown): value is number | string =>
  typeof value === "number" || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value));

/** A comparison of a fact with a value, in words. */
export function comparisonText(
  ctx: BookContext,
  fact: string,
  operator: Operator,
  value: unknown,
  params: Record<string, unknown> | undefined,
): string {
  const zh = ctx.language === "zh";
  const phrase: FactPhrase = factPhrase(ctx, fact, params ?? {});
  const op = plain(operator);
  const gap = zh ? "" : " ";
  // A yes/no fact compared with true or false is its statement or its negation.
  if (phrase.truth && (op === "equal" || op === "notEqual") && typeof value === "boolean")
    return value === (op === "equal") ? phrase.truth[0] : phrase.truth[1];
  if (phrase.truth && value instanceof Placeholder)
    return `${phrase.noun}${zh ? "为" : " is "}${valueWords(ctx, value, phrase.kind)}`;
  // A count against 1 or 0 reads as "有 …" / "没有 …".
  if (phrase.thing && isNumber(value)) {
    const n = Number(value);
    if ((op === "greaterThanInclusive" && n === 1) || (op === "greaterThan" && n === 0))
      return zh ? `有${phrase.thing}` : `there are ${phrase.thing}`;
    if ((op === "equal" && n === 0) || (op === "lessThan" && n === 1) || (op === "lessThanInclusive" && n === 0))
      return zh ? `没有${phrase.thing}` : `there are no ${phrase.thing}`;
  }
  const words = valueText(ctx, value, phrase.kind);
  if (op === "in" || op === "notIn") {
    const list = Array.isArray(value) ? value.map((item) => valueText(ctx, item, phrase.kind)) : [words];
    if (op === "in")
      return zh ? `${phrase.noun}为${alternatives(list, "zh")}` : `${phrase.noun} is ${alternatives(list, "en")}`;
    return zh ? `${phrase.noun}不属于${list.join("、")}` : `${phrase.noun} is none of ${list.join(", ")}`;
  }
  const table = OPERATORS[ctx.language] as Record<string, readonly [string, string]>;
  const pair = table[op];
  if (!pair) return `${phrase.noun}${gap}${operator}${gap}${words}`;
  const moneyLike = phrase.kind === "money" || phrase.kind === "ratio";
  const textLike = typeof phrase.kind === "object" || phrase.kind === "text";
  const word = op === "equal" || op === "notEqual" ? pair[textLike ? 0 : 1] : pair[moneyLike ? 0 : 1];
  return `${phrase.noun}${gap}${word}${gap}${words}`;
}

/** A compared value: a literal in the fact's unit, a parameter, another fact, or a placeholder. */
function valueText(ctx: BookContext, value: unknown, kind: ValueKind): string {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Placeholder)) {
    const reference = value as { fact?: unknown; params?: Record<string, unknown> };
    if (typeof reference.fact === "string") return factPhrase(ctx, reference.fact, reference.params ?? {}).noun;
  }
  return valueWords(ctx, value, kind);
}

/** A named condition's label (or its name), its placeholders named. */
export function namedConditionLabel(ctx: BookContext, name: string): string {
  const condition = Object.hasOwn(ctx.ruleSet.conditions, name) ? ctx.ruleSet.conditions[name] : undefined;
  return condition?.label ? plainLabel(ctx, localize(condition.label, ctx.language)) : name;
}

/** A condition in words; `nested` puts an `any` in brackets, so "A，且（B 或 C）" reads right. */
export function conditionText(ctx: BookContext, condition: Condition | TopLevelCondition, nested = false): string {
  const w = W[ctx.language];
  if ("all" in condition) {
    const parts = condition.all.map((child) => conditionText(ctx, child, true));
    if (!parts.length) return ctx.language === "zh" ? "总是" : "always";
    const joined = parts.join(nested ? (ctx.language === "zh" ? " 且 " : " and ") : `${w.and} `);
    return nested && parts.length > 1 ? `${w.open.trim()}${joined}${w.close.trim()}` : joined;
  }
  if ("any" in condition) {
    const parts = condition.any.map((child) => conditionText(ctx, child, true));
    if (!parts.length) return ctx.language === "zh" ? "从不" : "never";
    const joined = parts.join(ctx.language === "zh" ? "，或 " : ", or ");
    return nested && parts.length > 1 ? `${w.open.trim()}${joined}${w.close.trim()}` : joined;
  }
  if ("not" in condition) return w.not(conditionText(ctx, condition.not, false));
  if ("condition" in condition) return `“${namedConditionLabel(ctx, condition.condition)}”`;
  return comparisonText(ctx, condition.fact, condition.operator, condition.value, condition.params);
}
