import type { ConditionTrace } from "../evaluation/condition-trace.js";
import type { RuleStatus } from "../evaluation/types.js";
import type {
  Category,
  Flag,
  GuaranteeItem,
  HouseholdType,
  GuaranteeStatus,
  LeadChannel,
  LeadDepartment,
  MeasureKind,
  TaskKind,
} from "../input/enums.js";
import type { PolicySource, Stage, Status } from "../rulesets/schema.js";

export type { Language } from "../messages/catalogue.js";

/** A detected risk type (docs/contract.md). */
export interface RiskTypeResult {
  id: string;
  code: string;
  label: string;
  reason: string;
}

/** One measure of the 一户一策 plan (docs/contract.md). */
export interface MeasureResult {
  id: string;
  /** National group code (100A39…100A55); null for a recorded measure the catalogue does not know. */
  group: string | null;
  kind: MeasureKind | null;
  label: string;
  reason: string;
  /** Already in place: recorded on `monitoring.measures` or a member's `socialAssistance`. */
  inPlace: boolean;
}

/**
 * A task for an open lead (data contract v2, docs/policy.md#s3-4a): verify it, and complete the
 * identification; in the order of the household's leads, a lead's tasks in the order of `TASK_KINDS`.
 */
export interface TaskResult {
  kind: TaskKind;
  channel: LeadChannel;
  /** The department of a sector warning; null for every other channel. */
  department: LeadDepartment | null;
  leadDate: string;
  /** The lead's date plus the rule set's days for this kind of task. */
  dueBy: string;
  /** The due date is before the as-of date. */
  overdue: boolean;
  reason: string;
}

/**
 * A referral of the household to a sector department (教育, 住建, 医保, 水利, 民政 …): for a 3+1
 * problem that department secures, or a check only that department can make (docs/policy.md#s4-2).
 * One per department, with every reason for it.
 */
export interface ReferralResult {
  department: LeadDepartment;
  /** The department's name in the result's language. */
  label: string;
  reason: string;
}

/** A data check or warning raised while screening. */
export interface CheckResult {
  id: string;
  severity: "error" | "warning" | "info";
  /** The check's name in the result's language (an addition to the contract), the same for every household. */
  label: string;
  message: string;
}

/** A parameter value as used, with its source and status. */
export interface ParameterUse {
  name: string;
  value: string | number | boolean;
  from: string;
  until: string | null;
  source: PolicySource;
  status: Status;
}

/** How one rule came out for one household. */
export interface RuleExplanation {
  rule: string;
  stage: Stage;
  label: string;
  status: RuleStatus;
  basis: PolicySource | null;
  parameters: ParameterUse[];
  conditions: ConditionTrace | null;
  /** Optional parameters without a value in force that left the rule out (status notEvaluated). */
  parametersWithoutValue?: string[];
}

/** The outcome of screening one household (docs/contract.md, output). */
export interface ScreeningResult {
  householdId: string;
  /** The household's region as given (an addition to the contract, for reports by village). */
  region: { province: string; county: string; township?: string; village?: string };
  /** The number of members (an addition to the contract, so reports count people as well as households). */
  householdSize: number;
  /** The household type as given (an addition, so reports tell general households from formerly poor ones). */
  householdType: HouseholdType;
  asOf: string;
  /** `overrides` (data contract version 2) is present only when parameters were overridden (`--set`): `{ "threshold": "9000" }`. */
  ruleSet: { id: string; version: string; hash: string; overrides?: Record<string, string> };
  flag: Flag;
  category: Category | null;
  riskTypes: RiskTypeResult[];
  guarantees: Record<GuaranteeItem, GuaranteeStatus>;
  measures: MeasureResult[];
  /** Departments the household is referred to (an addition to the contract); empty when none. */
  referrals: ReferralResult[];
  figures: {
    /** The threshold T in force, two places; null when the rule set has no `threshold` parameter. */
    threshold: string | null;
    perCapitaNetIncome: string;
    adjustedPerCapitaIncome: string;
  };
  checks: CheckResult[];
  reasons: string[];
  followUp: { visitsPerWeek: number } | null;
  /** The tasks of the open leads (version 2: `verify`; `identify` added): empty when there is none. */
  tasks: TaskResult[];
  /**
   * The household's leads dated on or before the as-of date (an addition): open on it, and resolved
   * (verified) by it — the start of the identification pipeline in reports.
   */
  leadCounts: { open: number; resolved: number };
  /** Every rule's outcome, when asked for with `explain: true`; otherwise empty. */
  explanation: RuleExplanation[];
}
