import { measureResults } from "../results/measure-results.js";
import { evaluateClosureRule } from "../evaluation/compiled/compiled-stage.js";
import { JsonRulesEngineEvaluator } from "../evaluation/evaluate-stage.js";
import { StageWalk, type StageListener } from "../evaluation/stage-walk.js";
import type { CompiledRule, CompiledRuleSet, EngineName, RuleOutcome } from "../evaluation/types.js";
import { HouseholdFacts } from "../facts/fact-table.js";
import { buildHouseholdContext, figureValue, type HouseholdContext } from "../facts/household-context.js";
import { leadCounts, leadDueBy, openLeads } from "../facts/lead-facts.js";
import { formatMoney } from "../input/decimal.js";
import {
  LEAD_DEPARTMENTS,
  TASK_KINDS,
  type Category,
  type Flag,
  type GuaranteeItem,
  type GuaranteeStatus,
  type LeadDepartment,
  type TaskKind,
} from "../input/enums.js";
import type { Household } from "../input/household-schema.js";
import { inPlaceMeasures, type InPlaceMeasure } from "../evaluation/in-place-measures.js";
import { measurePlan, type SuggestedMeasure, type SuggestionLimit } from "../planning/measure-plan.js";
import { explain } from "../results/explanation.js";
import { message } from "../messages/catalogue.js";
import { localize, reasonWriter } from "../results/reason-text.js";
import type {
  CheckResult,
  Language,
  MeasureResult,
  ReferralResult,
  RiskTypeResult,
  ScreeningResult,
  TaskResult,
} from "../results/result-types.js";
import { leadTaskReason } from "../results/task-text.js";
import { own } from "../rulesets/own.js";
import type { BilingualText, TopLevelCondition } from "../rulesets/schema.js";
import { labelOf } from "../vocabulary/labels.js";

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
 * The compiled evaluator answers at once, with no promise per household; json-rules-engine
 * answers with a promise. Both walk the stages the same way ({@link StageWalk}); they differ only
 * in how one rule is decided.
 */
export function screenHousehold(
  compiled: CompiledRuleSet,
  household: Household,
  options: HouseholdScreeningOptions,
): ScreeningResult | Promise<ScreeningResult> {
  const screening = new HouseholdScreening(compiled, household, options);
  const walk = new StageWalk(compiled.stages, options.explain, screening);
  if (options.engine === "json-rules-engine") return screenWithJsonRulesEngine(screening, walk);
  while (walk.next()) evaluateClosureRule(walk, screening.facts);
  return screening.result();
}

async function screenWithJsonRulesEngine(screening: HouseholdScreening, walk: StageWalk): Promise<ScreeningResult> {
  const evaluator = new JsonRulesEngineEvaluator(screening.context);
  while (walk.next()) await evaluator.evaluateRule(walk);
  return screening.result();
}

/**
 * One household being screened: its facts, what the stages have decided so far, and the texts the
 * result will show. Each kind of event has its own small method, so the work per household stays
 * in short functions the JavaScript engine optimizes quickly.
 */
class HouseholdScreening implements StageListener {
  readonly context: HouseholdContext;
  readonly facts: HouseholdFacts;
  private readonly write: (template: BilingualText | undefined) => string;
  private readonly language: Language;
  private readonly placed: InPlaceMeasure[];
  private readonly risks = new Map<string, { code: string; reasons: string[] }>();
  private readonly suggested = new Map<string, SuggestedMeasure>();
  private readonly referrals = new Map<LeadDepartment, string[]>();
  private readonly limits: SuggestionLimit[] = [];
  private readonly reasons: string[] = [];
  private readonly checks: CheckResult[] = [];
  private followUp: ScreeningResult["followUp"] = null;
  /** Tasks with the position of their lead, sorted by lead and kind when the result is built. */
  private readonly tasks: (TaskResult & { lead: number })[] = [];
  /** Every rule's outcome, kept only for explanations. */
  private readonly outcomes: RuleOutcome[] = [];
  /** Names of the parameters the decisive rules used (noted only when some parameter is provisional). */
  private readonly parametersUsed = new Set<string>();

