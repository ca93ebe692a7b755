import type { LoadedRule } from "../rulesets/rule-set.js";
import type { Condition, RuleEvent, TopLevelCondition } from "../rulesets/schema.js";
import { localize } from "../results/reason-text.js";
import { codeLabel, Placeholder, valueWords, W, type BookContext, type BookVocabulary } from "./words.js";

/**
 * Rules written many times over with only some values changed — one rule per disaster subtype, one
 * per 3+1 item — are shown as one decision table: the sentence once, with the values that change
 * left open (〔灾种〕), and a row per rule giving them. Rules are alike when their conditions and
 * events have the same shape (the same facts, operators, named conditions and params, in the same
 * order) and differ only in values.
 */

/** A value of a rule that may differ between alike rules: where it is, and what a column of it is called. */
interface Slot {
  key: string;
  header: string;
  value: unknown;
  /** How a value of the slot is written. */
  vocabulary?: BookVocabulary | "measure";
}

/** What the params of facts and events mean, for a column's header and its values' words. */
const SLOT_WORDS: Record<string, { zh: string; en: string; vocabulary?: BookVocabulary | "measure" }> = {
  subtypes: { zh: "灾种", en: "disaster type", vocabulary: "disasterSubtype" },
  type: { zh: "事件类型", en: "event type", vocabulary: "eventType" },
  code: { zh: "风险代码", en: "risk code" },
  riskType: { zh: "风险类型", en: "risk type", vocabulary: "riskType" },
  item: { zh: "项目", en: "item", vocabulary: "guarantee" },
  status: { zh: "状态", en: "status", vocabulary: "guaranteeStatus" },
  measure: { zh: "措施", en: "measure", vocabulary: "measure" },
  department: { zh: "部门", en: "department", vocabulary: "leadDepartment" },
  flag: { zh: "标记", en: "flag", vocabulary: "flag" },
  category: { zh: "类别", en: "category", vocabulary: "category" },
  labor: { zh: "劳动技能", en: "labour", vocabulary: "labor" },
  illness: { zh: "健康状况", en: "health", vocabulary: "illness" },
  fit: { zh: "适配度", en: "fit" },
  severity: { zh: "级别", en: "severity", vocabulary: "checkSeverity" },
  value: { zh: "比较值", en: "value" },
  disasterSubtype: { zh: "灾种", en: "disaster type", vocabulary: "disasterSubtype" },
};

/** Params whose meaning depends on the fact: `id` of riskDetected is a risk type. */
const FACT_SLOTS: Record<string, Record<string, string>> = {
  riskDetected: { id: "riskType" },
  recordedRiskType: { id: "riskType" },
};

/** A rule's shape (facts, operators, names, param keys) and its values in order. */
function shapeOf(rule: LoadedRule): { shape: string; slots: Slot[] } {
  const slots: Slot[] = [];
  const slot = (key: string, value: unknown) =>
    slots.push({
      key,
      header: key,
      value,
      ...(SLOT_WORDS[key]?.vocabulary ? { vocabulary: SLOT_WORDS[key].vocabulary } : {}),
    });
  const walk = (condition: Condition | TopLevelCondition): unknown => {
    if ("all" in condition) return { all: condition.all.map(walk) };
    if ("any" in condition) return { any: condition.any.map(walk) };
    if ("not" in condition) return { not: walk(condition.not) };
    if ("condition" in condition) return { condition: condition.condition };
    const params = Object.keys(condition.params ?? {});
    for (const key of params) slot(FACT_SLOTS[condition.fact]?.[key] ?? key, condition.params![key]);
    slot("value", condition.value);
    return { fact: condition.fact, operator: condition.operator, params };
  };
  const conditions = walk(rule.conditions);
  const params = "params" in rule.event ? (rule.event.params as Record<string, unknown>) : {};
  for (const key of Object.keys(params)) slot(key, params[key]);
  return {
    shape: JSON.stringify({ stage: rule.stage, conditions, event: rule.event.type, params: Object.keys(params) }),
    slots,
  };
}

