import type { Problem } from "../errors.js";
import { OPERATOR_NAMES } from "../evaluation/operators.js";
import { FACTS } from "../facts/catalogue.js";
import { parseFigureTerm, RESULT_FIGURES, variantTerms } from "../facts/figures.js";
import { isDecimalText } from "../input/decimal.js";
import { figuresUsedBy } from "./figure-references.js";
import { parameterValueProblem } from "./parameters.js";
import { GUARANTEE_ITEMS } from "../input/enums.js";
import { isParameterReference, parameterReferencesIn, replaceParameterReferences } from "./parameter-references.js";
import type { RuleSet } from "./rule-set.js";
import { FIGURE_INPUT_FIELDS, STAGE_EVENTS, type Condition, type Parameter, type TopLevelCondition } from "./schema.js";
import { isFactCondition, walkConditions } from "./walk-conditions.js";
import { primaryParams, templatePlaceholders } from "./templates.js";
import { hasOwn, own } from "./own.js";

type Locate = (key: string, path: readonly PropertyKey[], message: string) => Problem;

/** Plain property and index access only: json-rules-engine hands paths to jsonpath-plus, whose filters can run code. */
const SAFE_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d{1,6}\])*$/;

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
      if (parameterValueProblem(parameter.type, value.value)) {
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

  problems.push(...checkFigures(ruleSet, locate));

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
    } else {
      const unsafe = moneyUnsafeComparison(condition, ruleSet);
      if (unsafe) problems.push(locate(key, [...at, "operator"], unsafe));
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
        const problem = placeholderProblem(placeholder, ruleSet);
        if (problem) problems.push(locate(key, ["reason", language], problem));
      }
    }
  }
  return problems;
}

/** The plain json-rules-engine comparisons and the exact decimal operator to use instead of each. */
export const DECIMAL_OPERATOR_FOR: Readonly<Record<string, string>> = {
  lessThan: "decimalLessThan",
  lessThanInclusive: "decimalLessThanInclusive",
  greaterThan: "decimalGreaterThan",
  greaterThanInclusive: "decimalGreaterThanInclusive",
  equal: "decimalEqual",
  notEqual: "decimalNotEqual",
};

/** Fact value types whose values are exact decimals (money, quotients, shares), compared only with decimal operators. */
const DECIMAL_VALUE_TYPES: ReadonlySet<string> = new Set(["money", "decimal", "ratio"]);
const DECIMAL_PARAMETER_TYPES: ReadonlySet<string> = new Set(["money", "decimal", "ratio"]);

/**
 * Why a condition compares money the unsafe way, or null. json-rules-engine's numeric operators
 * compare what they are given as JavaScript values — decimal strings as text ("21333.33" sorts before "9000")
 * — so a money or ratio fact (by its declared value type), a numeric string, or a money, decimal or
 * ratio parameter compared with one of them is an error; `equal`/`notEqual` with null (data absent) is not.
 */
function moneyUnsafeComparison(condition: { fact: string; operator: string; value: unknown; params?: Record<string, unknown> }, ruleSet: Omit<RuleSet, "hash" | "origins">): string | null {
  const replacement = DECIMAL_OPERATOR_FOR[condition.operator];
  if (!replacement) return null;
  const value = condition.value;
  if (value === null && (condition.operator === "equal" || condition.operator === "notEqual")) return null;
  const fact = FACTS.get(condition.fact);
  let what: string | null = null;
  if (fact && DECIMAL_VALUE_TYPES.has(fact.valueType)) what = `fact "${fact.id}" is ${fact.valueType === "ratio" ? "a ratio" : fact.valueType === "money" ? "money" : "an exact decimal"}`;
  else if (isDecimalText(value)) what = `the value "${value}" is a numeric string`;
  else if (isParameterReference(value)) {
    const type = ruleSet.parameters[value.param]?.type;
    if (value.times || (type && DECIMAL_PARAMETER_TYPES.has(type))) what = `parameter "${value.param}" is ${value.times ? "multiplied exactly" : type === "money" ? "money" : `a ${type}`}`;
  } else if (typeof value === "object" && value !== null && "fact" in value) {
    const other = FACTS.get(String((value as { fact: unknown }).fact));
    if (other && DECIMAL_VALUE_TYPES.has(other.valueType)) what = `the compared fact "${other.id}" is ${other.valueType}`;
  }
  if (!what) return null;
  return `operator "${condition.operator}" compares numbers as JavaScript values (decimal strings as text), but ${what}: use "${replacement}", which compares exact decimals`;
}

