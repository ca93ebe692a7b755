import { calendarDateIssue } from "./calendar-date.js";
import { moneyIssue } from "./decimal.js";
import * as E from "./enums.js";
import type { CheckedHousehold } from "./household-schema.js";

type Checked = CheckedHousehold;
type CheckedMember = Checked["members"][number];
type CheckedMonitoring = NonNullable<Checked["monitoring"]>;
type CheckedLiving = NonNullable<Checked["livingConditions"]>;
type CheckedEvent = NonNullable<Checked["events"]>[number];
type CheckedLead = NonNullable<Checked["leads"]>[number];
import { ARRAY_LIMITS } from "./input-limits.js";

/**
 * The household schema's checks written out by hand: {@link fastCheckedHousehold} gives exactly
 * what `checkedHouseholdSchema` would (the same values, in new objects whose keys are in the
 * schema's order) for a household zod accepts, or undefined. Undefined means "ask zod": for
 * anything invalid, and for anything unusual that zod handles in its own way (a key holding
 * `undefined`, an object that is not a plain one, a getter that throws), zod decides and words
 * the problems. `addedRiskTypes`: the risk type ids a rule set adds, which `monitoring.riskTypes`
 * then accepts as `householdSchemaFor` does. Zod costs some 30 µs per household, mostly in the per-value context it builds;
 * these checks cost a few.
 *
 * Whatever changes in household-schema.ts must change here too; test/household-fast-path.test.ts
 * checks the two against each other with generated valid and broken households.
 */
export function fastCheckedHousehold(input: unknown, addedRiskTypes?: readonly string[]): CheckedHousehold | undefined {
  try {
    return household(input, addedRiskTypes ? riskTypeIdsWith(addedRiskTypes) : RISK_TYPE_IDS);
  } catch {
    // A value zod must look at (BAIL), or a getter or Proxy that threw: zod reports either.
    return undefined;
  }
}

/** Thrown as soon as the value is not one the fast path accepts: made once, so no stack is captured per throw. */
const BAIL = new Error("ask zod");
function bail(): never {
  throw BAIL;
}

const enumSet = <T extends string>(values: readonly T[]): ReadonlySet<T> => new Set(values);
const HOUSEHOLD_TYPES = enumSet(E.HOUSEHOLD_TYPES);
const CATEGORIES = enumSet(E.CATEGORIES);
const RISK_TYPE_IDS: ReadonlySet<string> = enumSet(E.RISK_TYPE_IDS);
const withAddedRiskTypes = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The contract's risk type ids and a rule set's own: made once for each list object, as householdSchemaFor's schema is. */
function riskTypeIdsWith(added: readonly string[]): ReadonlySet<string> {
  let ids = withAddedRiskTypes.get(added);
  if (!ids) {
    ids = new Set<string>([...E.RISK_TYPE_IDS, ...added]);
    withAddedRiskTypes.set(added, ids);
  }
  return ids;
}
const SEXES = enumSet(E.SEXES);
const RELATIONS = enumSet(E.RELATIONS);
const LABOR_CODES = enumSet(E.LABOR_CODES);
const ILLNESS_CODES = enumSet(E.ILLNESS_CODES);
const SCHOOLING_CODES = enumSet(E.SCHOOLING_CODES);
const MEDICAL_INSURANCE_CODES = enumSet(E.MEDICAL_INSURANCE_CODES);
const SOCIAL_ASSISTANCE_CODES = enumSet(E.SOCIAL_ASSISTANCE_CODES);
const SAFETY_LEVELS = enumSet(E.SAFETY_LEVELS);
const EVENT_TYPES = enumSet(E.EVENT_TYPES);
const DISASTER_SUBTYPES = enumSet(E.DISASTER_SUBTYPES);
const LEAD_CHANNELS = enumSet(E.LEAD_CHANNELS);
const LEAD_DEPARTMENTS = enumSet(E.LEAD_DEPARTMENTS);

const ADMIN_CODE = /^\d{6}$/;

/**
 * A plain object (what JSON.parse makes): anything else, zod reads in its own way. Its keys are
 * counted by {@link onlyKeys} once its known keys have been read.
 */
function record(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null) bail();
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) bail();
  return value as Record<string, unknown>;
}

/**
 * Checks that the object has no keys but the `known` ones read: `for…in` sees what zod's unknown-key
 * check sees, and a key read as present but not enumerated (or holding `undefined`) is left to zod.
 */
function onlyKeys(value: object, known: number): void {
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- only counted, as zod's for…in sees them
  for (const _key in value) count++;
  if (count !== known) bail();
}

const present = (value: unknown) => (value === undefined ? 0 : 1);

function text(value: unknown, min: number, max: number): string {
  if (typeof value !== "string" || value.length < min || value.length > max) bail();
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: ReadonlySet<T>): T {
  if (!allowed.has(value as T)) bail();
  return value as T;
}

function date(value: unknown): string {
  if (calendarDateIssue(value) !== null) bail();
  return value as string;
}