  constructor(
    private readonly compiled: CompiledRuleSet,
    private readonly household: Household,
    private readonly options: HouseholdScreeningOptions,
  ) {
    this.language = options.language;
    this.placed = inPlaceMeasures(household, compiled.measures);
    this.context = buildHouseholdContext(
      household,
      compiled.asOf,
      this.placed,
      compiled.figures,
      compiled.parametersWithValue,
    );
    this.facts = new HouseholdFacts(compiled.facts, this.context);
    this.write = reasonWriter(compiled, this.facts, this.language);
  }

  startStage(): void {
    this.facts.nextStage();
  }

  /** Applies the events of a stage's rules that were met, in rule order. */
  finishStage(outcomes: RuleOutcome[]): void {
    if (this.options.explain) this.outcomes.push(...outcomes);
    for (const outcome of outcomes)
      if (outcome.status === "met") {
        this.noteParametersUsed(outcome.compiled);
        this.applyEvent(outcome.compiled, outcomes);
      }
  }

  /**
   * The parameters a result rests on: those of every rule met, and for the flag (the first rule met
   * decides) those of every flag rule tried before it, whose failing also decided the flag.
   */
  private noteParametersUsed(rule: CompiledRule): void {
    if (this.compiled.provisionalParameters.length === 0) return;
    const stage = this.compiled.stages.find((candidate) => candidate.stage === rule.rule.stage)!;
    const decided = stage.mode === "first" ? stage.rules.slice(0, stage.rules.indexOf(rule) + 1) : [rule];
    for (const tried of decided) for (const parameter of tried.parameters) this.parametersUsed.add(parameter.name);
  }

  private applyEvent(rule: CompiledRule, stageOutcomes: RuleOutcome[]): void {
    const event = rule.event;
    switch (event.type) {
      case "risk":
        return this.addRisk(rule, event.params.riskType, event.params.code);
      case "guarantee":
        return this.setGuarantee(event.params.item, event.params.status);
      case "flag":
        return this.setFlag(
          rule,
          event.params.flag,
          event.params.category,
          event.params.unmetConditionsOf,
          stageOutcomes,
        );
      case "measure":
        return this.suggestMeasure(rule, event.params.measure, event.params.fit ?? 1);
      case "referral":
        return this.refer(rule, event.params.department);
      case "limit":
        this.limits.push({ rule, kind: event.params.kind, max: Number(event.params.max) });
        return;
      case "reason":
        this.reasons.push(this.reasonOf(rule));
        return;
      case "followUp":
        this.followUp ??= { visitsPerWeek: Number(event.params.visitsPerWeek) };
        return;
      case "task":
        return this.addTasks(rule, event.params.kind, Number(event.params.withinDays), event.params.leads ?? "each");
      case "check":
        this.checks.push({
          id: rule.rule.id,
          severity: event.params.severity,
          label: localize(rule.rule.label, this.language),
          message: this.reasonOf(rule),
        });
        return;
    }
  }

  /** The rule's reason (or label) with its placeholders filled. Written only where a result shows it. */
  private reasonOf(rule: CompiledRule): string {
    return this.write(rule.rule.reason ?? rule.rule.label);
  }

  private addRisk(rule: CompiledRule, riskType: string, code: string | undefined): void {
    const existing = this.risks.get(riskType);
    if (existing) existing.reasons.push(this.reasonOf(rule));
    else
      this.risks.set(riskType, {
        code: code ?? this.compiled.riskTypesById.get(riskType)!.code,
        reasons: [this.reasonOf(rule)],
      });
    this.context.stages.riskTypes.add(riskType);
  }

  private setGuarantee(item: GuaranteeItem, status: GuaranteeStatus): void {
    const guarantees = this.context.stages.guarantees;
    if (status === "unknown" || guarantees[item] !== "unknown") guarantees[item] = status;
  }

  private setFlag(
    rule: CompiledRule,
    flag: Flag,
    category: string | null,
    unmetConditionsOf: string | undefined,
    stageOutcomes: RuleOutcome[],
  ): void {
    const stages = this.context.stages;
    stages.flag = flag;
    stages.category = (
      category === "recorded" ? (this.household.monitoring?.category ?? null) : category
    ) as Category | null;
    this.reasons.push(this.reasonOf(rule));
    if (!unmetConditionsOf) return;
    const other = stageOutcomes.find((outcome) => outcome.compiled.rule.id === unmetConditionsOf);
    if (other) for (const text of unmetTexts(other, this.compiled.conditions)) this.reasons.push(this.unmetText(text));
  }

