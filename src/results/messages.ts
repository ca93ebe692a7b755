import { CLI_MESSAGES } from "./messages-cli.js";
import { INPUT_MESSAGES } from "./messages-input.js";
import { OVERLAY_MESSAGES } from "./messages-overlay.js";
import { RULE_SET_MESSAGES } from "./messages-rules.js";
import { SERVICE_MESSAGES } from "./messages-service.js";
import type { Language } from "./language.js";

/**
 * Text the code itself writes (policy text lives in the rule sets), in Chinese and English. The
 * messages a person reads while fixing data are kept by area: household input, rule-set files,
 * the command line, county overlays (`dixian init-overlay`), the HTTP service.
 */
const MESSAGES = {
  ...INPUT_MESSAGES,
  ...RULE_SET_MESSAGES,
  ...CLI_MESSAGES,
  ...OVERLAY_MESSAGES,
  ...SERVICE_MESSAGES,
  inPlaceSince: { zh: "已落实（自 {since} 起）", en: "in place since {since}" },
  inPlace: { zh: "已落实", en: "in place" },
  inPlaceSocialAssistance: { zh: "已落实（家庭成员已享受）", en: "in place (a member receives it)" },
  unknownMeasure: {
    zh: "监测记录中的措施 {id} 不在规则集的措施目录中",
    en: "recorded measure {id} is not in the rule set's measure catalogue",
  },
  staleParameter: {
    zh: "“{name}”使用的取值 {value} 自 {from} 起生效，是 {year} 年以前定的；请核对 {asOfYear} 年的标准是否已发布",
    en: "{name} uses the value {value} in force from {from}, set before {year}; check whether the {asOfYear} value has been published",
  },
  provisionalParameter: {
    zh: "“{name}”的取值 {value}（自 {from} 起）是暂定值，尚未正式公布（{document}）：本结果据此得出，公布后请重新筛查",
    en: "{name} uses the provisional value {value} (from {from}), not yet published ({document}): this result rests on it; screen again once it is published",
  },
  staleParameterLabel: { zh: "取值可能已过期", en: "value may be out of date" },
  provisionalParameterLabel: { zh: "使用了暂定值", en: "provisional value used" },
  noFlagRuleLabel: { zh: "没有判定规则满足", en: "no flag rule met" },
  unknownMeasureLabel: { zh: "登记了目录中没有的措施", en: "recorded measure not in the catalogue" },
  formulaValueLabel: { zh: "单元格的值取自公式", en: "cell value from a formula" },
  noFlagRule: {
    zh: "规则集没有给出任何标记（判定阶段没有规则满足）",
    en: "no flag rule was met; the rule set lacks a fallback flag rule",
  },
  unmetCondition: { zh: "未满足：{label}", en: "not met: {label}" },
  noData: { zh: "无数据", en: "no data" },
  overdue: { zh: "已逾期", en: "overdue" },
  overdueSuffix: { zh: "（已逾期）", en: " (overdue)" },
  itemWithoutData: { zh: "{item}缺少数据", en: "no data on {item}" },
  yes: { zh: "是", en: "yes" },
  no: { zh: "否", en: "no" },
  listSeparator: { zh: "、", en: ", " },
  reasonSeparator: { zh: "；", en: "; " },
  leadSource: { zh: "{channel}（{department}）", en: "{channel} ({department})" },
} as const;

export type MessageId = keyof typeof MESSAGES;

/** Values filling a message's `{name}` placeholders. */
export type MessageValues = Record<string, string | number>;

/**
 * A message not yet put into words: its id and values. Code that finds a problem before it knows
 * the reader's language (a check inside a schema, a usage error) keeps this and lets the caller
 * render it with {@link renderText}.
 */
export interface MessageText {
  id: MessageId;
  values?: MessageValues;
}

/** A code-written message in the given language with `{name}` placeholders filled. */
export function message(id: MessageId, language: Language, values?: MessageValues): string {
  const template: string = MESSAGES[id][language];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

/** A {@link MessageText} in the given language. */
export function renderText(text: MessageText, language: Language): string {
  return message(text.id, language, text.values);
}

/** Whether a string names a message (for texts carried through code that only knows strings). */
export function isMessageId(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(MESSAGES, id);
}