function bool(value: unknown): boolean {
  if (typeof value !== "boolean") bail();
  return value;
}

/** Money stays as written (string or number); it becomes a decimal after the whole household is valid. */
function money(value: unknown, allowNegative: boolean): string | number {
  if (value === undefined || moneyIssue(value, allowNegative) !== null) bail();
  return value as string | number;
}

function nonNegative(value: unknown, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !(value >= 0) || value > max) bail();
  return value;
}

/** A list's entries checked one by one, into a new array (an index loop: `map` would skip the holes of a sparse array). */
function list<T>(value: unknown, min: number, max: number, entry: (value: unknown) => T): T[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) bail();
  const output = new Array<T>(value.length);
  for (let index = 0; index < value.length; index++) output[index] = entry(value[index]);
  return output;
}

const socialAssistanceCode = (value: unknown) => oneOf(value, SOCIAL_ASSISTANCE_CODES);

function region(value: unknown): Checked["region"] {
  const input = record(value);
  const { province, county, township, village } = input;
  onlyKeys(input, 2 + present(township) + present(village));
  if (typeof province !== "string" || !ADMIN_CODE.test(province)) bail();
  if (typeof county !== "string" || !ADMIN_CODE.test(county)) bail();
  const output: Checked["region"] = { province, county };
  if (township !== undefined) output.township = text(township, 0, 100);
  if (village !== undefined) output.village = text(village, 0, 100);
  return output;
}

function monitoring(value: unknown, riskTypeIds: ReadonlySet<string>): CheckedMonitoring {
  const input = record(value);
  const { category, identifiedOn, riskTypes, riskEliminatedOn, measures } = input;
  onlyKeys(input, 2 + present(riskTypes) + present(riskEliminatedOn) + present(measures));
  const output: CheckedMonitoring = {
    category: oneOf(category, CATEGORIES),
    identifiedOn: date(identifiedOn),
    riskTypes:
      riskTypes === undefined ? [] : list(riskTypes, 0, ARRAY_LIMITS.riskTypes, (id) => oneOf(id, riskTypeIds)),
    riskEliminatedOn: riskEliminatedOn === undefined || riskEliminatedOn === null ? null : date(riskEliminatedOn),
    measures: measures === undefined ? [] : list(measures, 0, ARRAY_LIMITS.measures, recordedMeasure),
  };
  if (output.riskEliminatedOn !== null && output.riskEliminatedOn < output.identifiedOn) bail();
  return output;
}

function recordedMeasure(value: unknown): CheckedMonitoring["measures"][number] {
  const input = record(value);
  const { id, since } = input;
  onlyKeys(input, 1 + present(since));
  const output: CheckedMonitoring["measures"][number] = { id: text(id, 1, 100) };
  if (since !== undefined) output.since = date(since);
  return output;
}

function member(value: unknown): CheckedMember {
  const input = record(value);
  onlyKeys(input, 11);
  const disabilityLevel = input.disabilityLevel;
  if (
    disabilityLevel !== null &&
    disabilityLevel !== 1 &&
    disabilityLevel !== 2 &&
    disabilityLevel !== 3 &&
    disabilityLevel !== 4
  )
    bail();
  return {
    id: text(input.id, 1, 64),
    birthDate: date(input.birthDate),
    sex: oneOf(input.sex, SEXES),
    relation: oneOf(input.relation, RELATIONS),
    labor: oneOf(input.labor, LABOR_CODES),
    illness: oneOf(input.illness, ILLNESS_CODES),
    disabilityLevel,
    schooling: oneOf(input.schooling, SCHOOLING_CODES),
    schoolExempt: bool(input.schoolExempt),
    medicalInsurance: oneOf(input.medicalInsurance, MEDICAL_INSURANCE_CODES),
    socialAssistance: list(input.socialAssistance, 0, ARRAY_LIMITS.socialAssistance, socialAssistanceCode),
  };
}

function income(value: unknown): Checked["income"] {
  const input = record(value);
  const { periodEnd, insurancePayout } = input;
  onlyKeys(input, 5 + present(periodEnd) + present(insurancePayout));
  // Keys in the schema's order, as zod writes them: periodEnd (when given) first.
  const output = (periodEnd === undefined ? {} : { periodEnd: date(periodEnd) }) as Checked["income"];
  output.wage = money(input.wage, false);
  output.business = money(input.business, true);
  output.property = money(input.property, false);
  output.transfer = money(input.transfer, false);
  output.productionCost = money(input.productionCost, false);
  if (insurancePayout !== undefined) output.insurancePayout = money(insurancePayout, false);
  return output;
}

function previousIncome(value: unknown): NonNullable<Checked["previousIncome"]> {
  const input = record(value);
  onlyKeys(input, 5);
  return {
    wage: money(input.wage, false),
    business: money(input.business, true),
    property: money(input.property, false),
    transfer: money(input.transfer, false),
    productionCost: money(input.productionCost, false),
  };
}

