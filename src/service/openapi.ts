import { z } from "zod";
import { householdSchemaFor } from "../input/household-schema.js";
import { addedRiskTypes } from "../rulesets/catalogue.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { COMPONENT_SCHEMAS } from "./schemas.js";

const ref = (name: keyof typeof COMPONENT_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

/**
 * JSON Schema (2020-12, the dialect of OpenAPI 3.1) for one component, without its own `$schema`. The
 * household takes the risk types the served rule set adds to the contract's.
 */
function componentSchema(name: keyof typeof COMPONENT_SCHEMAS, ruleSet: RuleSet): Record<string, unknown> {
  const { io } = COMPONENT_SCHEMAS[name];
  const added = name === "Household" ? addedRiskTypes(ruleSet) : undefined;
  const schema = added ? householdSchemaFor(added) : COMPONENT_SCHEMAS[name].schema;
  const generated = z.toJSONSchema(schema as z.ZodType, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as Record<string, unknown>;
  const { $schema: _schema, ...rest } = generated;
  return rest;
}

const asOfParameter = {
  name: "asOf",
  in: "query",
  required: true,
  description: "评估日 / assessment date",
  schema: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", examples: ["2025-06-30"] },
};
const screeningParameters = [
  asOfParameter,
  {
    name: "lang",
    in: "query",
    required: false,
    description: "language of labels and reasons",
    schema: { type: "string", enum: ["zh", "en"], default: "zh" },
  },
  {
    name: "explain",
    in: "query",
    required: false,
    description: "include every rule's outcome in explanation",
    schema: { type: "string", enum: ["true", "false"], default: "false" },
  },
];

/**
 * The OpenAPI 3.1 document of the service, with the household and result schemas generated from
 * the same zod schemas that validate input and describe output.
 */
export function openApiDocument(ruleSet: RuleSet, version: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "dixian screening service / 防返贫监测筛查服务",
      version,
      description: `Screens households with the rule set ${ruleSet.id} ${ruleSet.version} (${ruleSet.hash}). Results are the same JSON as \`dixian screen\` writes.`,
    },
    paths: {
      "/healthz": {
        get: {
          operationId: "health",
          summary: "liveness, with the rule set served",
          responses: { 200: { description: "serving", content: { "application/json": { schema: ref("Health") } } } },
        },
      },
      "/v1/rule-set": {
        get: {
          operationId: "ruleSet",
          summary: "the rule set: id, version, hash, overrides, parameters with values, sources and statuses",
          responses: {
            200: { description: "the rule set", content: { "application/json": { schema: ref("RuleSetInfo") } } },
          },
        },
      },
      "/v1/screen": {
        post: {
          operationId: "screen",
          summary: "screen one household",
          parameters: screeningParameters,
          requestBody: { required: true, content: { "application/json": { schema: ref("Household") } } },
          responses: {
            200: {
              description: "the screening result",
              content: { "application/json": { schema: ref("ScreeningResult") } },
            },
            400: problem(
              "bad, missing or repeated asOf, lang or explain; an undeclared query parameter; a body that is not UTF-8 JSON or repeats a key",
            ),
            413: problem("body over the limit"),
            415: problem("body is not application/json (UTF-8)"),
            422: problem("the household is invalid: issues names every bad field by JSON Pointer"),
          },
        },
      },
      "/v1/screen/batch": {
        post: {
          operationId: "screenBatch",
          summary: "screen households given as NDJSON; results streamed as NDJSON, in order",
          parameters: screeningParameters,
          requestBody: {
            required: true,
            description: "one household per line (a JSON array is accepted too)",
            content: { "application/x-ndjson": { schema: ref("Household") } },
          },
          responses: {
            200: {
              description: "one line per household, in input order: its result, or a rejection",
              content: { "application/x-ndjson": { schema: { oneOf: [ref("ScreeningResult"), ref("RejectedLine")] } } },
            },
            400: problem("bad, missing or repeated asOf, lang or explain; an undeclared query parameter"),
            413: problem("body over the limit"),
            415: problem("body is not application/x-ndjson, application/jsonl or application/json (UTF-8)"),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "openApi",
          summary: "this document",
          responses: {
            200: { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } },
          },
        },
      },
    },
    components: {
      schemas: Object.fromEntries(
        Object.keys(COMPONENT_SCHEMAS).map((name) => [
          name,
          componentSchema(name as keyof typeof COMPONENT_SCHEMAS, ruleSet),
        ]),
      ),
    },
  };
}