/**
 * The figure definitions: every term names a known input field or a defined figure, `perMember`
 * names a figure, no figure reads itself through others, and every figure the rules or the
 * results read is defined.
 */
function checkFigures(ruleSet: Omit<RuleSet, "hash" | "origins">, locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const figures = ruleSet.figures;
  const defined = (id: string) => Object.hasOwn(figures, id);
  const reads = new Map<string, Set<string>>();
  for (const [id, figure] of Object.entries(figures)) {
    const dated = figure.variants[0]?.from !== undefined;
    const targets = new Set<string>();
    figure.variants.forEach((variant, index) => {
      const base: PropertyKey[] = dated ? ["values", index] : [];
      for (const { term, path } of variantTerms(variant)) {
        const parsed = parseFigureTerm(term);
        if (parsed.kind === "unknownField") {
          const groups = Object.keys(FIGURE_INPUT_FIELDS).join(".*, ") + ".*";
          problems.push(locate(`figure:${id}`, [...base, ...path], `unknown field "${term}" (a figure adds ${groups} money fields and other figures)`));
        } else if (parsed.kind === "field" && path[0] === "perMember") {
          problems.push(locate(`figure:${id}`, [...base, ...path], `perMember divides a figure, not the field "${term}": define a figure that adds it`));
        } else if (parsed.kind === "figure") {
          if (!defined(parsed.id)) problems.push(locate(`figure:${id}`, [...base, ...path], `unknown figure "${parsed.id}": it is not defined in any figures.json of this rule set`));
          else targets.add(parsed.id);
        }
      }
    });
    reads.set(id, targets);
  }
  for (const cycle of figureCycles(reads)) {
    // Each figure on the cycle is reported, with the cycle read from it.
    cycle.forEach((id, index) => {
      const path = [...cycle.slice(index), ...cycle.slice(0, index), id];
      problems.push(locate(`figure:${id}`, [], `figure "${id}" reads itself: ${path.join(" → ")}`));
    });
  }
  for (const use of figuresUsedBy(ruleSet)) {
    if (!defined(use.id)) problems.push(locate(use.key, use.path, `figure "${use.id}" is used here but never defined (add it to figures.json)`));
  }
  for (const id of RESULT_FIGURES) {
    if (!defined(id)) problems.push(locate(`figure:${id}`, [], `figure "${id}" is reported in every result but never defined (add it to figures.json)`));
  }
  return problems;
}

/**
 * The cycles among figures (Tarjan's strongly connected components): each component of more than
 * one figure, or a figure that reads itself, as one cycle through its members. Linear in the
 * definitions, so a hostile file of many figures cannot make it slow.
 */
function figureCycles(reads: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    onStack.add(id);
    for (const next of reads.get(id) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(id, Math.min(low.get(id)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(id, Math.min(low.get(id)!, index.get(next)!));
    }
    if (low.get(id) !== index.get(id)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== id);
    if (component.length > 1 || reads.get(id)?.has(id)) cycles.push(orderAlongReads(component.reverse(), reads));
  };
  for (const id of reads.keys()) if (!index.has(id)) connect(id);
  return cycles;
}

/** The members of a cycle in an order where each reads the next (for a readable message). */
function orderAlongReads(members: string[], reads: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const inCycle = new Set(members);
  const ordered = [members[0]!];
  const seen = new Set(ordered);
  while (ordered.length < members.length) {
    const next = [...(reads.get(ordered[ordered.length - 1]!) ?? [])].find((id) => inCycle.has(id) && !seen.has(id));
    if (!next) break;
    ordered.push(next);
    seen.add(next);
  }
  return ordered.length === members.length ? ordered : members;
}

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
