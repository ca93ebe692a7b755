import { z } from "zod";
import { householdSchema } from "../input/household-schema.js";
import {
  CATEGORIES,
  FLAGS,
  GUARANTEE_ITEMS,
  GUARANTEE_STATUSES,
  LEAD_DEPARTMENTS,
  MEASURE_KINDS,
} from "../input/enums.js";
import { parameterSchema, sourceSchema, STAGES, STATUSES } from "../rulesets/schema.js";

/*
 * The shapes the HTTP service sends and receives, as zod schemas: the OpenAPI document is generated
 * from them (with the household schema that validates input), and the service tests check real
 * responses against that document. Output objects are loose: a later contract version may add fields.
 */

const ruleSetRef = z.looseObject({
  id: z.string(),
  version: z.string(),
  hash: z.string().describe("sha256: + hex digest of the resolved rule set"),
  overrides: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .describe("parameters overridden at start (--set), when any"),
});

const parameterUse = z.looseObject({
  name: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]),
  from: z.string(),
  until: z.string().nullable(),
  source: sourceSchema,
  status: z.enum(STATUSES),
});

/** One screening result, exactly as `dixian screen` writes it (docs/contract.md, output). */
export const screeningResultSchema = z.looseObject({
  householdId: z.string(),
  region: z.looseObject({
    province: z.string(),
    county: z.string(),
    township: z.string().optional(),
    village: z.string().optional(),
  }),
  asOf: z.string(),
  ruleSet: ruleSetRef,
  flag: z.enum(FLAGS),
  category: z.enum(CATEGORIES).nullable(),
  riskTypes: z.array(z.looseObject({ id: z.string(), code: z.string(), label: z.string(), reason: z.string() })),
  guarantees: z.looseObject(
    Object.fromEntries(GUARANTEE_ITEMS.map((item) => [item, z.enum(GUARANTEE_STATUSES)])) as Record<
      (typeof GUARANTEE_ITEMS)[number],
      z.ZodEnum<{ [K in (typeof GUARANTEE_STATUSES)[number]]: K }>
    >,
  ),
  measures: z.array(
    z.looseObject({
      id: z.string(),
      group: z.string().nullable(),
      kind: z.enum(MEASURE_KINDS).nullable(),
      label: z.string(),
      reason: z.string(),
      inPlace: z.boolean(),
    }),
  ),
  referrals: z
    .array(z.looseObject({ department: z.enum(LEAD_DEPARTMENTS), label: z.string(), reason: z.string() }))
    .describe("departments the household is referred to, one per department"),
  figures: z
    .looseObject({
      threshold: z.string().nullable(),
      perCapitaNetIncome: z.string(),
      adjustedPerCapitaIncome: z.string(),
    })
    .describe("money as decimal strings with two places"),
  checks: z.array(
    z.looseObject({
      id: z.string(),
      severity: z.enum(["error", "warning", "info"]),
      label: z.string().describe("the check's name, the same for every household"),
      message: z.string(),
    }),
  ),
  reasons: z.array(z.string()),
  followUp: z.looseObject({ visitsPerWeek: z.number() }).nullable(),
  tasks: z.array(z.looseObject({})).optional().describe("version 2: the verify and identify tasks of each open lead"),
  explanation: z
    .array(
      z.looseObject({
        rule: z.string(),
        stage: z.enum(STAGES),
        label: z.string(),
        status: z.string(),
        basis: sourceSchema.nullable(),
        parameters: z.array(parameterUse),
        conditions: z.looseObject({}).nullable().describe("the rule's condition tree with the values compared"),
      }),
    )
    .describe("every rule's outcome with explain=true; otherwise empty"),
});

const issueSchema = z.looseObject({ path: z.string().describe("JSON Pointer to the bad field"), message: z.string() });

/** A line of a batch response for a household that was not screened. */
export const rejectedLineSchema = z.strictObject({
  rejected: z.looseObject({
    code: z.enum(["E_INPUT_SCHEMA", "E_INPUT_JSON"]),
    line: z.number().int().optional().describe("1-based line of the request body (NDJSON)"),
    index: z.number().int().describe("0-based position in the batch"),
    householdId: z.string().nullable(),
    issues: z.array(issueSchema),
  }),
});

/** An error response, RFC 9457 `application/problem+json`. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional().describe("dixian error code (docs/errors.md)"),
  householdId: z.string().nullable().optional(),
  issues: z.array(issueSchema).optional().describe("every bad field, by JSON Pointer"),
});

export const healthSchema = z.looseObject({ status: z.literal("ok"), ruleSet: ruleSetRef });

export const ruleSetInfoSchema = z.looseObject({
  id: z.string(),
  version: z.string(),
  hash: z.string(),
  layers: z.array(z.string()),
  overrides: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  parameters: z.record(z.string(), parameterSchema),
});

/** The schemas of the OpenAPI document's `components.schemas`, by name. */
export const COMPONENT_SCHEMAS = {
  Household: { schema: householdSchema, io: "input" },
  ScreeningResult: { schema: screeningResultSchema, io: "output" },
  RejectedLine: { schema: rejectedLineSchema, io: "output" },
  Problem: { schema: problemSchema, io: "output" },
  Health: { schema: healthSchema, io: "output" },
  RuleSetInfo: { schema: ruleSetInfoSchema, io: "output" },
} as const;
