import { z } from "zod";
import { calendarDateIssue } from "./calendar-date.js";
import { moneyIssue, parseMoney, type Decimal } from "./decimal.js";
import * as E from "./enums.js";
import { ARRAY_LIMITS } from "./input-limits.js";
import { textParams } from "../messages/zod-issues.js";

/**
 * A real calendar date `YYYY-MM-DD`, kept as text. Plain `.check()`s rather than `superRefine`:
 * every household has several dates, and a check costs a fraction of a refinement's context.
 */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "dateFormat")
  .check((payload) => {
    const problem = calendarDateIssue(payload.value);
    // `continue`: the checks of the object holding the date still run, so every problem is reported.
    // No message: the words are chosen by the language of the parse (zod-issues).
    if (problem)
      payload.issues.push({ code: "custom", params: { text: problem }, input: payload.value, continue: true });
  });

function money(allowNegative: boolean) {
  // z.unknown() rather than a union of string and number: the check below says everything, and
  // parses several times faster. The JSON Schema states the accepted forms. The amount becomes a
  // decimal after the whole household is valid ({@link householdSchema}): one pass over a valid
  // record costs far less than a transform per field.
  return z
    .unknown()
    .meta({
      description: "元：十进制字符串或数字，最多两位小数 / yuan: a decimal string or a number, at most two places",
      anyOf: [
        {
          type: "string",
          pattern: allowNegative
            ? "^-?(0|[1-9]\\d{0,14})(\\.\\d{1,2})?$"
            : "^(0|[1-9]\\d{0,14})(\\.\\d{1,2})?$|^-0(\\.0{1,2})?$",
        },
        { type: "number" },
      ],
    })
    .check((payload) => {
      const problem =
        payload.value === undefined ? { id: "fieldMissing" as const } : moneyIssue(payload.value, allowNegative);
      if (problem) payload.issues.push({ code: "custom", params: { text: problem }, input: payload.value });
    });
}
/** Money in 元 that may not be negative. */
export const moneyAmount = money(false);
/** Money in 元 that may be negative (business income). */
export const signedMoneyAmount = money(true);

/** Fixed messages are message ids (src/messages), put into words in the parse's language. */
const adminCode = z.string().regex(/^\d{6}$/, "adminCode");

/** A name or key of reasonable length: a megabyte string is a broken record, not a village. */
const text = (max: number) => z.string().max(max);

export const regionSchema = z.strictObject({
  province: adminCode,
  county: adminCode,
  township: text(100).optional(),
  village: text(100).optional(),
});

export const recordedMeasureSchema = z.strictObject({
  id: text(100).min(1),
  since: calendarDate.optional(),
});

/**
 * A monitoring record whose `riskTypes` take the ids `riskType` accepts: the contract's nine
 * ({@link monitoringSchema}), or those and a rule set's own ({@link householdSchemaFor}).
 */
function monitoringSchemaWith(riskType: z.ZodType<string, string>) {
  return z
    .strictObject({
      category: z.enum(E.CATEGORIES),
      identifiedOn: calendarDate,
      riskTypes: z.array(riskType).max(ARRAY_LIMITS.riskTypes).default([]),
      riskEliminatedOn: calendarDate.nullable().default(null),
      measures: z.array(recordedMeasureSchema).max(ARRAY_LIMITS.measures).default([]),
    })
    .check((payload) => {
      const { riskEliminatedOn, identifiedOn } = payload.value;
      if (riskEliminatedOn !== null && riskEliminatedOn < identifiedOn) {
        payload.issues.push({
          code: "custom",
          path: ["riskEliminatedOn"],
          params: textParams("eliminatedBeforeIdentified"),
          input: riskEliminatedOn,
        });
      }
    });
}

/** A monitoring record with the contract's risk type ids. */
export const monitoringSchema = monitoringSchemaWith(z.enum(E.RISK_TYPE_IDS));

export const memberSchema = z.strictObject({
  id: text(64).min(1),
  birthDate: calendarDate,
  sex: z.enum(E.SEXES),
  relation: z.enum(E.RELATIONS),
  labor: z.enum(E.LABOR_CODES),
  illness: z.enum(E.ILLNESS_CODES),
  disabilityLevel: z.literal(E.DISABILITY_LEVELS).nullable(),
  schooling: z.enum(E.SCHOOLING_CODES),
  schoolExempt: z.boolean(),
  medicalInsurance: z.enum(E.MEDICAL_INSURANCE_CODES),
  socialAssistance: z.array(z.enum(E.SOCIAL_ASSISTANCE_CODES)).max(ARRAY_LIMITS.socialAssistance),
});

