import type { ProblemWords } from "../errors.js";
import { OPERATOR_NAMES } from "./operators.js";
import { FACTS } from "../facts/catalogue.js";
import type { CatalogueName } from "../facts/fact-definition.js";
import { parseFigureTerm, RESULT_FIGURES, variantTerms } from "./figure-terms.js";
import { isDecimalText } from "../input/decimal.js";
import { figuresUsedBy } from "./figure-references.js";
import { parameterRangeProblem, parameterValueProblem } from "./parameters.js";
import { GUARANTEE_ITEMS } from "../input/enums.js";
import { inBothLanguages, issueWords } from "../messages/zod-issues.js";
import { type Words, both, joinWords, message } from "../messages/catalogue.js";
import { suggestionWords } from "../messages/suggestion.js";
import { isParameterReference, parameterReferencesIn, replaceParameterReferences } from "./parameter-references.js";
import type { RuleSet } from "./rule-set.js";
import { FIGURE_INPUT_FIELDS, STAGE_EVENTS, type Condition, type Parameter } from "./schema.js";
import { isFactCondition, walkConditions } from "./walk-conditions.js";
import { namedConditionCycles } from "./condition-graph.js";
import { primaryParams, templatePlaceholders } from "./templates.js";
import { hasOwn, own } from "./own.js";

type Locate = (key: string, path: readonly PropertyKey[], message: Words) => ProblemWords;

/** Plain property and index access only: json-rules-engine hands paths to jsonpath-plus, whose filters can run code. */
const SAFE_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d{1,6}\])*$/;

/** A value of the parameter's type, to check fact params that reference it. */
function sampleValue(parameter: Parameter | undefined): unknown {
  return parameter?.values[0]?.value ?? null;
}

/**
 * The semantic checks a schema cannot make: every fact, operator, parameter, risk type, measure,
 * named condition and rule that is referenced exists and fits; parameter periods are in order.
 * Problems are worded in `language`; an unknown name comes with the closest known one.
 */