  /** An unmet condition as the failing fact (its `unmet` text); a condition without one by its label. */
  private unmetText(condition: { label?: BilingualText; unmet?: BilingualText }): string {
    if (condition.unmet) return this.write(condition.unmet);
    return message("unmetCondition", this.language, { label: this.write(condition.label) });
  }

  private suggestMeasure(rule: CompiledRule, measureId: string, fit: number): void {
    const entry = this.compiled.measures.byId.get(measureId)!;
    const suggestion = this.suggested.get(entry.id) ?? { reasons: [], fit: 0 };
    const reason = this.reasonOf(rule);
    if (!suggestion.reasons.includes(reason)) suggestion.reasons.push(reason);
    // Each rule that suggests a measure gives a reason of its own and adds its fit: a measure that
    // answers more of the household's risks and members fits it better.
    suggestion.fit += fit;
    this.suggested.set(entry.id, suggestion);
    this.context.stages.suggestedMeasures.set(entry.id, { id: entry.id, group: entry.group, kind: entry.kind });
  }

  private refer(rule: CompiledRule, department: LeadDepartment): void {
    const reasons = this.referrals.get(department) ?? [];
    const reason = this.reasonOf(rule);
    if (!reasons.includes(reason)) reasons.push(reason);
    this.referrals.set(department, reasons);
  }

  /**
   * One task of the kind for every open lead, in the order of the leads. A lead already given a
   * task of this kind by an earlier rule keeps it.
   */
  private addTasks(rule: CompiledRule, kind: TaskKind, withinDays: number, of: "each" | "first"): void {
    if (this.tasks.some((task) => task.kind === kind)) return;
    const template = this.reasonOf(rule);
    const leads = this.household.leads;
    const open = openLeads(this.context);
    for (const lead of of === "first" ? earliest(open) : open) {
      const dueBy = leadDueBy(lead, withinDays);
      const task = {
        kind,
        channel: lead.channel,
        department: lead.department ?? null,
        leadDate: lead.date,
        dueBy,
        overdue: dueBy < this.compiled.asOf,
      };
      this.tasks.push({ ...task, reason: leadTaskReason(template, task, this.language), lead: leads.indexOf(lead) });
    }
  }

  /** The tasks in the order of the leads, and for one lead in the order of the task kinds. */
  private sortedTasks(): TaskResult[] {
    const rank = (task: TaskResult & { lead: number }) => task.lead * TASK_KINDS.length + TASK_KINDS.indexOf(task.kind);
    return [...this.tasks].sort((a, b) => rank(a) - rank(b)).map(({ lead: _lead, ...task }) => task);
  }

  /** The checks the engine itself adds: stale parameters, no flag, recorded measures not in the catalogue. */
  private engineChecks(): CheckResult[] {
    const { compiled, language } = this;
    const checks: CheckResult[] = [];
    const year = compiled.asOf.slice(0, 4);
    for (const parameter of compiled.staleParameters) {
      checks.push({
        id: "W_STALE_PARAMETER",
        severity: "warning",
        label: message("staleParameterLabel", language),
        message: message("staleParameter", language, {
          name: this.parameterName(parameter.name),
          value: String(parameter.value),
          from: parameter.from,
          year,
          asOfYear: year,
        }),
      });
    }
    for (const parameter of compiled.provisionalParameters) {
      if (!this.parametersUsed.has(parameter.name)) continue;
      checks.push({
        id: "W_PROVISIONAL_PARAMETER",
        severity: "warning",
        label: message("provisionalParameterLabel", language),
        message: message("provisionalParameter", language, {
          name: this.parameterName(parameter.name),
          value: [String(parameter.value), own(compiled.ruleSet.parameters, parameter.name)?.unit]
            .filter(Boolean)
            .join(" "),
          from: parameter.from,
          document: parameter.source.document,
        }),
      });
    }
    if (this.context.stages.flag === null)
      checks.push({
        id: "E_NO_FLAG_RULE_MET",
        severity: "error",
        label: message("noFlagRuleLabel", language),
        message: message("noFlagRule", language),
      });
    for (const measure of this.placed) {
      if (!measure.catalogued)
        checks.push({
          id: "W_UNKNOWN_MEASURE",
          severity: "warning",
          label: message("unknownMeasureLabel", language),
          message: message("unknownMeasure", language, { id: measure.id }),
        });
    }
    return checks;
  }