export const incomeSchema = z.strictObject({
  periodEnd: calendarDate.optional(),
  wage: moneyAmount,
  business: signedMoneyAmount,
  property: moneyAmount,
  transfer: moneyAmount,
  productionCost: moneyAmount,
  insurancePayout: moneyAmount.optional(),
});

export const previousIncomeSchema = z.strictObject({
  wage: moneyAmount,
  business: signedMoneyAmount,
  property: moneyAmount,
  transfer: moneyAmount,
  productionCost: moneyAmount,
});

export const expensesSchema = z.strictObject({
  medical: moneyAmount.optional(),
  education: moneyAmount.optional(),
  other: moneyAmount.optional(),
});

const nonNegative = z.number().finite().nonnegative();

export const waterSchema = z.strictObject({
  litersPerPersonPerDay: nonNegative,
  waterScarceArea: z.boolean(),
  qualityOk: z.boolean(),
  pipedIn: z.boolean(),
  fetchMinutes: nonNegative,
  interruptionDaysPerYear: nonNegative.max(366),
  fetchDistanceM: nonNegative.optional(),
  fetchClimbM: nonNegative.optional(),
});

export const livingConditionsSchema = z.strictObject({
  food: z.boolean().optional(),
  clothing: z.boolean().optional(),
  housing: z.strictObject({ safetyLevel: z.enum(E.SAFETY_LEVELS) }).optional(),
  water: waterSchema.optional(),
});

export const eventSchema = z
  .strictObject({
    type: z.enum(E.EVENT_TYPES),
    subtype: z.enum(E.DISASTER_SUBTYPES).optional(),
    date: calendarDate,
    loss: moneyAmount.optional(),
  })
  .check((payload) => {
    const { subtype, type } = payload.value;
    if (subtype !== undefined && type !== "naturalDisaster") {
      payload.issues.push({
        code: "custom",
        path: ["subtype"],
        params: textParams("subtypeOnlyForDisasters"),
        input: subtype,
      });
    }
  });

/**
 * A lead (线索): how a possible risk came to light (data contract v2, docs/contract.md). A sector-warning lead names its
 * department, and only such a lead does: a department on any other channel is a data error.
 */
export const leadSchema = z
  .strictObject({
    channel: z.enum(E.LEAD_CHANNELS),
    department: z.enum(E.LEAD_DEPARTMENTS).optional(),
    date: calendarDate,
    code: text(64).optional(),
    note: text(500).optional(),
    resolvedOn: calendarDate.nullable().optional(),
  })
  .check((payload) => {
    const { channel, department, date, resolvedOn } = payload.value;
    if (channel === "sectorWarning" && department === undefined) {
      payload.issues.push({
        code: "custom",
        path: ["department"],
        params: textParams("leadNeedsDepartment"),
        input: department,
      });
    }
    if (channel !== "sectorWarning" && department !== undefined) {
      payload.issues.push({
        code: "custom",
        path: ["department"],
        params: textParams("leadDepartmentOnlyForWarnings"),
        input: department,
      });
    }
    if (resolvedOn !== undefined && resolvedOn !== null && resolvedOn < date) {
      payload.issues.push({
        code: "custom",
        path: ["resolvedOn"],
        params: textParams("leadResolvedBeforeDate"),
        input: resolvedOn,
      });
    }
  })
  .meta({
    description:
      "线索：来源、部门（仅部门筛查预警，且必填）、日期、核实办结日期 / a lead: channel, department (for sector warnings only, and required there), date, resolution date",
    // The checks above as JSON Schema, so county systems validating against the schema see them too.
    if: { properties: { channel: { const: "sectorWarning" } }, required: ["channel"] },
    then: { required: ["department"] },
    else: { not: { required: ["department"] } },
  });

/**
 * The household's shape and every check, with money still as written. household-fast-path.ts
 * makes the same checks by hand, for speed: a change here needs the same change there.
 */
