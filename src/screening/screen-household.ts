import type { CompiledRuleSet } from "../evaluation/compile.js";
import type { EngineTrace } from "../evaluation/condition-trace.js";
import { evaluateClosureStage } from "../evaluation/compiled/compiled-stage.js";
import { evaluateStageWithJsonRulesEngine, type EngineName, type RuleOutcome } from "../evaluation/evaluate-stage.js";
import { HouseholdFacts } from "../facts/fact-table.js";
import { buildHouseholdContext } from "../facts/household-context.js";
import { formatMoney } from "../input/decimal.js";
import type { Category } from "../input/enums.js";
import type { Household } from "../input/household-schema.js";
import { inPlaceMeasures } from "../planning/in-place-measures.js";
import { measurePlan } from "../planning/measure-plan.js";
import { explain } from "../results/explanation.js";
import { message } from "../results/messages.js";
import { localize, reasonWriter } from "../results/reason-text.js";
import type { CheckResult, Language, RiskTypeResult, ScreeningResult } from "../results/result-types.js";

/** Options for screening one validated household. */
export interface HouseholdScreeningOptions {
  language: Language;
  explain: boolean;
  /** The evaluator: compiled closures (default) or json-rules-engine. */
  engine?: EngineName;
}

/**
 * Screens one validated household: runs the stages in order (risk types and 3+1 → flag → plan →
 * fallback → checks), each stage reading what the earlier ones decided, and assembles the result.
 */
export async function screenHousehold(
  compiled: CompiledRuleSet,
  household: Household,
  options: HouseholdScreeningOptions,
): Promise<ScreeningResult> {
  const { ruleSet, asOf } = compiled;
  const { language } = options;
  const placed = inPlaceMeasures(household, compiled.measures);
  const context = buildHouseholdContext(household, asOf, placed);
  const facts = new HouseholdFacts(compiled.facts, context);
  const write = reasonWriter(compiled, facts, language);

  const risks = new Map<string, { code: string; reasons: string[] }>();
  const suggested = new Map<string, string[]>();
  const reasons: string[] = [];
  const checks: CheckResult[] = [];
  let followUp: ScreeningResult["followUp"] = null;
  const allOutcomes: RuleOutcome[] = [];

  for (const stage of compiled.stages) {
    facts.nextStage();
    const outcomes = options.engine === "json-rules-engine"
      ? await evaluateStageWithJsonRulesEngine(stage, context)
      : evaluateClosureStage(stage.closures, stage.mode, facts, options.explain);
    if (options.explain) allOutcomes.push(...outcomes);
    for (const { compiled: rule, status } of outcomes) {
      if (status !== "met") continue;
      const event = rule.event;
      // Reasons are written only where a result shows them (not for 3+1 or follow-up rules).
      const reasonText = () => write(rule.rule.reason ?? rule.rule.label);
      switch (event.type) {
        case "risk": {
          const existing = risks.get(event.params.riskType);
          if (existing) existing.reasons.push(reasonText());
          else {
            const code = event.params.code ?? compiled.riskTypesById.get(event.params.riskType)!.code;
            risks.set(event.params.riskType, { code, reasons: [reasonText()] });
          }
          context.stages.riskTypes.add(event.params.riskType);
          break;
        }
        case "guarantee": {
          const { item, status: itemStatus } = event.params;
          if (itemStatus === "unknown" || context.stages.guarantees[item] !== "unknown") context.stages.guarantees[item] = itemStatus;
          break;
        }
        case "flag": {
          context.stages.flag = event.params.flag;
          const category = event.params.category === "recorded" ? (household.monitoring?.category ?? null) : event.params.category;
          context.stages.category = category as Category | null;
          reasons.push(reasonText());
          if (event.params.unmetConditionsOf) {
            const other = outcomes.find((outcome) => outcome.compiled.rule.id === event.params.unmetConditionsOf);
            for (const label of unmetLabels(other?.trace ?? null)) {
              reasons.push(message("unmetCondition", language, { label: write(label) }));
            }
          }
          break;
        }
        case "measure": {
          const entry = compiled.measures.byId.get(event.params.measure)!;
          const list = suggested.get(entry.id) ?? [];
          const reason = reasonText();
          if (!list.includes(reason)) list.push(reason);
          suggested.set(entry.id, list);
          context.stages.suggestedMeasures.set(entry.id, { id: entry.id, group: entry.group, kind: entry.kind });
          break;
        }
        case "reason":
          reasons.push(reasonText());
          break;
        case "followUp":
          followUp ??= { visitsPerWeek: Number(event.params.visitsPerWeek) };
          break;
        case "check":
          checks.push({ id: rule.rule.id, severity: event.params.severity, message: reasonText() });
          break;
      }
    }
  }

  const engineChecks: CheckResult[] = [];
  for (const parameter of compiled.staleParameters) {
    engineChecks.push({
      id: "W_STALE_PARAMETER",
      severity: "warning",
      message: message("staleParameter", language, {
        name: parameter.name, value: String(parameter.value), from: parameter.from, year: asOf.slice(0, 4), asOfYear: asOf.slice(0, 4),
      }),
    });
  }
  if (context.stages.flag === null) engineChecks.push({ id: "E_NO_FLAG_RULE_MET", severity: "error", message: message("noFlagRule", language) });
  for (const measure of placed.filter((m) => !m.catalogued)) {
    engineChecks.push({ id: "W_UNKNOWN_MEASURE", severity: "warning", message: message("unknownMeasure", language, { id: measure.id }) });
  }

  const riskTypes: RiskTypeResult[] = ruleSet.riskTypes
    .filter((entry) => risks.has(entry.id))
    .map((entry) => ({
      id: entry.id,
      code: risks.get(entry.id)!.code,
      label: localize(entry.label, language),
      reason: risks.get(entry.id)!.reasons.join(message("reasonSeparator", language)),
    }));
  return {
    householdId: household.id,
    region: household.region,
    asOf,
    ruleSet: { id: ruleSet.id, version: ruleSet.version, hash: ruleSet.hash },
    flag: context.stages.flag ?? "none",
    category: context.stages.category,
    riskTypes,
    // Keys were set in contract order when the context was built; events only change values.
    guarantees: { ...context.stages.guarantees },
    measures: measurePlan(ruleSet.measures, suggested, placed, language),
    figures: {
      threshold: compiled.thresholdText,
      perCapitaNetIncome: formatMoney(context.perCapitaNetIncome),
      adjustedPerCapitaIncome: formatMoney(context.adjustedPerCapitaIncome),
    },
    checks: [...engineChecks, ...checks],
    reasons,
    followUp,
    explanation: options.explain ? explain(allOutcomes, language, write) : [],
  };
}

/** The labels of the top-level conditions that were not met (the conditions of a rule's `all`). */
function unmetLabels(trace: EngineTrace | null) {
  if (!trace || !("all" in trace)) return [];
  return trace.all.filter((child) => child.result === false && child.label).map((child) => child.label!);
}