  /** A parameter as people name it: its short label (else its description) in the result's language. */
  private parameterName(name: string): string {
    const parameter = own(this.compiled.ruleSet.parameters, name);
    return localize(parameter?.label ?? parameter?.description, this.language) || name;
  }

  private referralList(): ReferralResult[] {
    const separator = message("reasonSeparator", this.language);
    return LEAD_DEPARTMENTS.filter((department) => this.referrals.has(department)).map((department) => ({
      department,
      label: labelOf("leadDepartment", department, this.language),
      reason: this.referrals.get(department)!.join(separator),
    }));
  }

  /** The 一户一策 list, ranked and capped; a limit that left suggestions out says which, in the reasons. */
  private measureList(): MeasureResult[] {
    const { plan, leftOut } = measurePlan(this.compiled.ruleSet.measures, this.suggested, this.placed, this.limits);
    for (const { limit, measures } of leftOut) {
      const names = measures.map((entry) => localize(entry.label, this.language));
      this.reasons.push(
        this.reasonOf(limit.rule).replaceAll("{limit.leftOut}", names.join(message("listSeparator", this.language))),
      );
    }
    return measureResults(plan, this.language);
  }

  private riskTypes(): RiskTypeResult[] {
    const separator = message("reasonSeparator", this.language);
    const found: RiskTypeResult[] = [];
    for (const entry of this.compiled.ruleSet.riskTypes) {
      const risk = this.risks.get(entry.id);
      if (risk)
        found.push({
          id: entry.id,
          code: risk.code,
          label: localize(entry.label, this.language),
          reason: risk.reasons.join(separator),
        });
    }
    return found;
  }

  result(): ScreeningResult {
    const { compiled, context, household, language } = this;
    const { ruleSet } = compiled;
    return {
      householdId: household.id,
      region: household.region,
      householdSize: household.members.length,
      householdType: household.householdType,
      asOf: compiled.asOf,
      ruleSet: ruleSet.overrides
        ? { id: ruleSet.id, version: ruleSet.version, hash: ruleSet.hash, overrides: { ...ruleSet.overrides } }
        : { id: ruleSet.id, version: ruleSet.version, hash: ruleSet.hash },
      flag: context.stages.flag ?? "none",
      category: context.stages.category,
      riskTypes: this.riskTypes(),
      // Keys were set in contract order when the context was built; events only change values.
      guarantees: { ...context.stages.guarantees },
      measures: this.measureList(),
      referrals: this.referralList(),
      figures: {
        threshold: compiled.thresholdText,
        // Compiling checked that the rule set defines both on the as-of date.
        perCapitaNetIncome: formatMoney(figureValue(context, "perCapitaNetIncome")!),
        adjustedPerCapitaIncome: formatMoney(figureValue(context, "adjustedPerCapitaIncome")!),
      },
      checks: [...this.engineChecks(), ...this.checks],
      reasons: this.reasons,
      followUp: this.followUp,
      tasks: this.sortedTasks(),
      leadCounts: leadCounts(this.context),
      explanation: this.options.explain
        ? explain(this.outcomes, language, this.write, compiled.inapplicableRules, compiled.conditions)
        : [],
    };
  }
}

/** The earliest of the leads (the first in input order among those of that date), or none. */
function earliest<T extends { date: string }>(leads: readonly T[]): T[] {
  let first: T | undefined;
  for (const lead of leads) if (!first || lead.date < first.date) first = lead;
  return first ? [first] : [];
}

/**
 * The top-level conditions of a rule's `all` that were not met, as written (a named condition by its
 * definition), so their `unmet` texts can be used. The trace lists the children in the rule's order.
 */
function unmetTexts(outcome: RuleOutcome, named: Record<string, TopLevelCondition>) {
  const { trace } = outcome;
  const conditions = outcome.compiled.conditions;
  if (!trace || !("all" in trace) || !("all" in conditions)) return [];
  const texts: { label?: BilingualText; unmet?: BilingualText }[] = [];
  trace.all.forEach((child, index) => {
    const condition = conditions.all[index];
    if (child.result !== false || !condition) return;
    const definition = "condition" in condition ? (own(named, condition.condition) ?? condition) : condition;
    const text = { label: definition.label ?? condition.label, unmet: definition.unmet ?? condition.unmet };
    if (text.label || text.unmet) texts.push(text);
  });
  return texts;
}
