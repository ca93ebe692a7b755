import { z } from "zod";
import { householdSchema } from "../input/household-schema.js";
import { ruleTestFileSchema } from "./rule-test-schema.js";
import {
  conditionsFileSchema,
  figureDefinitionSchema,
  guaranteesFileSchema,
  manifestSchema,
  measuresFileSchema,
  parameterAdditionSchema,
  parameterSchema,
  riskTypesFileSchema,
  rulesFileSchema,
} from "./schema.js";

/**
 * The parameters file as JSON Schema sees it: any parameter name, each a full parameter or an
 * `addValues` merge. (Loading uses a refinement instead, to pick the right error message.)
 */
const parametersFileJsonSchema = z
  .object({ $schema: z.string().optional() })
  .catchall(z.union([parameterSchema, parameterAdditionSchema]));

/** The figures file as JSON Schema sees it: any figure id, each a sum, a per-member figure or dated variants. */
const figuresFileJsonSchema = z.object({ $schema: z.string().optional() }).catchall(figureDefinitionSchema);

/** Every JSON Schema dixian publishes under `schema/`, generated from the zod schemas. */
export const JSON_SCHEMAS = {
  ruleset: { schema: manifestSchema, title: "dixian 规则集清单 / rule-set manifest (ruleset.json)" },
  parameters: { schema: parametersFileJsonSchema, title: "dixian 参数 / parameters (parameters.json)" },
  "risk-types": { schema: riskTypesFileSchema, title: "dixian 风险类型目录 / risk-type catalogue (risk-types.json)" },
  guarantees: { schema: guaranteesFileSchema, title: "dixian 3+1 项目 / 3+1 items (guarantees.json)" },
  measures: { schema: measuresFileSchema, title: "dixian 帮扶措施目录 / measure catalogue (measures.json)" },
  figures: { schema: figuresFileJsonSchema, title: "dixian 收支核算口径 / figure definitions (figures.json)" },
  conditions: { schema: conditionsFileSchema, title: "dixian 命名条件 / named conditions (conditions.json)" },
  rules: { schema: rulesFileSchema, title: "dixian 规则 / rules (rules/*.json)" },
  "rule-test": { schema: ruleTestFileSchema, title: "dixian 规则测试 / rule tests (tests/*.json)" },
  household: { schema: householdSchema, title: "dixian 农户数据（数据合同第 1 版）/ household (data contract v1)" },
} as const;

export type JsonSchemaName = keyof typeof JSON_SCHEMAS;

/** The JSON Schema (draft 2020-12) for one file kind, as written to `schema/<name>.schema.json`. */
export function jsonSchemaFor(name: JsonSchemaName): Record<string, unknown> {
  const { schema, title } = JSON_SCHEMAS[name];
  const generated = z.toJSONSchema(schema as z.ZodType, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title, ...rest };
}
