import type { Problem } from "../errors.js";
import { OPERATOR_NAMES } from "../evaluation/operators.js";
import { FACTS } from "../facts/catalogue.js";
import { moneyProblem } from "../input/decimal.js";
import { GUARANTEE_ITEMS } from "../input/enums.js";
import { isParameterReference, parameterReferencesIn, replaceParameterReferences } from "./parameter-references.js";
import type { RuleSet } from "./rule-set.js";
import { STAGE_EVENTS, type Condition, type Parameter, type TopLevelCondition } from "./schema.js";
import { isFactCondition, walkConditions } from "./walk-conditions.js";
import { primaryParams, templatePlaceholders } from "./templates.js";
import { hasOwn, own } from "./own.js";

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
 */
export function checkReferences(ruleSet: Omit<RuleSet, "hash" | "origins">, locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const riskIds = new Set(ruleSet.riskTypes.map((entry) => entry.id));
  const measureIds = new Set(ruleSet.measures.map((entry) => entry.id));
  const ruleIds = new Set(ruleSet.rules.map((rule) => rule.id));

  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    parameter.values.forEach((value, index) => {
      if (!VALUE_PATTERNS[parameter.type](value.value)) {
        problems.push(locate(`parameter:${name}`, ["values", index, "value"], `expected a ${["money", "decimal", "ratio"].includes(parameter.type) ? `${parameter.type} written as a decimal string` : parameter.type}`));
      }
      if (value.until !== undefined && value.until < value.from) {
        problems.push(locate(`parameter:${name}`, ["values", index, "until"], `until ${value.until} is before from ${value.from}`));
      }
      const next = parameter.values[index + 1];
      if (next && next.from === value.from) {
        problems.push(locate(`parameter:${name}`, ["values", index + 1, "from"], `two values start on ${value.from}`));
      } else if (next && value.until !== undefined && value.until >= next.from) {
        problems.push(locate(`parameter:${name}`, ["values", index, "until"], `period overlaps the next value, which starts ${next.from}`));
      }
    });
  }

  for (const item of GUARANTEE_ITEMS) {
    if (!ruleSet.guarantees.some((entry) => entry.id === item)) {
      problems.push({ file: ruleSet.id, path: "/guarantees", message: `the 3+1 item "${item}" needs a catalogue entry in guarantees.json` });
    }
  }

  const checkCondition = (key: string, base: PropertyKey[]) => (condition: Condition, path: PropertyKey[]) => {
    const at = [...base, ...path];
    if ("condition" in condition && !hasOwn(ruleSet.conditions, condition.condition)) {
      problems.push(locate(key, [...at, "condition"], `unknown named condition "${condition.condition}"`));
    }
    if (!isFactCondition(condition)) return;
    const fact = FACTS.get(condition.fact);
    if (!fact) {
      problems.push(locate(key, [...at, "fact"], `unknown fact "${condition.fact}" (see docs/facts.md)`));
    } else {
      const params = replaceParameterReferences(condition.params ?? {}, (ref) => sampleValue(own(ruleSet.parameters, ref.param)));
      const parsed = fact.params.safeParse(params);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const keys = (issue as { keys?: string[] }).keys;
          const message = keys ? `fact "${fact.id}" takes no param ${keys.map((k) => JSON.stringify(k)).join(", ")}` : `fact "${fact.id}" param: ${issue.message}`;
          problems.push(locate(key, [...at, "params", ...issue.path, ...(keys ? [keys[0]!] : [])], message));
        }
      }
    }
    if (!OPERATOR_NAMES.has(condition.operator)) {
      problems.push(locate(key, [...at, "operator"], `unknown operator "${condition.operator}"`));
    }
    if (condition.path !== undefined && !SAFE_PATH.test(condition.path)) {
      problems.push(locate(key, [...at, "path"], "only plain paths such as $.a.b or $.list[0] are allowed"));
    }
    const value = condition.value;
    if (typeof value === "object" && value !== null && "fact" in value) {
      const reference = value as { fact: unknown; params?: unknown };
      const valueFact = FACTS.get(String(reference.fact));
      if (!valueFact) problems.push(locate(key, [...at, "value", "fact"], `unknown fact "${String(reference.fact)}"`));
      else if (!valueFact.params.safeParse(replaceParameterReferences(reference.params ?? {}, (ref) => sampleValue(own(ruleSet.parameters, ref.param)))).success) {
        problems.push(locate(key, [...at, "value", "params"], `invalid params for fact "${valueFact.id}"`));
      }
    }
    for (const { reference, path: refPath } of parameterReferencesIn({ value: condition.value, params: condition.params })) {
      for (const [name, suffix] of [[reference.param, "param"], [reference.times, "times"]] as const) {
        if (name !== undefined && !hasOwn(ruleSet.parameters, name)) problems.push(locate(key, [...at, ...refPath, suffix], `unknown parameter "${name}"`));
      }
    }
    if (isParameterReference(value) && value.times && own(ruleSet.parameters, value.param)?.type === "text") {
      problems.push(locate(key, [...at, "value"], `parameter "${value.param}" is not a number`));
    }
  };

  for (const [name, condition] of Object.entries(ruleSet.conditions)) {
    walkConditions(condition, checkCondition(`condition:${name}`, []));
  }
  checkNamedConditionCycles(ruleSet.conditions, (name) => problems.push(locate(`condition:${name}`, [], `named condition "${name}" refers to itself through other conditions`)));

  for (const rule of ruleSet.rules) {
    const key = `rule:${rule.id}`;
    walkConditions(rule.conditions, checkCondition(key, ["conditions"]));
    if (!STAGE_EVENTS[rule.stage].includes(rule.event.type)) {
      problems.push(locate(key, ["event", "type"], `a "${rule.event.type}" event cannot come from the ${rule.stage} stage (allowed: ${STAGE_EVENTS[rule.stage].join(", ")})`));
    }
    const event = rule.event;
    if (event.type === "risk" && !riskIds.has(event.params.riskType)) {
      problems.push(locate(key, ["event", "params", "riskType"], `unknown risk type "${event.params.riskType}"`));
    }
    if (event.type === "measure" && !measureIds.has(event.params.measure)) {
      problems.push(locate(key, ["event", "params", "measure"], `unknown measure "${event.params.measure}"`));
    }
    if (event.type === "flag" && event.params.unmetConditionsOf && !ruleIds.has(event.params.unmetConditionsOf)) {
      problems.push(locate(key, ["event", "params", "unmetConditionsOf"], `unknown rule "${event.params.unmetConditionsOf}"`));
    }
    for (const { reference, path: refPath } of parameterReferencesIn(event)) {
      if (!hasOwn(ruleSet.parameters, reference.param)) problems.push(locate(key, ["event", ...refPath, "param"], `unknown parameter "${reference.param}"`));
    }
    for (const language of ["zh", "en"] as const) {
      const template = rule.reason?.[language];
      if (!template) continue;
      for (const placeholder of templatePlaceholders(template)) {
        const problem = event.type === "task" && LEAD_PLACEHOLDERS.has(placeholder) ? null : placeholderProblem(placeholder, ruleSet);
        if (problem) problems.push(locate(key, ["reason", language], problem));
      }
    }
  }
  return problems;
}

/** What a task rule's reason may say of the lead each task is for (results/task-text). */
const LEAD_PLACEHOLDERS: ReadonlySet<string> = new Set(["lead.source", "lead.date", "lead.dueBy"]);

function placeholderProblem(placeholder: string, ruleSet: Omit<RuleSet, "hash" | "origins">): string | null {
  const [head, argument] = placeholder.split(".", 2) as [string, string | undefined];
  if (head === "param") return argument && hasOwn(ruleSet.parameters, argument) ? null : `unknown parameter in {${placeholder}}`;
  if (head === "riskFactors" || head === "unmetConditions") return null;
  const fact = FACTS.get(head);
  if (!fact) return `unknown fact in {${placeholder}}`;
  const params = argument === undefined ? {} : primaryParams(fact, argument);
  if (params === null || !fact.params.safeParse(params).success) return `{${placeholder}} cannot fill the params of fact "${head}"`;
  return null;
}

function checkNamedConditionCycles(conditions: Record<string, TopLevelCondition>, report: (name: string) => void): void {
  const references = (name: string): string[] => {
    const found: string[] = [];
    const condition = own(conditions, name);
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
