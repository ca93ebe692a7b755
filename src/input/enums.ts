/**
 * The fixed vocabularies of the data contract (docs/contract.md). County systems depend on these exact
 * values; labels for people live in the rule sets, not here.
 */
export const HOUSEHOLD_TYPES = ["formerlyPoor", "general"] as const;
export const CATEGORIES = ["unstableFormerlyPoor", "marginal", "suddenHardship"] as const;
export const RISK_TYPE_IDS = [
  "illness",
  "disaster",
  "disability",
  "lackOfLabor",
  "accident",
  "industryFailure",
  "unstableEmployment",
  "education",
  "other",
] as const;
export const SEXES = ["male", "female"] as const;
export const RELATIONS = [
  "head",
  "spouse",
  "child",
  "parent",
  "grandchild",
  "grandparent",
  "sibling",
  "other",
] as const;
export const LABOR_CODES = ["ordinary", "skilled", "weak", "lost", "none"] as const;
export const ILLNESS_CODES = ["none", "chronic", "serious"] as const;
export const DISABILITY_LEVELS = [1, 2, 3, 4] as const;
export const SCHOOLING_CODES = [
  "none",
  "preschool",
  "primary",
  "juniorSecondary",
  "seniorSecondary",
  "vocational",
  "higher",
  "droppedOut",
] as const;
export const MEDICAL_INSURANCE_CODES = ["resident", "employee", "none"] as const;
export const SOCIAL_ASSISTANCE_CODES = [
  "dibao",
  "tekun",
  "disabilityLivingAllowance",
  "severeDisabilityCareAllowance",
] as const;
export const SAFETY_LEVELS = ["A", "B", "C", "D"] as const;
export const EVENT_TYPES = ["naturalDisaster", "accident", "industryFailure", "jobLoss"] as const;
export const DISASTER_SUBTYPES = [
  "flood",
  "geological",
  "drought",
  "biological",
  "meteorological",
  "earthquake",
  "other",
] as const;
export const INCOME_COMPONENTS = ["wage", "business", "property", "transfer", "productionCost"] as const;
export const EXPENSE_KINDS = ["medical", "education", "other"] as const;
/** The six "3+1" items (两不愁三保障 + 饮水安全), in output order. */
export const GUARANTEE_ITEMS = ["food", "clothing", "compulsoryEducation", "basicMedical", "housing", "water"] as const;
export const GUARANTEE_STATUSES = ["ok", "problem", "unknown"] as const;
/** How a possible risk came to light (the data contract v2 `leads`, docs/policy.md#s2-10). */
export const LEAD_CHANNELS = [
  "selfApplication",
  "sectorWarning",
  "cadreVisit",
  "publicReport",
  "dataAnalysis",
] as const;
/** The sector department whose warning list a `sectorWarning` lead comes from. */
export const LEAD_DEPARTMENTS = [
  "medicalSecurity",
  "education",
  "housing",
  "water",
  "emergency",
  "humanResources",
  "civilAffairs",
  "disabledPersons",
  "other",
] as const;
/**
 * What a lead asks of the township, in order: verify it (入户核实) and complete identification
 * (识别认定, village notice included) within the rule set's days (docs/policy.md#s3-4a).
 */
export const TASK_KINDS = ["verify", "identify"] as const;
export const FLAGS = ["none", "watch", "identify", "continue", "eliminate"] as const;
export const MEASURE_KINDS = ["developmental", "protective"] as const;

export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];
export type Category = (typeof CATEGORIES)[number];
export type RiskTypeId = (typeof RISK_TYPE_IDS)[number];
export type GuaranteeItem = (typeof GUARANTEE_ITEMS)[number];
export type GuaranteeStatus = (typeof GUARANTEE_STATUSES)[number];
export type LeadChannel = (typeof LEAD_CHANNELS)[number];
export type LeadDepartment = (typeof LEAD_DEPARTMENTS)[number];
export type TaskKind = (typeof TASK_KINDS)[number];
export type Flag = (typeof FLAGS)[number];
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type IncomeComponent = (typeof INCOME_COMPONENTS)[number];
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];
