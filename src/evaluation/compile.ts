import type { RuleProperties } from "json-rules-engine";
import { DixianError, type Problem } from "../errors.js";
import { FACTS } from "../facts/catalogue.js";
import type { IsoDate } from "../input/calendar-date.js";
import { formatMoney } from "../input/decimal.js";
import { message, type Language } from "../messages/catalogue.js";
import {
  hasValueInForce,
  isOptionalWithoutValue,
  multiplyParameters,
  parameterInForce,
  type ParameterInForce,
} from "../rulesets/parameters.js";
import {
  parameterNamesIn,
  replaceParameterReferences,
  type ParameterReference,
} from "../rulesets/parameter-references.js";
import type { LoadedRule, RuleSet } from "../rulesets/rule-set.js";
import { indexMeasures } from "../planning/in-place-measures.js";
import type { Condition, RuleEvent, TopLevelCondition } from "../rulesets/schema.js";
import { STAGES, type Stage } from "../rulesets/stages.js";
import { isFactCondition, walkConditions } from "../rulesets/walk-conditions.js";
import { compileStageClosures } from "./compiled/compiled-stage.js";
import type { CompiledCondition } from "./compiled/compile-condition.js";
import { FactTable } from "../facts/fact-table.js";
import { compileFigures, RESULT_FIGURES } from "../facts/figures.js";
import { figuresUsedBy } from "../rulesets/figure-references.js";
import type { Engine } from "json-rules-engine";
import { engineFactory } from "./load-engine.js";
import type { CompiledRule, CompiledRuleSet, CompiledStage, StageMode } from "./types.js";
import { own, setOwn } from "../rulesets/own.js";

const STAGE_MODES: Record<Stage, StageMode> = {
  assessment: "all",
  flag: "first",
  plan: "all",
  fallback: "all",
  checks: "all",
};

/** Orders by priority, highest first; equal priorities keep the order of the files. */
function byPriority(rules: readonly LoadedRule[]): LoadedRule[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => (b.rule.priority ?? 1) - (a.rule.priority ?? 1) || a.index - b.index)
    .map(({ rule }) => rule);
}

/**
 * Compiles a rule set for one as-of date: resolves the parameters in force (throwing
 * E_NO_PARAMETER_IN_FORCE when one is missing), substitutes them into the rules, parses fact params
 * once and builds the json-rules-engine engines.
 */
