import { localize } from "../results/reason-text.js";
import type { RuleEvent } from "../rulesets/schema.js";
import { labelOf } from "../vocabulary/labels.js";
import { codeLabel, paramWords, Placeholder, spaced, W, type BookContext, type BookVocabulary } from "./words.js";

/**
 * What a rule does when its conditions hold, in words: "记为风险类型“因自然灾害”（代码 0201）",
 * "标记为“识别为监测对象”，类别为“脱贫不稳定户”", "建议措施“医疗救助”（健康帮扶 100A45，保障性）".
 */

const quoted = (ctx: BookContext, text: string) => (ctx.language === "zh" ? `“${text}”` : `“${text}”`);

/** A code of a vocabulary (or a placeholder) as its label in quotation marks. */
function label(ctx: BookContext, vocabulary: BookVocabulary, code: unknown): string {
  if (code instanceof Placeholder) return paramWords(ctx, code);
  return quoted(ctx, codeLabel(ctx, vocabulary, String(code)));
}

/** A measure of the catalogue by its name, with its group and kind. */
function measureWords(ctx: BookContext, id: unknown): string {
  if (id instanceof Placeholder) return paramWords(ctx, id);
  const measure = ctx.ruleSet.measures.find((entry) => entry.id === id);
  if (!measure) return quoted(ctx, String(id));
  const group = ctx.ruleSet.measureGroups.find((entry) => entry.code === measure.group);
  const groupName = group ? `${localize(group.label, ctx.language)} ${measure.group}` : measure.group;
  const kind = labelOf("measureKind", measure.kind, ctx.language);
  return ctx.language === "zh"
    ? `${quoted(ctx, localize(measure.label, "zh"))}（${groupName}，${kind}）`
    : `${quoted(ctx, localize(measure.label, "en"))} (${groupName}, ${kind})`;
}

/** The rule an event names by id (`unmetConditionsOf`), by its label. */
function ruleLabel(ctx: BookContext, id: string): string {
  const rule = ctx.ruleSet.rules.find((candidate) => candidate.id === id);
  return quoted(ctx, rule ? localize(rule.label, ctx.language) : id);
}

/** The event of a rule in words (its params may hold placeholders of a decision table). */
export function eventText(ctx: BookContext, event: RuleEvent): string {
  const zh = ctx.language === "zh";
  const params = ("params" in event ? event.params : {}) as Record<string, unknown>;
  switch (event.type) {
    case "risk": {
      const code =
        params.code === undefined
          ? ""
          : zh
            ? `（代码 ${paramWords(ctx, params.code)}）`
            : ` (code ${paramWords(ctx, params.code)})`;
      return zh
        ? `记为风险类型${label(ctx, "riskType", params.riskType)}${code}`
        : `record the risk type ${label(ctx, "riskType", params.riskType)}${code}`;
    }
    case "guarantee":
      return zh
        ? `${label(ctx, "guarantee", params.item)}的状态记为${label(ctx, "guaranteeStatus", params.status)}`
        : `set the status of ${label(ctx, "guarantee", params.item)} to ${label(ctx, "guaranteeStatus", params.status)}`;
    case "flag": {
      const category =
        params.category === "recorded"
          ? zh
            ? "，类别沿用监测记录"
            : ", keeping the recorded category"
          : params.category === null
            ? zh
              ? "，不设类别"
              : ", with no category"
            : zh
              ? `，类别为${label(ctx, "category", params.category)}`
              : `, category ${label(ctx, "category", params.category)}`;
      const unmet =
        typeof params.unmetConditionsOf === "string"
          ? zh
            ? `，并把规则${ruleLabel(ctx, params.unmetConditionsOf)}未满足的条件列为理由`
            : `, giving the unmet conditions of the rule ${ruleLabel(ctx, params.unmetConditionsOf)} as reasons`
          : "";
      return zh
        ? `标记为${label(ctx, "flag", params.flag)}${category}${unmet}`
        : `flag ${label(ctx, "flag", params.flag)}${category}${unmet}`;
    }
    case "measure": {
      const fit =
        params.fit === undefined
          ? ""
          : zh
            ? `，适配度 ${paramWords(ctx, params.fit)}`
            : `, fit ${paramWords(ctx, params.fit)}`;
      return zh
        ? `建议措施${measureWords(ctx, params.measure)}${fit}`
        : `suggest the measure ${measureWords(ctx, params.measure)}${fit}`;
    }
    case "referral":
      return zh
        ? `转介${label(ctx, "leadDepartment", params.department)}部门`
        : `refer to ${label(ctx, "leadDepartment", params.department)}`;
    case "limit": {
      const kind = label(ctx, "measureKind", params.kind);
      if (params.max === 0) return zh ? `不建议${kind}措施` : `suggest no ${kind} measures`;
      return zh
        ? `${kind}措施最多建议 ${paramWords(ctx, params.max)} 项（按适配度取前几项，其余写进理由）`
        : `suggest at most ${paramWords(ctx, params.max)} ${kind} measures (the best-fitting; the rest named in a reason)`;
    }
    case "reason":
      return zh ? "在理由中写明下面的说明" : "add the note below to the reasons";
    case "followUp":
      return zh
        ? `每周走访 ${paramWords(ctx, params.visitsPerWeek)} 次`
        : `visit ${paramWords(ctx, params.visitsPerWeek)} times a week`;
    case "task": {
      const which =
        params.leads === "first"
          ? zh
            ? "为最早的一条未办结线索"
            : "for the earliest open lead"
          : zh
            ? "为每条未办结线索"
            : "for each open lead";
      return zh
        ? `${which}生成${label(ctx, "taskKind", params.kind)}任务，期限为线索日期起 ${paramWords(ctx, params.withinDays, "number")} 天`
        : `${which}, a task ${label(ctx, "taskKind", params.kind)} due ${paramWords(ctx, params.withinDays)} days after the lead's date`;
    }
    case "check":
      return zh
        ? `给出数据校验${label(ctx, "checkSeverity", params.severity)}`
        : `give a data check (${label(ctx, "checkSeverity", params.severity)})`;
  }
}

/** "如果 …，则 …。" / "If …, then …." */
export function sentence(ctx: BookContext, conditions: string, then: string): string {
  const w = W[ctx.language];
  return spaced(`${w.if} ${conditions}${w.then} ${then}${w.period}`, ctx.language);
}