export function checkReferences(ruleSet: Omit<RuleSet, "hash" | "origins">, locate: Locate): ProblemWords[] {
  const problems: ProblemWords[] = [];
  const riskIds = new Set(ruleSet.riskTypes.map((entry) => entry.id));
  const measureIds = new Set(ruleSet.measures.map((entry) => entry.id));
  const ruleIds = new Set(ruleSet.rules.map((rule) => rule.id));
  const parameterNames = Object.keys(ruleSet.parameters);

  const unknown = (id: Parameters<typeof message>[0], name: string, known: Iterable<string>) =>
    joinWords(both(id, { name }), suggestionWords(name, known));
  const groupCodes = new Set(ruleSet.measureGroups.map((group) => group.code));
  const catalogues: Record<CatalogueName, ReadonlySet<string>> = { riskTypes: riskIds, measureGroups: groupCodes };
  const unknownIn = (catalogue: CatalogueName, name: string) =>
    catalogue === "riskTypes"
      ? unknown("unknownRiskType", name, riskIds)
      : unknown("unknownMeasureGroup", name, groupCodes);

  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    parameter.values.forEach((value, index) => {
      const outOfRange = parameterRangeProblem(parameter.type, value.value);
      if (outOfRange) {
        problems.push(
          locate(
            `parameter:${name}`,
            ["values", index, "value"],
            both("parameterOutOfRange", { value: JSON.stringify(value.value), range: outOfRange }),
          ),
        );
      } else if (parameterValueProblem(parameter.type, value.value)) {
        problems.push(
          locate(
            `parameter:${name}`,
            ["values", index, "value"],
            both(["money", "decimal", "ratio"].includes(parameter.type) ? "expectedDecimalText" : "expectedValueType", {
              type: parameter.type,
            }),
          ),
        );
      }
      if (value.until !== undefined && value.until < value.from) {
        problems.push(
          locate(
            `parameter:${name}`,
            ["values", index, "until"],
            both("untilBeforeFrom", { until: value.until, from: value.from }),
          ),
        );
      }
      const next = parameter.values[index + 1];
      if (next && next.from === value.from) {
        problems.push(
          locate(`parameter:${name}`, ["values", index + 1, "from"], both("twoValuesSameStart", { from: value.from })),
        );
      } else if (next && value.until !== undefined && value.until >= next.from) {
        problems.push(
          locate(`parameter:${name}`, ["values", index, "until"], both("periodOverlaps", { from: next.from })),
        );
      }
    });
  }

  problems.push(...checkFigures(ruleSet, locate));

  for (const item of GUARANTEE_ITEMS) {
    if (!ruleSet.guarantees.some((entry) => entry.id === item)) {
      problems.push({ file: ruleSet.id, path: "/guarantees", message: both("guaranteeMissing", { item }) });
    }
  }

  const checkCondition = (key: string, base: PropertyKey[]) => (condition: Condition, path: PropertyKey[]) => {
    const at = [...base, ...path];
    if ("condition" in condition && !hasOwn(ruleSet.conditions, condition.condition)) {
      problems.push(
        locate(
          key,
          [...at, "condition"],
          unknown("unknownNamedCondition", condition.condition, Object.keys(ruleSet.conditions)),
        ),
      );
    }
    if (!isFactCondition(condition)) return;
    const fact = FACTS.get(condition.fact);
    if (!fact) {
      problems.push(locate(key, [...at, "fact"], unknown("unknownFact", condition.fact, FACTS.keys())));
    } else {
      const params = replaceParameterReferences(condition.params ?? {}, (ref) =>
        sampleValue(own(ruleSet.parameters, ref.param)),
      );
      const parsed = fact.params.safeParse(params, inBothLanguages());
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const keys = (issue as { keys?: string[] }).keys;
          const problem = keys
            ? joinWords(
                both("factTakesNoParam", { fact: fact.id, keys: keys.map((k) => JSON.stringify(k)).join(", ") }),
                keys.length === 1 ? suggestionWords(keys[0]!, knownParams(fact.params)) : "",
              )
            : both("factParam", { fact: fact.id, detail: issueWords(issue) });
          problems.push(locate(key, [...at, "params", ...issue.path, ...(keys ? [keys[0]!] : [])], problem));
        }
      }
    }
    for (const [param, catalogue] of Object.entries(fact?.catalogueParams ?? {})) {
      const value: unknown = condition.params?.[param];
      const names = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
      names.forEach((name: unknown, index) => {
        if (typeof name !== "string" || catalogues[catalogue].has(name)) return;
        const where = typeof value === "string" ? [...at, "params", param] : [...at, "params", param, index];
        problems.push(locate(key, where, unknownIn(catalogue, name)));
      });
    }
    if (condition.fact === "parameterHasValue") {
      const name = (condition.params as { name?: unknown } | undefined)?.name;
      if (typeof name === "string" && !hasOwn(ruleSet.parameters, name))
        problems.push(locate(key, [...at, "params", "name"], unknown("unknownParameter", name, parameterNames)));
    }
    if (!OPERATOR_NAMES.has(condition.operator)) {
      problems.push(locate(key, [...at, "operator"], unknown("unknownOperator", condition.operator, OPERATOR_NAMES)));
    } else {
      const unsafe = moneyUnsafeComparison(condition, ruleSet);
      if (unsafe) problems.push(locate(key, [...at, "operator"], unsafe));
    }
    if (condition.path !== undefined && !SAFE_PATH.test(condition.path)) {
      problems.push(locate(key, [...at, "path"], both("unsafePath")));
    }
    const value = condition.value;
    if (typeof value === "object" && value !== null && "fact" in value) {
      const reference = value as { fact: unknown; params?: unknown };
      const valueFact = FACTS.get(String(reference.fact));
      if (!valueFact)
        problems.push(
          locate(key, [...at, "value", "fact"], unknown("unknownFact", String(reference.fact), FACTS.keys())),
        );
      else if (
        !valueFact.params.safeParse(
          replaceParameterReferences(reference.params ?? {}, (ref) => sampleValue(own(ruleSet.parameters, ref.param))),
        ).success
      ) {
        problems.push(locate(key, [...at, "value", "params"], both("factParamsInvalid", { fact: valueFact.id })));
      }
    }
    for (const { reference, path: refPath } of parameterReferencesIn({
      value: condition.value,
      params: condition.params,
    })) {
      for (const [name, suffix] of [
        [reference.param, "param"],
        [reference.times, "times"],
      ] as const) {
        if (name !== undefined && !hasOwn(ruleSet.parameters, name))
          problems.push(locate(key, [...at, ...refPath, suffix], unknown("unknownParameter", name, parameterNames)));
      }
    }
    if (isParameterReference(value) && value.times && own(ruleSet.parameters, value.param)?.type === "text") {
      problems.push(locate(key, [...at, "value"], both("parameterNotNumber", { name: value.param })));
    }
  };

  // Condition texts (label, unmet) are reason templates too.
  const checkTexts = (key: string, base: PropertyKey[]) => (condition: Condition, path: PropertyKey[]) => {
    for (const field of ["label", "unmet"] as const)
      for (const language of ["zh", "en"] as const) {
        const template = condition[field]?.[language];
        if (!template) continue;
        for (const placeholder of templatePlaceholders(template)) {
          const problem = placeholderProblem(placeholder, ruleSet);
          if (problem) problems.push(locate(key, [...base, ...path, field, language], problem));
        }
      }
  };
  for (const [name, condition] of Object.entries(ruleSet.conditions)) {
    walkConditions(condition, checkCondition(`condition:${name}`, []));
    walkConditions(condition, checkTexts(`condition:${name}`, []));
  }
  for (const measure of ruleSet.measures) {
    if (!groupCodes.has(measure.group))
      problems.push(
        locate(`measures:${measure.id}`, ["group"], unknown("unknownMeasureGroup", measure.group, groupCodes)),
      );
  }
  const cycles = namedConditionCycles(ruleSet.conditions);
  for (const name of Object.keys(ruleSet.conditions))
    if (cycles.has(name)) problems.push(locate(`condition:${name}`, [], both("conditionCycle", { name })));

  for (const rule of ruleSet.rules) {
    const key = `rule:${rule.id}`;
    walkConditions(rule.conditions, checkCondition(key, ["conditions"]));
    walkConditions(rule.conditions, checkTexts(key, ["conditions"]));
    if (!STAGE_EVENTS[rule.stage].includes(rule.event.type)) {
      problems.push(
        locate(
          key,
          ["event", "type"],
          both("eventNotInStage", {
            event: rule.event.type,
            stage: rule.stage,
            allowed: STAGE_EVENTS[rule.stage].join(", "),
          }),
        ),
      );
    }
    const event = rule.event;
    if (event.type === "risk" && !riskIds.has(event.params.riskType)) {
      problems.push(
        locate(key, ["event", "params", "riskType"], unknown("unknownRiskType", event.params.riskType, riskIds)),
      );
    }
    if (event.type === "measure" && !measureIds.has(event.params.measure)) {
      problems.push(
        locate(key, ["event", "params", "measure"], unknown("unknownMeasureId", event.params.measure, measureIds)),
      );
    }
    if (event.type === "flag" && event.params.unmetConditionsOf && !ruleIds.has(event.params.unmetConditionsOf)) {
      problems.push(
        locate(
          key,
          ["event", "params", "unmetConditionsOf"],
          unknown("unknownRule", event.params.unmetConditionsOf, ruleIds),
        ),
      );
    } else if (event.type === "flag" && event.params.unmetConditionsOf) {
      problems.push(...missingUnmetTexts(event.params.unmetConditionsOf, ruleSet, locate));
    }
    for (const { reference, path: refPath } of parameterReferencesIn(event)) {
      if (!hasOwn(ruleSet.parameters, reference.param))
        problems.push(
          locate(key, ["event", ...refPath, "param"], unknown("unknownParameter", reference.param, parameterNames)),
        );
    }
    for (const language of ["zh", "en"] as const) {
      const template = rule.reason?.[language];
      if (!template) continue;
      for (const placeholder of templatePlaceholders(template)) {
        const problem =
          event.type === "task" && LEAD_PLACEHOLDERS.has(placeholder)
            ? null
            : placeholder === LIMIT_PLACEHOLDER
              ? event.type === "limit"
                ? null
                : both("limitPlaceholderOnly", { placeholder: `{${placeholder}}` })
              : placeholderProblem(placeholder, ruleSet);
        if (problem) problems.push(locate(key, ["reason", language], problem));
      }
    }
  }
  return problems;
}

