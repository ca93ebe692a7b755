import type { Problem } from "../errors.js";
import { OPERATOR_NAMES } from "../evaluation/operators.js";
import { FACTS } from "../facts/catalogue.js";
import { moneyProblem } from "../input/decimal.js";
import { GUARANTEE_ITEMS } from "../input/enums.js";
import { issueLanguage, issueText } from "../input/zod-issues.js";
import { message } from "../results/messages.js";
import type { Language } from "../results/result-types.js";
import { didYouMean } from "../results/suggestion.js";
import { isParameterReference, parameterReferencesIn, replaceParameterReferences } from "./parameter-references.js";
import type { RuleSet } from "./rule-set.js";
import { STAGE_EVENTS, type Condition, type Parameter, type TopLevelCondition } from "./schema.js";
import { isFactCondition, walkConditions } from "./walk-conditions.js";
import { primaryParams, templatePlaceholders } from "./templates.js";

type Locate = (key: string, path: readonly PropertyKey[], message: string) => Problem;

/** Plain property and index access only: json-rules-engine hands paths to jsonpath-plus, whose filters can run code. */
const SAFE_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d{1,6}\])*$/;

const VALUE_PATTERNS: Record<Parameter["type"], (value: unknown) => boolean> = {
  money: (v) => typeof v === "string" && moneyProblem(v, true) === null,
  decimal: (v) => typeof v === "string" && /^-?\d{1,15}(\.\d{1,20})?$/.test(v),
  ratio: (v) => typeof v === "string" && /^\d{1,6}(\.\d{1,20})?$/.test(v),
  integer: (v) => typeof v === "number" && Number.isInteger(v),
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  text: (v) => typeof v === "string",
};

/** A value of the parameter's type, to check fact params that reference it. */
function sampleValue(parameter: Parameter | undefined): unknown {
  return parameter?.values[0]?.value ?? null;
}

/**
 * The semantic checks a schema cannot make: every fact, operator, parameter, risk type, measure,
 * named condition and rule that is referenced exists and fits; parameter periods are in order.
 * Problems are worded in `language`; an unknown name comes with the closest known one.
 */