function expenses(value: unknown): NonNullable<Checked["expenses"]> {
  const input = record(value);
  const { medical, education, other } = input;
  onlyKeys(input, present(medical) + present(education) + present(other));
  const output: NonNullable<Checked["expenses"]> = {};
  if (medical !== undefined) output.medical = money(medical, false);
  if (education !== undefined) output.education = money(education, false);
  if (other !== undefined) output.other = money(other, false);
  return output;
}

function water(value: unknown): NonNullable<CheckedLiving["water"]> {
  const input = record(value);
  const { fetchDistanceM, fetchClimbM } = input;
  onlyKeys(input, 6 + present(fetchDistanceM) + present(fetchClimbM));
  const output: NonNullable<CheckedLiving["water"]> = {
    litersPerPersonPerDay: nonNegative(input.litersPerPersonPerDay),
    waterScarceArea: bool(input.waterScarceArea),
    qualityOk: bool(input.qualityOk),
    pipedIn: bool(input.pipedIn),
    fetchMinutes: nonNegative(input.fetchMinutes),
    interruptionDaysPerYear: nonNegative(input.interruptionDaysPerYear, 366),
  };
  if (fetchDistanceM !== undefined) output.fetchDistanceM = nonNegative(fetchDistanceM);
  if (fetchClimbM !== undefined) output.fetchClimbM = nonNegative(fetchClimbM);
  return output;
}

function livingConditions(value: unknown): CheckedLiving {
  const input = record(value);
  const { food, clothing, housing, water: waterValue } = input;
  onlyKeys(input, present(food) + present(clothing) + present(housing) + present(waterValue));
  const output: CheckedLiving = {};
  if (food !== undefined) output.food = bool(food);
  if (clothing !== undefined) output.clothing = bool(clothing);
  if (housing !== undefined) {
    const house = record(housing);
    onlyKeys(house, 1);
    output.housing = { safetyLevel: oneOf(house.safetyLevel, SAFETY_LEVELS) };
  }
  if (waterValue !== undefined) output.water = water(waterValue);
  return output;
}

function event(value: unknown): CheckedEvent {
  const input = record(value);
  const { subtype, loss } = input;
  onlyKeys(input, 2 + present(subtype) + present(loss));
  const type = oneOf(input.type, EVENT_TYPES);
  // Only a natural disaster has a subtype.
  if (subtype !== undefined && type !== "naturalDisaster") bail();
  const output = (
    subtype === undefined ? { type } : { type, subtype: oneOf(subtype, DISASTER_SUBTYPES) }
  ) as CheckedEvent;
  output.date = date(input.date);
  if (loss !== undefined) output.loss = money(loss, false);
  return output;
}

function lead(value: unknown): CheckedLead {
  const input = record(value);
  const { department, code, note, resolvedOn } = input;
  onlyKeys(input, 2 + present(department) + present(code) + present(note) + present(resolvedOn));
  const channel = oneOf(input.channel, LEAD_CHANNELS);
  // A sector warning names its department, and only a sector warning does.
  if ((channel === "sectorWarning") !== (department !== undefined)) bail();
  const output = (
    department === undefined ? { channel } : { channel, department: oneOf(department, LEAD_DEPARTMENTS) }
  ) as CheckedLead;
  output.date = date(input.date);
  if (code !== undefined) output.code = text(code, 0, 64);
  if (note !== undefined) output.note = text(note, 0, 500);
  if (resolvedOn !== undefined) {
    output.resolvedOn = resolvedOn === null ? null : date(resolvedOn);
    if (output.resolvedOn !== null && output.resolvedOn < output.date) bail();
  }
  return output;
}

function household(value: unknown, riskTypeIds: ReadonlySet<string>): Checked {
  const input = record(value);
  const {
    monitoring: monitoringValue,
    previousIncome: previousValue,
    expenses: expensesValue,
    livingConditions: livingValue,
    events,
    leads,
  } = input;
  onlyKeys(
    input,
    5 +
      present(monitoringValue) +
      present(previousValue) +
      present(expensesValue) +
      present(livingValue) +
      present(events) +
      present(leads),
  );
  // Keys in the schema's order, as zod writes them.
  const output = {
    id: text(input.id, 1, 128),
    region: region(input.region),
    householdType: oneOf(input.householdType, HOUSEHOLD_TYPES),
  } as Checked;
  if (monitoringValue !== undefined)
    output.monitoring = monitoringValue === null ? null : monitoring(monitoringValue, riskTypeIds);
  output.members = list(input.members, 1, ARRAY_LIMITS.members, member);
  output.income = income(input.income);
  if (previousValue !== undefined)
    output.previousIncome = previousValue === null ? null : previousIncome(previousValue);
  if (expensesValue !== undefined) output.expenses = expenses(expensesValue);
  if (livingValue !== undefined) output.livingConditions = livingConditions(livingValue);
  if (events !== undefined) output.events = list(events, 0, ARRAY_LIMITS.events, event);
  if (leads !== undefined) output.leads = list(leads, 0, ARRAY_LIMITS.leads, lead);
  return output;
}
