/**
 * The part of the public API that runs anywhere, Node or browser: screening, validation, overrides,
 * errors and the contract's types and vocabularies. `index.ts` (Node) and `browser.ts` each add
 * their own way of loading rule sets.
 */
export type { RuleSetFileContent } from "./rulesets/rule-set-files.js";
export type { LoadOptions } from "./rulesets/resolve-rule-set.js";
export { applyOverrides, parseOverrideList } from "./rulesets/overrides.js";
export type { ParameterOverrides } from "./rulesets/overrides.js";
export { assertRuleSetHash } from "./rulesets/hash.js";
export { BUILT_IN_RULE_SETS } from "./rulesets/built-in-names.js";
export type { BuiltInRuleSetName } from "./rulesets/built-in-names.js";
export type { RuleSet, LoadedRule, DisabledEntry, OwnLayer } from "./rulesets/rule-set.js";
export { screen, screenBatch, prepareRuleSet, HouseholdRejectedError, LineItem } from "./batch/screen.js";
export type { ScreenOptions, Rejection, BatchEntry } from "./batch/screen.js";
export { checkHousehold, validateHousehold } from "./input/validate-household.js";
export type { HouseholdCheck, HouseholdValidation, InputIssue, InputIssueWords } from "./input/validate-household.js";
export type { Household, HouseholdInput, Member, HouseholdEvent, Lead } from "./input/household-schema.js";
export { DixianError, NoParameterInForceError } from "./errors.js";
export type { ErrorCode, Problem, ProblemWords, SourceLocation } from "./errors.js";
export type { Bilingual, Words } from "./messages/catalogue.js";
export type {
  ScreeningResult,
  RiskTypeResult,
  MeasureResult,
  CheckResult,
  RuleExplanation,
  ParameterUse,
  Language,
  TaskResult,
  ReferralResult,
} from "./results/result-types.js";
export type { ConditionTrace, ConditionResult } from "./evaluation/condition-trace.js";
export type { RuleStatus, EngineName } from "./evaluation/types.js";
export type {
  Category,
  Flag,
  GuaranteeItem,
  GuaranteeStatus,
  HouseholdType,
  MeasureKind,
  RiskTypeId,
  LeadChannel,
  LeadDepartment,
  TaskKind,
} from "./input/enums.js";
export {
  CATEGORIES,
  FLAGS,
  GUARANTEE_ITEMS,
  GUARANTEE_STATUSES,
  HOUSEHOLD_TYPES,
  MEASURE_KINDS,
  RISK_TYPE_IDS,
  LEAD_CHANNELS,
  LEAD_DEPARTMENTS,
  TASK_KINDS,
} from "./input/enums.js";
export { STAGES } from "./rulesets/schema.js";
export type {
  BilingualText,
  Condition,
  ConditionText,
  TopLevelCondition,
  Parameter,
  ParameterValue,
  PolicySource,
  Stage,
  RuleDefinition,
  RuleEvent,
  RiskTypeEntry,
  MeasureEntry,
  GuaranteeEntry,
  RuleSetManifest,
  Figure,
  FigureDefinition,
  FigureVariant,
} from "./rulesets/schema.js";