export function compileRuleSet(ruleSet: RuleSet, asOf: IsoDate, language: Language = "zh"): CompiledRuleSet {
  const parameters = new Map<string, ParameterInForce>();
  const inForce = (name: string) => {
    let value = parameters.get(name);
    if (!value) {
      value = parameterInForce(ruleSet, name, asOf, language);
      parameters.set(name, value);
    }
    return value;
  };
  if (ruleSet.parameters.threshold) inForce("threshold");
  const figures = compileFigures(
    ruleSet,
    asOf,
    new Set([...RESULT_FIGURES, ...figuresUsedBy(ruleSet).map((use) => use.id)]),
    language,
  );
  const withoutValue = (name: string) => isOptionalWithoutValue(ruleSet, name, asOf);
  // An optional parameter without a value compares as null, which no operator accepts; the rules
  // using it are left out below, so this only reaches named conditions no applicable rule uses.
  const resolve = (reference: ParameterReference) =>
    withoutValue(reference.param) || (reference.times !== undefined && withoutValue(reference.times))
      ? null
      : reference.times
        ? multiplyParameters(inForce(reference.param), inForce(reference.times))
        : inForce(reference.param).value;
  const inapplicableRules: CompiledRuleSet["inapplicableRules"] = [];

  const problems: Problem[] = [];
  const compileConditions = (conditions: TopLevelCondition, origin: string): TopLevelCondition => {
    const compiled = replaceParameterReferences(conditions, resolve) as TopLevelCondition;
    walkConditions(compiled, (condition: Condition, path) => {
      if (!isFactCondition(condition)) return;
      const fact = FACTS.get(condition.fact)!;
      const parsed = fact.params.safeParse(condition.params ?? {});
      if (parsed.success) condition.params = parsed.data as Record<string, unknown>;
      else
        problems.push({
          file: origin,
          path: path.join("/"),
          message: `fact "${fact.id}": ${parsed.error.issues[0]?.message}`,
        });
      const value = condition.value as { fact?: string; params?: unknown } | null;
      if (value && typeof value === "object" && typeof value.fact === "string") {
        const valueParsed = FACTS.get(value.fact)!.params.safeParse(value.params ?? {});
        if (valueParsed.success) value.params = valueParsed.data;
      }
    });
    return compiled;
  };

  const conditions: Record<string, TopLevelCondition> = {};
  for (const [name, condition] of Object.entries(ruleSet.conditions))
    setOwn(conditions, name, compileConditions(condition, `condition:${name}`));

  // Rules whose conditions are listed as reasons (`unmetConditionsOf`) are always traced.
  const tracedRules = new Set<string>();
  for (const rule of ruleSet.rules)
    if (rule.event.type === "flag" && rule.event.params.unmetConditionsOf)
      tracedRules.add(rule.event.params.unmetConditionsOf);
  const rulesById = new Map<string, CompiledRule>();
  const facts = new FactTable();
  const compiledNamed = new Map<string, CompiledCondition>();
  const stages: CompiledStage[] = STAGES.map((stage) => {
    const rules = byPriority(ruleSet.rules.filter((rule) => rule.stage === stage)).flatMap((rule): CompiledRule[] => {
      const used = parameterNamesIn({ conditions: rule.conditions, event: rule.event });
      for (const name of namedConditionsUsed(rule.conditions, ruleSet.conditions))
        parameterNamesIn(own(ruleSet.conditions, name), used);
      const missing = [...used].filter(withoutValue).sort();
      if (missing.length) {
        inapplicableRules.push({ rule, parameters: missing });
        return [];
      }
      const compiled: CompiledRule = {
        rule,
        conditions: compileConditions(rule.conditions, `rule:${rule.id}`),
        event: replaceParameterReferences(rule.event, resolve) as RuleEvent,
        parameters: [...used].sort().map(inForce),
      };
      rulesById.set(rule.id, compiled);
      return [compiled];
    });
    const mode = STAGE_MODES[stage];
    const asEngineRule = (compiled: CompiledRule): RuleProperties => ({
      name: compiled.rule.id,
      priority: compiled.rule.priority ?? 1,
      conditions: compiled.conditions,
      event: { type: compiled.event.type },
    });
    let engines: Promise<Engine[]> | null = null;
    return {
      stage,
      mode,
      rules,
      closures: compileStageClosures(rules, conditions, facts, compiledNamed, tracedRules),
      engines: () =>
        (engines ??= engineFactory().then(({ createEngine }) =>
          mode === "all"
            ? [createEngine(rules.map(asEngineRule), conditions)]
            : rules.map((rule) => createEngine([asEngineRule(rule)], conditions)),
        )),
    };
  });
  if (problems.length) {
    const lines = problems.map((p) => `${p.file} ${p.path}${message("colon", language)}${p.message}`).join("\n");
    throw new DixianError(
      "E_RULESET_SCHEMA",
      message("doesNotCompile", language, { ruleSet: ruleSet.id, asOf, lines }),
      problems,
    );
  }
  return {
    ruleSet,
    asOf,
    stages,
    rulesById,
    parameters,
    conditions,
    facts,
    figures,
    inapplicableRules,
    staleParameters: [...parameters.values()].filter((parameter) => parameter.stale),
    provisionalParameters: [...parameters.values()].filter((parameter) => parameter.status === "provisional"),
    parametersWithValue: new Set(
      Object.keys(ruleSet.parameters).filter((name) => hasValueInForce(ruleSet, name, asOf)),
    ),
    thresholdText: parameters.has("threshold") ? formatMoney(String(parameters.get("threshold")!.value)) : null,
    measures: indexMeasures(ruleSet.measures),
    riskTypesById: new Map(ruleSet.riskTypes.map((entry) => [entry.id, entry])),
  };
}

function namedConditionsUsed(condition: TopLevelCondition, all: Record<string, TopLevelCondition>): Set<string> {
  // A worklist rather than recursion: a chain of named conditions is as long as the author made it.
  const into = new Set<string>();
  const pending = [condition];
  while (pending.length > 0) {
    walkConditions(pending.pop()!, (c) => {
      const named = "condition" in c && !into.has(c.condition) ? own(all, c.condition) : undefined;
      if (named && "condition" in c) {
        into.add(c.condition);
        pending.push(named);
      }
    });
  }
  return into;
}