export function checkReferences(ruleSet: Omit<RuleSet, "hash" | "origins">, locate: Locate, language: Language = "zh"): Problem[] {
  const problems: Problem[] = [];
  const riskIds = new Set(ruleSet.riskTypes.map((entry) => entry.id));
  const measureIds = new Set(ruleSet.measures.map((entry) => entry.id));
  const ruleIds = new Set(ruleSet.rules.map((rule) => rule.id));
  const parameterNames = Object.keys(ruleSet.parameters);
  const say = message;
  const unknown = (id: Parameters<typeof message>[0], name: string, known: Iterable<string>) => say(id, language, { name }) + didYouMean(name, known, language);

  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    parameter.values.forEach((value, index) => {
      if (!VALUE_PATTERNS[parameter.type](value.value)) {
        problems.push(locate(`parameter:${name}`, ["values", index, "value"], say(["money", "decimal", "ratio"].includes(parameter.type) ? "expectedDecimalText" : "expectedValueType", language, { type: parameter.type })));
      }
      if (value.until !== undefined && value.until < value.from) {
        problems.push(locate(`parameter:${name}`, ["values", index, "until"], say("untilBeforeFrom", language, { until: value.until, from: value.from })));
      }
      const next = parameter.values[index + 1];
      if (next && next.from === value.from) {
        problems.push(locate(`parameter:${name}`, ["values", index + 1, "from"], say("twoValuesSameStart", language, { from: value.from })));
      } else if (next && value.until !== undefined && value.until >= next.from) {
        problems.push(locate(`parameter:${name}`, ["values", index, "until"], say("periodOverlaps", language, { from: next.from })));
      }
    });
  }

  for (const item of GUARANTEE_ITEMS) {
    if (!ruleSet.guarantees.some((entry) => entry.id === item)) {
      problems.push({ file: ruleSet.id, path: "/guarantees", message: say("guaranteeMissing", language, { item }) });
    }
  }

  const checkCondition = (key: string, base: PropertyKey[]) => (condition: Condition, path: PropertyKey[]) => {
    const at = [...base, ...path];
    if ("condition" in condition && !(condition.condition in ruleSet.conditions)) {
      problems.push(locate(key, [...at, "condition"], unknown("unknownNamedCondition", condition.condition, Object.keys(ruleSet.conditions))));
    }
    if (!isFactCondition(condition)) return;
    const fact = FACTS.get(condition.fact);
    if (!fact) {
      problems.push(locate(key, [...at, "fact"], unknown("unknownFact", condition.fact, FACTS.keys())));
    } else {
      const params = replaceParameterReferences(condition.params ?? {}, (ref) => sampleValue(ruleSet.parameters[ref.param]));
      const parsed = fact.params.safeParse(params, issueLanguage(language));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const keys = (issue as { keys?: string[] }).keys;
          const problem = keys
            ? say("factTakesNoParam", language, { fact: fact.id, keys: keys.map((k) => JSON.stringify(k)).join(", ") }) + (keys.length === 1 ? didYouMean(keys[0]!, knownParams(fact.params), language) : "")
            : say("factParam", language, { fact: fact.id, detail: issueText(issue, language) });
          problems.push(locate(key, [...at, "params", ...issue.path, ...(keys ? [keys[0]!] : [])], problem));
        }
      }
    }
    if (!OPERATOR_NAMES.has(condition.operator)) {
      problems.push(locate(key, [...at, "operator"], unknown("unknownOperator", condition.operator, OPERATOR_NAMES)));
    }
    if (condition.path !== undefined && !SAFE_PATH.test(condition.path)) {
      problems.push(locate(key, [...at, "path"], say("unsafePath", language)));
    }
    const value = condition.value;
    if (typeof value === "object" && value !== null && "fact" in value) {
      const reference = value as { fact: unknown; params?: unknown };
      const valueFact = FACTS.get(String(reference.fact));
      if (!valueFact) problems.push(locate(key, [...at, "value", "fact"], unknown("unknownFact", String(reference.fact), FACTS.keys())));
      else if (!valueFact.params.safeParse(replaceParameterReferences(reference.params ?? {}, (ref) => sampleValue(ruleSet.parameters[ref.param]))).success) {
        problems.push(locate(key, [...at, "value", "params"], say("factParamsInvalid", language, { fact: valueFact.id })));
      }
    }
    for (const { reference, path: refPath } of parameterReferencesIn({ value: condition.value, params: condition.params })) {
      for (const [name, suffix] of [[reference.param, "param"], [reference.times, "times"]] as const) {
        if (name !== undefined && !(name in ruleSet.parameters)) problems.push(locate(key, [...at, ...refPath, suffix], unknown("unknownParameter", name, parameterNames)));
      }
    }
    if (isParameterReference(value) && value.times && ruleSet.parameters[value.param]?.type === "text") {
      problems.push(locate(key, [...at, "value"], say("parameterNotNumber", language, { name: value.param })));
    }
  };

  for (const [name, condition] of Object.entries(ruleSet.conditions)) {
    walkConditions(condition, checkCondition(`condition:${name}`, []));
  }
  checkNamedConditionCycles(ruleSet.conditions, (name) => problems.push(locate(`condition:${name}`, [], say("conditionCycle", language, { name }))));

  for (const rule of ruleSet.rules) {
    const key = `rule:${rule.id}`;
    walkConditions(rule.conditions, checkCondition(key, ["conditions"]));
    if (!STAGE_EVENTS[rule.stage].includes(rule.event.type)) {
      problems.push(locate(key, ["event", "type"], say("eventNotInStage", language, { event: rule.event.type, stage: rule.stage, allowed: STAGE_EVENTS[rule.stage].join(", ") })));
    }
    const event = rule.event;
    if (event.type === "risk" && !riskIds.has(event.params.riskType)) {
      problems.push(locate(key, ["event", "params", "riskType"], unknown("unknownRiskType", event.params.riskType, riskIds)));
    }
    if (event.type === "measure" && !measureIds.has(event.params.measure)) {
      problems.push(locate(key, ["event", "params", "measure"], unknown("unknownMeasureId", event.params.measure, measureIds)));
    }
    if (event.type === "flag" && event.params.unmetConditionsOf && !ruleIds.has(event.params.unmetConditionsOf)) {
      problems.push(locate(key, ["event", "params", "unmetConditionsOf"], unknown("unknownRule", event.params.unmetConditionsOf, ruleIds)));
    }
    for (const { reference, path: refPath } of parameterReferencesIn(event)) {
      if (!(reference.param in ruleSet.parameters)) problems.push(locate(key, ["event", ...refPath, "param"], unknown("unknownParameter", reference.param, parameterNames)));
    }
    for (const language of ["zh", "en"] as const) {
      const template = rule.reason?.[language];
      if (!template) continue;
      for (const placeholder of templatePlaceholders(template)) {
        const problem = placeholderProblem(placeholder, ruleSet, language);
        if (problem) problems.push(locate(key, ["reason", language], problem));
      }
    }
  }
  return problems;
}

function placeholderProblem(placeholder: string, ruleSet: Omit<RuleSet, "hash" | "origins">, language: Language): string | null {
  const [head, argument] = placeholder.split(".", 2) as [string, string | undefined];
  const values = { placeholder: `{${placeholder}}` };
  if (head === "param") {
    if (argument && argument in ruleSet.parameters) return null;
    return message("placeholderUnknownParameter", language, values) + (argument ? didYouMean(argument, Object.keys(ruleSet.parameters), language) : "");
  }
  if (head === "riskFactors" || head === "unmetConditions") return null;
  const fact = FACTS.get(head);
  if (!fact) return message("placeholderUnknownFact", language, values) + didYouMean(head, [...FACTS.keys(), "param", "riskFactors", "unmetConditions"], language);
  const params = argument === undefined ? {} : primaryParams(fact, argument);
  if (params === null || !fact.params.safeParse(params).success) return message("placeholderParams", language, { ...values, fact: head });
  return null;
}

/** The param names a fact's params schema knows (an object schema's keys). */
function knownParams(schema: unknown): string[] {
  const shape = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

function checkNamedConditionCycles(conditions: Record<string, TopLevelCondition>, report: (name: string) => void): void {
  const references = (name: string): string[] => {
    const found: string[] = [];
    const condition = conditions[name];
    if (condition) walkConditions(condition, (c) => { if ("condition" in c) found.push(c.condition); });
    return found;
  };
  for (const start of Object.keys(conditions)) {
    const stack = [...references(start)];
    const seen = new Set<string>();
    while (stack.length) {
      const next = stack.pop()!;
      if (next === start) { report(start); break; }
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...references(next));
    }
  }
}