/** What a task rule's reason may say of the lead each task is for (results/task-text). */
const LEAD_PLACEHOLDERS: ReadonlySet<string> = new Set(["lead.source", "lead.date", "lead.dueBy"]);
/** Placeholders that list what the earlier stages found (results/reason-text). */
const TEXT_PLACEHOLDERS: ReadonlySet<string> = new Set([
  "riskFactors",
  "detectedRisks",
  "guaranteeProblems",
  "guaranteesNotOk",
]);
/** What a limit rule's reason says of the suggestions it left out (screening/screen-household). */
const LIMIT_PLACEHOLDER = "limit.leftOut";

/**
 * The top-level conditions of a rule whose unmet conditions another rule lists as reasons, that have
 * no `unmet` text (on the condition or on the named condition it refers to): an unmet condition must
 * be written as the failing fact, never as its label with "not met" before it.
 */
function missingUnmetTexts(ruleId: string, ruleSet: Omit<RuleSet, "hash" | "origins">, locate: Locate): ProblemWords[] {
  const rule = ruleSet.rules.find((candidate) => candidate.id === ruleId);
  if (!rule || !("all" in rule.conditions)) return [];
  const problems: ProblemWords[] = [];
  rule.conditions.all.forEach((condition, index) => {
    const named = "condition" in condition ? own(ruleSet.conditions, condition.condition) : undefined;
    if (condition.unmet || named?.unmet) return;
    problems.push(locate(`rule:${ruleId}`, ["conditions", "all", index], both("unmetTextMissing", { rule: ruleId })));
  });
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
function moneyUnsafeComparison(
  condition: { fact: string; operator: string; value: unknown; params?: Record<string, unknown> },
  ruleSet: Omit<RuleSet, "hash" | "origins">,
): Words | null {
  const replacement = DECIMAL_OPERATOR_FOR[condition.operator];
  if (!replacement) return null;
  const value = condition.value;
  if (value === null && (condition.operator === "equal" || condition.operator === "notEqual")) return null;
  const fact = FACTS.get(condition.fact);
  let what: Words | null = null;
  if (fact && DECIMAL_VALUE_TYPES.has(fact.valueType)) {
    what = both(
      fact.valueType === "ratio"
        ? "unsafeFactRatio"
        : fact.valueType === "money"
          ? "unsafeFactMoney"
          : "unsafeFactDecimal",
      { fact: fact.id },
    );
  } else if (isDecimalText(value)) what = both("unsafeNumericString", { value });
  else if (isParameterReference(value)) {
    const type = own(ruleSet.parameters, value.param)?.type;
    if (value.times) what = both("unsafeParameterTimes", { name: value.param });
    else if (type && DECIMAL_PARAMETER_TYPES.has(type))
      what = both(type === "money" ? "unsafeParameterMoney" : "unsafeParameterType", {
        name: value.param,
        type,
      });
  } else if (typeof value === "object" && value !== null && "fact" in value) {
    const other = FACTS.get(String(value.fact));
    if (other && DECIMAL_VALUE_TYPES.has(other.valueType))
      what = both("unsafeComparedFact", { fact: other.id, type: other.valueType });
  }
  if (!what) return null;
  return both("moneyUnsafeOperator", { operator: condition.operator, what, replacement });
}

/**
 * The figure definitions: every term names a known input field or a defined figure, `perMember`
 * names a figure, no figure reads itself through others, and every figure the rules or the
 * results read is defined.
 */
function checkFigures(ruleSet: Omit<RuleSet, "hash" | "origins">, locate: Locate): ProblemWords[] {
  const problems: ProblemWords[] = [];
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
          problems.push(locate(`figure:${id}`, [...base, ...path], both("figureUnknownField", { term, groups })));
        } else if (parsed.kind === "field" && path[0] === "perMember") {
          problems.push(locate(`figure:${id}`, [...base, ...path], both("figurePerMemberField", { term })));
        } else if (parsed.kind === "figure") {
          if (!defined(parsed.id))
            problems.push(
              locate(
                `figure:${id}`,
                [...base, ...path],
                joinWords(both("figureUnknown", { name: parsed.id }), suggestionWords(parsed.id, Object.keys(figures))),
              ),
            );
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
      problems.push(locate(`figure:${id}`, [], both("figureCycle", { name: id, cycle: path.join(" → ") })));
    });
  }
  for (const use of figuresUsedBy(ruleSet)) {
    if (!defined(use.id))
      problems.push(
        locate(
          use.key,
          use.path,
          joinWords(both("figureUsedUndefined", { name: use.id }), suggestionWords(use.id, Object.keys(figures))),
        ),
      );
  }
  for (const id of RESULT_FIGURES) {
    if (!defined(id)) problems.push(locate(`figure:${id}`, [], both("figureResultUndefined", { name: id })));
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

function placeholderProblem(placeholder: string, ruleSet: Omit<RuleSet, "hash" | "origins">): Words | null {
  const [head, argument] = placeholder.split(".", 2) as [string, string | undefined];
  const values = { placeholder: `{${placeholder}}` };
  if (head === "param") {
    if (argument && hasOwn(ruleSet.parameters, argument)) return null;
    return joinWords(
      both("placeholderUnknownParameter", values),
      argument ? suggestionWords(argument, Object.keys(ruleSet.parameters)) : "",
    );
  }
  if (TEXT_PLACEHOLDERS.has(head)) return null;
  const fact = FACTS.get(head);
  if (!fact)
    return joinWords(
      both("placeholderUnknownFact", values),
      suggestionWords(head, [...FACTS.keys(), "param", ...TEXT_PLACEHOLDERS]),
    );
  const params = argument === undefined ? {} : primaryParams(fact, argument);
  if (params === null || !fact.params.safeParse(params).success)
    return both("placeholderParams", { ...values, fact: head });
  return null;
}

/** The param names a fact's params schema knows (an object schema's keys). */
function knownParams(schema: unknown): string[] {
  const shape = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}