const checkedHouseholdSchemaWith = (monitoring: typeof monitoringSchema) =>
  z.strictObject({
    id: text(128).min(1, "householdIdEmpty"),
    region: regionSchema,
    householdType: z.enum(E.HOUSEHOLD_TYPES),
    monitoring: monitoring.nullable().optional(),
    members: z.array(memberSchema).min(1, "householdNeedsMember").max(ARRAY_LIMITS.members),
    income: incomeSchema,
    previousIncome: previousIncomeSchema.nullable().optional(),
    expenses: expensesSchema.optional(),
    livingConditions: livingConditionsSchema.optional(),
    events: z.array(eventSchema).max(ARRAY_LIMITS.events).optional(),
    leads: z.array(leadSchema).max(ARRAY_LIMITS.leads).optional(),
  });
export const checkedHouseholdSchema = checkedHouseholdSchemaWith(monitoringSchema);

export type CheckedHousehold = z.output<typeof checkedHouseholdSchema>;
/** A record whose money fields (every field but `periodEnd`) are decimals; optional ones stay optional. */
type MoneyRecord<T> = { [K in keyof T]: K extends "periodEnd" ? T[K] : Decimal };
type CheckedEvent = NonNullable<CheckedHousehold["events"]>[number];

/** Every money field of a record (all but `periodEnd`) as an exact decimal. */
function moneyRecord<T extends object>(record: T): MoneyRecord<T> {
  const converted: Record<string, unknown> = {};
  for (const key in record) {
    const value = record[key];
    converted[key] = key === "periodEnd" || value === undefined ? value : parseMoney(value as string | number);
  }
  return converted as MoneyRecord<T>;
}

/**
 * A valid household as the rules see it: money as exact decimals, and what may be left out filled
 * in (no monitoring record, no previous income, no expenses, no events). One transform for the
 * whole record: a transform per field would cost a pipe each.
 */
export function completeHousehold(household: CheckedHousehold) {
  // Every field written out rather than spread: a literal of known shape is built much faster,
  // and the Household type is this function's result, so a field left out here is a type error
  // wherever it is used.
  return {
    id: household.id,
    region: household.region,
    householdType: household.householdType,
    monitoring: household.monitoring ?? null,
    members: household.members,
    income: moneyRecord(household.income),
    previousIncome: household.previousIncome ? moneyRecord(household.previousIncome) : null,
    expenses: moneyRecord(household.expenses ?? {}),
    livingConditions: household.livingConditions ?? {},
    events: (household.events ?? []).map(eventWithDecimalLoss),
    leads: household.leads ?? [],
  };
}

function eventWithDecimalLoss(event: CheckedEvent): Omit<CheckedEvent, "loss"> & { loss?: Decimal } {
  if (event.loss === undefined) return event as Omit<CheckedEvent, "loss">;
  const loss = parseMoney(event.loss as string | number);
  // A subtype left out stays left out (no key holding undefined).
  return event.subtype === undefined
    ? { type: event.type, date: event.date, loss }
    : { type: event.type, subtype: event.subtype, date: event.date, loss };
}

/**
 * One household as county systems send it (docs/contract.md, version 1). Strict: an unknown key is an
 * error, so a typo can never silently change a result.
 */
export const householdSchema = checkedHouseholdSchema.transform(completeHousehold);

const withRiskTypes = new WeakMap<readonly string[], typeof householdSchema>();

/**
 * The household schema for a rule set whose catalogue adds risk types of its own (risk-types.json):
 * `monitoring.riskTypes` takes the contract's ids and `riskTypes`; everything else, and every
 * message, as {@link householdSchema}. Made once for each list object (`addedRiskTypes` gives a rule set
 * the same list every time), so a caller validating many households passes the same list.
 */
export function householdSchemaFor(riskTypes: readonly string[]): typeof householdSchema {
  let schema = withRiskTypes.get(riskTypes);
  if (!schema) {
    const ids = [...new Set<string>([...E.RISK_TYPE_IDS, ...riskTypes])] as [string, ...string[]];
    schema = checkedHouseholdSchemaWith(monitoringSchemaWith(z.enum(ids))).transform(completeHousehold);
    withRiskTypes.set(riskTypes, schema);
  }
  return schema;
}

/** A household after validation: money as exact decimals, defaults filled in. */
export type Household = z.output<typeof householdSchema>;
/** A household as written in JSON (money as strings or numbers). */
export type HouseholdInput = z.input<typeof householdSchema>;
export type Member = Household["members"][number];
export type HouseholdEvent = Household["events"][number];
export type Lead = Household["leads"][number];