/** A copy of a rule with the values at `open` slot positions replaced by placeholders. */
function withPlaceholders(rule: LoadedRule, open: ReadonlyMap<number, string>): LoadedRule {
  let index = 0;
  const take = (value: unknown) => {
    const header = open.get(index++);
    return header === undefined ? value : new Placeholder(header);
  };
  const walk = (condition: Condition | TopLevelCondition): Condition => {
    if ("all" in condition) return { ...condition, all: condition.all.map(walk) };
    if ("any" in condition) return { ...condition, any: condition.any.map(walk) };
    if ("not" in condition) return { ...condition, not: walk(condition.not) };
    if ("condition" in condition) return condition;
    const params = condition.params
      ? Object.fromEntries(Object.entries(condition.params).map(([key, value]) => [key, take(value)]))
      : undefined;
    return { ...condition, ...(params ? { params } : {}), value: take(condition.value) };
  };
  const conditions = walk(rule.conditions) as TopLevelCondition;
  const event =
    "params" in rule.event
      ? ({
          ...rule.event,
          params: Object.fromEntries(Object.entries(rule.event.params).map(([key, value]) => [key, take(value)])),
        } as RuleEvent)
      : rule.event;
  return { ...rule, conditions, event };
}

/** A group of alike rules: the pattern rule (placeholders where they differ), the open columns and their values per rule. */
export interface AlikeRules {
  rules: LoadedRule[];
  pattern: LoadedRule;
  columns: string[];
  /** Per rule, the words of each open column. */
  cells: string[][];
}

/** Consecutive alike rules, at least `minimum` of them, as groups; every other rule on its own. */
export function groupAlikeRules(
  ctx: BookContext,
  rules: readonly LoadedRule[],
  minimum = 3,
): (LoadedRule | AlikeRules)[] {
  const shaped = rules.map((rule) => ({ rule, ...shapeOf(rule) }));
  const out: (LoadedRule | AlikeRules)[] = [];
  for (let start = 0; start < shaped.length;) {
    let end = start + 1;
    while (end < shaped.length && shaped[end]!.shape === shaped[start]!.shape) end++;
    const run = shaped.slice(start, end);
    start = end;
    if (run.length < minimum) {
      out.push(...run.map((entry) => entry.rule));
      continue;
    }
    const first = run[0]!.slots;
    const varying = first
      .map((_slot, index) => index)
      .filter((index) =>
        run.some((entry) => JSON.stringify(entry.slots[index]!.value) !== JSON.stringify(first[index]!.value)),
      );
    if (!varying.length) {
      out.push(...run.map((entry) => entry.rule));
      continue;
    }
    const headers = varying.map((index) => {
      const key = first[index]!.key;
      return SLOT_WORDS[key]?.[ctx.language] ?? key;
    });
    // Two open values of one kind (two items, say) are numbered so their columns differ.
    const columns = headers.map((header, position) =>
      headers.filter((other) => other === header).length > 1
        ? `${header}${headers.slice(0, position + 1).filter((other) => other === header).length}`
        : header,
    );
    const open = new Map(varying.map((index, position) => [index, columns[position]!]));
    out.push({
      rules: run.map((entry) => entry.rule),
      pattern: withPlaceholders(run[0]!.rule, open),
      columns,
      cells: run.map((entry) => varying.map((index) => slotWords(ctx, entry.slots[index]!))),
    });
  }
  return out;
}

/** A slot's value in words: a code by its label, a measure by its name, else as a value. */
function slotWords(ctx: BookContext, slot: Slot): string {
  const list = Array.isArray(slot.value) ? slot.value : [slot.value];
  if (slot.vocabulary === "measure")
    return list
      .map((id) => {
        const measure = ctx.ruleSet.measures.find((entry) => entry.id === id);
        return measure ? localize(measure.label, ctx.language) : String(id);
      })
      .join(W[ctx.language].listAnd);
  if (slot.vocabulary) {
    const vocabulary = slot.vocabulary;
    return list
      .map((code) => (code === null ? W[ctx.language].none : codeLabel(ctx, vocabulary, String(code))))
      .join(W[ctx.language].listAnd);
  }
  return valueWords(ctx, slot.value, "number");
}
