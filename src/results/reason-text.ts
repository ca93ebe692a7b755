import type { CompiledRuleSet } from "../evaluation/types.js";
import { FACTS } from "../facts/catalogue.js";
import type { HouseholdFacts } from "../facts/fact-table.js";
import type { FactDefinition } from "../facts/fact-definition.js";
import type { HouseholdContext } from "../facts/household-context.js";
import { GUARANTEE_ITEMS } from "../input/enums.js";
import { parameterInForce } from "../rulesets/parameters.js";
import type { BilingualText } from "../rulesets/schema.js";
import { primaryParams, splitTemplate } from "../rulesets/templates.js";
import { formatValue } from "./format-value.js";
import { message, type Language } from "../messages/catalogue.js";
import { own } from "../rulesets/own.js";

/** The params a `{fact.arg}` placeholder gives its fact, or null when it cannot fill them. */
function placeholderParams(fact: FactDefinition<any>, argument: string | undefined): Record<string, unknown> | null {
  const raw = argument === undefined ? {} : primaryParams(fact, argument);
  const parsed = raw === null ? null : fact.params.safeParse(raw);
  return parsed?.success ? (parsed.data as Record<string, unknown>) : null;
}

/** Picks the text in the wanted language, falling back to Chinese. */
export function localize(text: BilingualText | undefined, language: Language): string {
  if (!text) return "";
  return (language === "en" ? text.en : undefined) ?? text.zh;
}

/** Writes one placeholder's text for a household, or null to leave the placeholder as written. */
type Filler = (facts: HouseholdFacts) => string | null;
/** Writes a whole template for a household. */
type TemplateWriter = (facts: HouseholdFacts) => string;

/** Templates, split and with each placeholder resolved, once per compiled rule set and language. */
const writerCache = new WeakMap<CompiledRuleSet, Record<Language, Map<string, TemplateWriter>>>();

function templateWriter(compiled: CompiledRuleSet, language: Language, template: string): TemplateWriter {
  let byLanguage = writerCache.get(compiled);
  if (!byLanguage) writerCache.set(compiled, (byLanguage = { zh: new Map(), en: new Map() }));
  const writers = byLanguage[language];
  let writer = writers.get(template);
  if (!writer) writers.set(template, (writer = compileTemplate(compiled, language, template)));
  return writer;
}

function compileTemplate(compiled: CompiledRuleSet, language: Language, template: string): TemplateWriter {
  const parts = splitTemplate(template);
  if (parts.length === 1) return () => template;
  // Even positions are literal text, odd positions placeholders.
  const fillers = parts.map((part, index) => (index % 2 === 0 ? null : resolvePlaceholder(compiled, language, part)));
  return (facts) => {
    let text = parts[0]!;
    for (let index = 1; index < parts.length; index += 2)
      text += (fillers[index]!(facts) ?? `{${parts[index]}}`) + parts[index + 1]!;
    return text;
  };
}

function resolvePlaceholder(compiled: CompiledRuleSet, language: Language, placeholder: string): Filler {
  const { ruleSet } = compiled;
  const [head, argument] = placeholder.split(".", 2) as [string, string | undefined];
  if (head === "param" && argument) {
    const parameter = own(ruleSet.parameters, argument);
    const inForce = parameter ? (compiled.parameters.get(argument) ?? safeInForce(compiled, argument)) : null;
    // A parameter's value is fixed for the compiled rule set: format it once.
    const text = parameter && inForce ? formatValue(inForce.value, parameter.type, language) : null;
    return () => text;
  }
  if (head === "riskFactors")
    return (facts) => riskFactorLabels(compiled, facts.context, language).join(message("listSeparator", language));
  if (head === "detectedRisks")
    return (facts) =>
      compiled.ruleSet.riskTypes
        .filter((entry) => facts.context.stages.riskTypes.has(entry.id))
        .map((entry) => localize(entry.label, language))
        .join(message("listSeparator", language));
  if (head === "guaranteeProblems")
    return (facts) => problemLabels(compiled, facts.context, language).join(message("listSeparator", language));
  if (head === "guaranteesNotOk")
    return (facts) => notOkLabels(compiled, facts.context, language).join(message("listSeparator", language));
  const fact = FACTS.get(head);
  if (!fact) return () => null;
  const params = placeholderParams(fact, argument);
  if (params === null) return () => null;
  const slot = compiled.facts.slotFor(fact.id, params);
  return (facts) => formatValue(facts.current(slot), fact.valueType, language);
}

function safeInForce(compiled: CompiledRuleSet, name: string) {
  try {
    return parameterInForce(compiled.ruleSet, name, compiled.asOf);
  } catch {
    return null;
  }
}

/**
 * Fills reason templates for one household: `{fact}` or `{fact.arg}` (a fact with one param),
 * `{param.name}` (the value in force), `{riskFactors}` (the detected risks and 3+1 problems),
 * `{detectedRisks}` (the risk types detected), `{guaranteeProblems}` (the 3+1 items with a problem), `{guaranteesNotOk}` (those not shown secured, with
 * their status).
 */
export function reasonWriter(compiled: CompiledRuleSet, facts: HouseholdFacts, language: Language) {
  return (template: BilingualText | undefined): string =>
    templateWriter(compiled, language, localize(template, language))(facts);
}

/** Labels of the detected risk types and the 3+1 items with a problem, in catalogue order. */
export function riskFactorLabels(compiled: CompiledRuleSet, context: HouseholdContext, language: Language): string[] {
  const { ruleSet } = compiled;
  const risks = ruleSet.riskTypes
    .filter((entry) => context.stages.riskTypes.has(entry.id))
    .map((entry) => localize(entry.label, language));
  return [...risks, ...problemLabels(compiled, context, language)];
}

/**
 * The 3+1 items not shown secured: a problem as the rule set words it ("住房不安全（C/D 级危房）"), an
 * item without data as missing ("饮水安全缺少数据").
 */
function notOkLabels(compiled: CompiledRuleSet, context: HouseholdContext, language: Language): string[] {
  return GUARANTEE_ITEMS.filter((item) => context.stages.guarantees[item] !== "ok").map((item) => {
    const entry = compiled.ruleSet.guarantees.find((candidate) => candidate.id === item);
    return context.stages.guarantees[item] === "problem"
      ? localize(entry?.problem, language) || item
      : message("itemWithoutData", language, { item: localize(entry?.label, language) || item });
  });
}

/** The 3+1 problems as the rule set words them ("有成员未参加基本医疗保险"), in contract order. */
export function problemLabels(compiled: CompiledRuleSet, context: HouseholdContext, language: Language): string[] {
  return GUARANTEE_ITEMS.filter((item) => context.stages.guarantees[item] === "problem").map(
    (item) => localize(compiled.ruleSet.guarantees.find((entry) => entry.id === item)?.problem, language) || item,
  );
}
