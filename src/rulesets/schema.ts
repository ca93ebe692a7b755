import { z } from "zod";
import { nestedParseOptions, textParams } from "../messages/zod-issues.js";
import { calendarDate } from "../input/household-schema.js";
import {
  CATEGORIES,
  FLAGS,
  GUARANTEE_ITEMS,
  LEAD_DEPARTMENTS,
  MEASURE_KINDS,
  SOCIAL_ASSISTANCE_CODES,
  TASK_KINDS,
} from "../input/enums.js";
import { STAGES, type Stage } from "./stages.js";

/**
 * The schemas of every rule-set file. They are the single source of truth: the TypeScript types
 * are inferred from them and the JSON Schemas under `schema/` are generated from them.
 */

/** Bounds that keep a hostile rule file from taking over the process (time and memory). */
export const MAX_CONDITIONS = 200;
export const MAX_RULES_PER_FILE = 5000;
export const MAX_CATALOGUE_ENTRIES = 2000;

/** Fixed messages are message ids (src/messages), put into words in the language of the check. */
const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, "identifierFormat");

export const bilingualSchema = z
  .strictObject({
    zh: z.string().min(1).describe("中文 (required)"),
    en: z.string().min(1).optional().describe("English"),
  })
  .describe("Text in Chinese and English / 中英文文本");
export type BilingualText = z.output<typeof bilingualSchema>;

export const sourceSchema = z
  .strictObject({
    document: z.string().min(1).describe("文件名称及文号 / document title and number"),
    clause: z.string().optional().describe("条款 / clause"),
    url: z.string().optional().describe("网址 / address"),
    note: z.string().optional().describe("说明 / note"),
  })
  .describe("政策依据 / policy source");
export type PolicySource = z.output<typeof sourceSchema>;

/**
 * How certain a value is: confirmed (an official document or its text), partial (a county notice, an
 * unofficial repost, a news report), default (dixian's own choice), provisional (a value a county
 * supplies before it is published; every result that uses one says so).
 */
export const STATUSES = ["confirmed", "partial", "default", "provisional"] as const;
export type Status = (typeof STATUSES)[number];
const statusSchema = z
  .enum(STATUSES)
  .describe(
    "confirmed 已证实 · partial 部分证实 · default 默认值（无政策出处）· provisional 暂定值（县级在正式公布前提供）",
  );

// ---------------------------------------------------------------------------------------------
// ruleset.json

export const manifestSchema = z.strictObject({
  $schema: z.string().optional(),
  id: identifier.describe("规则集标识 / rule set id"),
  version: z.string().min(1).describe("规则集版本 / rule set version"),
  extends: z
    .string()
    .min(1)
    .optional()
    .describe("继承的上级规则集目录（相对路径）/ directory of the rule set this one extends, relative"),
  region: z
    .strictObject({
      province: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
      county: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
      name: bilingualSchema,
    })
    .optional()
    .describe("适用地区 / region"),
  description: bilingualSchema.describe("说明 / description"),
});
export type RuleSetManifest = z.output<typeof manifestSchema>;

// ---------------------------------------------------------------------------------------------
// parameters.json

export const PARAMETER_TYPES = ["money", "decimal", "ratio", "integer", "number", "boolean", "text"] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export const parameterValueSchema = z.strictObject({
  from: calendarDate.describe("生效日期（含）/ in force from (inclusive)"),
  until: calendarDate
    .optional()
    .describe("截止日期（含），省略表示直到下一取值 / in force until (inclusive); open-ended when omitted"),
  value: z
    .union([z.string(), z.number(), z.boolean()])
    .describe("取值；金额和小数写成字符串 / the value; money and decimals as strings"),
  source: sourceSchema,
  status: statusSchema,
});
export type ParameterValue = z.output<typeof parameterValueSchema>;

export const parameterSchema = z.strictObject({
  label: bilingualSchema
    .optional()
    .describe("简称，用在理由和提示中（如“监测标准”）/ a short name, used in reasons and warnings"),
  description: bilingualSchema,
  type: z.enum(PARAMETER_TYPES).describe("取值类型 / value type"),
  unit: z.string().optional().describe("单位 / unit"),
  yearly: z
    .boolean()
    .optional()
    .describe(
      "每年重新确定：按上一年度取值计算时给出警告 / set every year: warn when a value from an earlier year is used",
    ),
  optional: z
    .boolean()
    .optional()
    .describe(
      "可选参数：可以没有取值（如由县区设定的低保标准）；没有生效取值时，引用它的规则不适用而不报错 / may have no value (e.g. a county's dibao standard): without a value in force, the rules using it do not apply, instead of failing",
    ),
  values: z
    .array(parameterValueSchema)
    .max(MAX_CATALOGUE_ENTRIES)
    .describe(
      "按生效日期排列的取值；可选参数可为空 / values by effective date; may be empty for an optional parameter",
    ),
});
export type Parameter = z.output<typeof parameterSchema>;

export const parameterAdditionSchema = z.strictObject({
  merge: z
    .literal("addValues")
    .describe(
      "在上级参数上增加（或按生效日期替换）取值 / add values to the inherited parameter (same `from` replaces)",
    ),
  values: z.array(parameterValueSchema).min(1),
});

export const parametersFileSchema = z.unknown().superRefine((file, ctx) => {
  // The raw object, not a parsed copy: a parsed record would turn a "__proto__" key into a prototype.
  if (typeof file !== "object" || file === null || Array.isArray(file)) {
    ctx.addIssue({ code: "custom", params: textParams("parametersNotObject") });
    return;
  }
  for (const [name, entry] of Object.entries(file)) {
    if (name === "$schema") continue;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      ctx.addIssue({ code: "custom", path: [name], params: textParams("parameterNameFormat") });
      continue;
    }
    const isAddition = typeof entry === "object" && entry !== null && "merge" in entry;
    const result = (isAddition ? parameterAdditionSchema : parameterSchema).safeParse(entry, nestedParseOptions());
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [name, ...issue.path] });
      continue;
    }
    if (!isAddition && result.data.values.length === 0 && (result.data as Parameter).optional !== true) {
      ctx.addIssue({
        code: "custom",
        path: [name, "values"],
        message: 'a parameter needs at least one value, unless it is optional ("optional": true)',
      });
    }
    result.data.values.forEach((value, index, values) => {
      const previous = values[index - 1];
      if (previous && value.from < previous.from) {
        ctx.addIssue({
          code: "custom",
          path: [name, "values", index, "from"],
          params: textParams("valuesOutOfOrder", { from: value.from, previous: previous.from }),
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// figures.json: the income accounting (收支核算口径) as data

/** The input money fields a figure definition may name: `income.*`, `previousIncome.*`, `expenses.*`. */
export const FIGURE_INPUT_FIELDS = {
  income: ["wage", "business", "property", "transfer", "productionCost", "insurancePayout"],
  previousIncome: ["wage", "business", "property", "transfer", "productionCost"],
  expenses: ["medical", "education", "other"],
} as const;

const figureId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "figure ids are letters, digits and '_', starting with a letter");
const figureTerm = z
  .string()
  .min(1)
  .describe(
    "输入金额字段（income.wage、expenses.medical …）或另一数值的标识 / an input money field or another figure's id",
  );

const figureSumFields = {
  add: z.array(figureTerm).max(MAX_CONDITIONS).optional().describe("相加的字段和数值 / fields and figures added"),
  subtract: z
    .array(figureTerm)
    .max(MAX_CONDITIONS)
    .optional()
    .describe("相减的字段和数值 / fields and figures subtracted"),
};
const figurePerMemberFields = {
  perMember: figureTerm.describe(
    "除以家庭人数的数值（精确商）/ the figure divided by the number of members (exact quotient)",
  ),
};
const figureCommon = {
  description: bilingualSchema.optional(),
  source: sourceSchema.optional(),
};
const figurePeriod = {
  from: calendarDate.describe("生效日期（含）/ in force from (inclusive)"),
  until: calendarDate.optional().describe("截止日期（含）/ in force until (inclusive)"),
};

/** A sum: the `add` terms minus the `subtract` terms. */
export const figureSumSchema = z.strictObject({ ...figureSumFields, ...figureCommon });
/** A per-member figure: another figure divided by the number of members. */
export const figurePerMemberSchema = z.strictObject({ ...figurePerMemberFields, ...figureCommon });
/** Dated variants, each in force from `from` (to `until`), as parameter values are. */
export const figureDatedSchema = z.strictObject({
  values: z
    .array(
      z.union([
        z.strictObject({ ...figurePeriod, ...figureSumFields }),
        z.strictObject({ ...figurePeriod, ...figurePerMemberFields }),
      ]),
    )
    .min(1)
    .max(MAX_CATALOGUE_ENTRIES)
    .describe("按生效日期排列的定义 / definitions by effective date"),
  ...figureCommon,
});
export const figureDefinitionSchema = z.union([figureSumSchema, figurePerMemberSchema, figureDatedSchema]);
export type FigureDefinition = z.output<typeof figureDefinitionSchema>;

/** One definition of a figure as in force over a period (an undated definition is in force always). */
export type FigureVariant = { from?: string; until?: string } & (
  { add: string[]; subtract: string[] } | { perMember: string }
);

/** A figure after loading: its variants by `from`, description and source kept for documentation. */
export interface Figure {
  variants: FigureVariant[];
  description?: BilingualText;
  source?: PolicySource;
}

export const figuresFileSchema = z.unknown().superRefine((file, ctx) => {
  if (typeof file !== "object" || file === null || Array.isArray(file)) {
    ctx.addIssue({ code: "custom", params: textParams("figuresNotObject") });
    return;
  }
  if (Object.keys(file).length > MAX_CATALOGUE_ENTRIES) {
    ctx.addIssue({ code: "custom", params: textParams("figuresTooMany", { maximum: MAX_CATALOGUE_ENTRIES }) });
    return;
  }
  for (const [name, entry] of Object.entries(file)) {
    if (name === "$schema") continue;
    if (!figureId.safeParse(name).success) {
      ctx.addIssue({ code: "custom", path: [name], params: textParams("figureIdFormat") });
      continue;
    }
    const shape: object = typeof entry === "object" && entry !== null ? (entry as object) : {};
    const schema =
      "values" in shape ? figureDatedSchema : "perMember" in shape ? figurePerMemberSchema : figureSumSchema;
    const result = schema.safeParse(entry, nestedParseOptions());
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [name, ...issue.path] });
      continue;
    }
    if ("values" in result.data) {
      result.data.values.forEach((value, index, values) => {
        const previous = values[index - 1];
        if (previous && value.from <= previous.from) {
          ctx.addIssue({
            code: "custom",
            path: [name, "values", index, "from"],
            params: textParams("valuesOutOfOrder", { from: value.from, previous: previous.from }),
          });
        }
        if (value.until !== undefined && value.until < value.from) {
          ctx.addIssue({
            code: "custom",
            path: [name, "values", index, "until"],
            params: textParams("untilBeforeFrom", { until: value.until, from: value.from }),
          });
        } else if (previous?.until !== undefined && previous.until >= value.from) {
          ctx.addIssue({
            code: "custom",
            path: [name, "values", index - 1, "until"],
            params: textParams("figurePeriodOverlaps", { from: value.from }),
          });
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Catalogues

const disabledEntry = z.strictObject({
  id: z.string(),
  disabled: z.literal(true).describe("停用上级规则集中的该项 / disable the inherited entry"),
  reason: z.string().min(1).describe("停用理由 / why it is disabled"),
});

export const riskTypeSchema = z.strictObject({
  id: identifier.describe(
    "风险类型标识：数据合同的九种（illness、disaster……），省级规则集可以增加 / risk id: the contract's nine, or one a province adds",
  ),
  code: z
    .string()
    .regex(/^\d{2,4}$/)
    .describe("国家代码表 100A27 代码 / national code"),
  label: bilingualSchema,
  source: sourceSchema.describe("代码和名称的出处 / where the code and name come from"),
  status: statusSchema,
});
export const riskTypesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  riskTypes: z.array(z.union([disabledEntry, riskTypeSchema])).max(MAX_CATALOGUE_ENTRIES),
});
export type RiskTypeEntry = z.output<typeof riskTypeSchema>;

export const guaranteeItemSchema = z.strictObject({
  id: z.enum(GUARANTEE_ITEMS).describe("3+1 项目 / item"),
  label: bilingualSchema.describe("项目名称（有保障时的说法），如“住房安全保障” / the item's name"),
  problem: bilingualSchema.describe(
    "有问题时的说法，用在理由中，如“住房不安全（C/D 级危房）” / the problem, as reasons name it",
  ),
  source: sourceSchema.describe("这一项标准的出处 / where the item's standard comes from"),
  status: statusSchema,
});
export const guaranteesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  guarantees: z.array(guaranteeItemSchema),
});
export type GuaranteeEntry = z.output<typeof guaranteeItemSchema>;

/** A measure group of the national code tables (100A39 产业 …): its name, and where the code comes from. */
export const measureGroupSchema = z.strictObject({
  code: z
    .string()
    .regex(/^100A\d{2}$/)
    .describe("国家措施分组代码，如 100A40 / national group code"),
  label: bilingualSchema,
  source: sourceSchema.describe("代码和名称的出处 / where the code and name come from"),
  status: statusSchema,
});
export type MeasureGroupEntry = z.output<typeof measureGroupSchema>;

export const measureSchema = z.strictObject({
  id: identifier.describe("措施标识 / measure id"),
  group: z
    .string()
    .regex(/^100A\d{2}$/)
    .describe("国家措施分组代码，如 100A40 / national group code"),
  kind: z.enum(MEASURE_KINDS).describe("developmental 开发式帮扶 · protective 兜底/综合保障"),
  label: bilingualSchema,
  socialAssistance: z
    .enum(SOCIAL_ASSISTANCE_CODES)
    .optional()
    .describe(
      "成员 socialAssistance 中对应此措施的值 / the member socialAssistance code that means this measure is in place",
    ),
  local: z.boolean().optional().describe("本地特色措施 / a local measure"),
  source: sourceSchema.optional().describe("措施的政策依据 / the policy the measure rests on"),
  status: statusSchema.optional(),
});
export const measuresFileSchema = z.strictObject({
  $schema: z.string().optional(),
  groups: z
    .array(measureGroupSchema)
    .max(MAX_CATALOGUE_ENTRIES)
    .optional()
    .describe("措施分组（按代码分层，县级可增加或改名）/ measure groups, layered by code"),
  measures: z.array(z.union([disabledEntry, measureSchema])).max(MAX_CATALOGUE_ENTRIES),
});
export type MeasureEntry = z.output<typeof measureSchema>;

// ---------------------------------------------------------------------------------------------
// Conditions (json-rules-engine form, with labels)

/** A reference to a rule-set parameter, replaced by its value in force on the as-of date. */
export const parameterReferenceSchema = z.strictObject({
  param: z.string().describe("参数名 / parameter name"),
  times: z.string().optional().describe("乘以另一参数 / multiplied by another parameter"),
});

const factReferenceSchema = z.strictObject({
  fact: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  path: z.string().optional(),
});

const conditionCommon = {
  label: bilingualSchema.optional().describe("条件说明，用于理由和解释 / what the condition means, used in reasons"),
  unmet: bilingualSchema
    .optional()
    .describe(
      "条件不满足时的说法，写成不满足的事实（如“人均纯收入 {perCapitaNetIncome} 元未高于监测标准 {param.threshold} 元”）/ the failing fact, written when the condition is not met",
    ),
  priority: z.number().int().min(1).optional(),
  name: z.string().optional(),
};

/** What a condition may say of itself: its text when met and when unmet, and json-rules-engine's `priority` and `name`. */
export interface ConditionText {
  label?: BilingualText;
  unmet?: BilingualText;
  priority?: number;
  name?: string;
}

export type Condition =
  | ({ all: Condition[] } & ConditionText)
  | ({ any: Condition[] } & ConditionText)
  | ({ not: Condition } & ConditionText)
  | ({ condition: string } & ConditionText)
  | ({
      fact: string;
      operator: string;
      value: unknown;
      params?: Record<string, unknown>;
      path?: string;
    } & ConditionText);

export const conditionSchema: z.ZodType<Condition> = z
  .lazy(() =>
    z.union([
      z.strictObject({ all: z.array(conditionSchema).min(1).max(MAX_CONDITIONS), ...conditionCommon }),
      z.strictObject({ any: z.array(conditionSchema).min(1).max(MAX_CONDITIONS), ...conditionCommon }),
      z.strictObject({ not: conditionSchema, ...conditionCommon }),
      z.strictObject({ condition: z.string().describe("named condition from conditions.json"), ...conditionCommon }),
      z.strictObject({
        fact: z.string().describe("事实名称，见 docs/facts.md / fact id"),
        operator: z.string().describe("比较运算符 / operator"),
        value: z
          .union([parameterReferenceSchema, factReferenceSchema, z.unknown()])
          .describe('比较值；可引用参数 {"param": ...} / value; may reference a parameter'),
        params: z.record(z.string(), z.unknown()).optional().describe("事实参数 / fact params"),
        path: z.string().optional(),
        ...conditionCommon,
      }),
    ]),
  )
  .meta({ id: "Condition", title: "条件 / condition" });

export const topLevelConditionSchema = z.union([
  z.strictObject({ all: z.array(conditionSchema).max(MAX_CONDITIONS), ...conditionCommon }),
  z.strictObject({ any: z.array(conditionSchema).max(MAX_CONDITIONS), ...conditionCommon }),
  z.strictObject({ not: conditionSchema, ...conditionCommon }),
  z.strictObject({ condition: z.string(), ...conditionCommon }),
]);
export type TopLevelCondition = z.output<typeof topLevelConditionSchema>;

export const conditionsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  conditions: z.record(z.string(), topLevelConditionSchema),
});

// ---------------------------------------------------------------------------------------------
// Rules

export { STAGES, type Stage };

const paramOr = <T extends z.ZodType>(schema: T) => z.union([schema, parameterReferenceSchema]);

export const eventSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("risk"),
    params: z.strictObject({
      riskType: identifier.describe(
        "风险类型标识，须在 risk-types.json 目录中 / a risk type id of the risk-types.json catalogue",
      ),
      code: z
        .string()
        .regex(/^\d{2,4}$/)
        .optional()
        .describe("覆盖风险类型目录中的代码（如灾害子类）/ overrides the catalogue code"),
    }),
  }),
  z.strictObject({
    type: z.literal("guarantee"),
    params: z.strictObject({ item: z.enum(GUARANTEE_ITEMS), status: z.enum(["problem", "unknown"]) }),
  }),
  z.strictObject({
    type: z.literal("flag"),
    params: z.strictObject({
      flag: z.enum(FLAGS),
      category: z
        .union([z.enum(CATEGORIES), z.literal("recorded"), z.null()])
        .describe("类别；recorded 表示沿用监测记录 / category; recorded = as recorded"),
      unmetConditionsOf: z
        .string()
        .optional()
        .describe("把该规则未满足的条件列为理由 / list this rule's unmet conditions as reasons"),
    }),
  }),
  z.strictObject({
    type: z.literal("measure"),
    params: z.strictObject({
      measure: z.string(),
      fit: z
        .number()
        .int()
        .min(1)
        .max(9)
        .optional()
        .describe(
          "适配度 1–9（默认 1）：开发式措施按适配度排序，几条规则建议同一措施的相加，超过上限的不列入 / how well the measure fits the household (1–9, default 1): developmental suggestions are ranked by the sum over the rules that suggest them",
        ),
    }),
  }),
  z.strictObject({
    type: z.literal("referral"),
    params: z.strictObject({
      department: z.enum(LEAD_DEPARTMENTS).describe("转介的行业部门 / the department the household is referred to"),
    }),
  }),
  z.strictObject({
    type: z.literal("limit"),
    params: z
      .strictObject({
        kind: z.enum(MEASURE_KINDS).describe("限制哪一类措施 / which kind of measure"),
        max: paramOr(z.number().int().min(0).max(100)).describe(
          "最多建议几项（已落实的不计；0 表示不建议这一类措施）/ at most this many suggestions (measures in place not counted; 0: none of the kind)",
        ),
      })
      .describe(
        "建议数量上限：按适配度保留前几项，其余写进理由 / a cap on suggestions: the best-fitting are kept, the rest named in a reason",
      ),
  }),
  z.strictObject({ type: z.literal("reason") }),
  z.strictObject({
    type: z.literal("followUp"),
    params: z.strictObject({ visitsPerWeek: paramOr(z.number().int().min(0)) }),
  }),
  z.strictObject({
    type: z.literal("task"),
    params: z
      .strictObject({
        kind: z.enum(TASK_KINDS).describe("verify 核实线索 · identify 完成识别认定"),
        withinDays: paramOr(z.number().int().min(0).max(3660)).describe(
          "自线索日期起的期限（天）/ days from the lead's date to the due date",
        ),
        leads: z
          .enum(["each", "first"])
          .optional()
          .describe(
            "each：每条未办结线索一项（默认）；first：只为最早的未办结线索一项（对户的任务，如识别认定）/ each: one task per open lead (default); first: one for the earliest open lead (a task for the household, such as identification)",
          ),
      })
      .describe("为每条未办结线索生成一项任务 / one task per open lead"),
  }),
  z.strictObject({
    type: z.literal("check"),
    params: z.strictObject({ severity: z.enum(["error", "warning", "info"]) }),
  }),
]);
export type RuleEvent = z.output<typeof eventSchema>;

/** Which event types each stage may produce. */
export const STAGE_EVENTS: Record<Stage, readonly RuleEvent["type"][]> = {
  assessment: ["risk", "guarantee"],
  flag: ["flag"],
  plan: ["measure", "referral", "limit", "reason", "followUp", "task"],
  fallback: ["measure", "referral", "limit"],
  checks: ["check"],
};

export const ruleSchema = z.strictObject({
  id: identifier.describe("规则标识 / rule id"),
  label: bilingualSchema.describe("规则名称 / rule name"),
  basis: sourceSchema.optional(),
  priority: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("优先级，大者先判（flag 阶段取第一个满足的）/ higher first; the flag stage takes the first met"),
  conditions: topLevelConditionSchema,
  event: eventSchema,
  reason: bilingualSchema.optional().describe("理由模板，可用 {事实名} 和 {param.参数名} / reason template"),
});
export type RuleDefinition = z.output<typeof ruleSchema>;

// ---------------------------------------------------------------------------------------------
// Decision tables: one rule written once, and a table whose every row makes one rule (rule-tables.ts)

const tableColumnName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "ruleTableColumnFormat");
/** A cell of a table named in its rule: `{{column}}`. */
const cellReference = z
  .string()
  .regex(/^\{\{[A-Za-z][A-Za-z0-9_]*\}\}$/)
  .describe("判定表的一列，如 {{code}} / a column of the table, such as {{code}}");

export const tableColumnSchema = z.strictObject({
  description: bilingualSchema.optional().describe("这一列是什么 / what the column holds"),
  default: z.unknown().optional().describe("行中没有写这一列时的取值 / the value for rows that leave the column out"),
});

export const tableRowSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "ruleTableRowIdFormat")
      .describe("行标识：这一行的规则标识为“表标识.行标识” / row id: the row's rule is `<table id>.<row id>`"),
  })
  .catchall(z.unknown())
  .describe("一行：每列一个取值 / a row: a value for each column");

export const ruleTableSchema = z
  .strictObject({
    id: identifier.describe(
      "判定表标识；每行的规则标识为“表标识.行标识” / table id; each row's rule is `<table id>.<row id>`",
    ),
    table: z
      .strictObject({
        description: bilingualSchema.optional().describe("表的说明 / what the table decides"),
        columns: z
          .record(tableColumnName, tableColumnSchema)
          .describe(
            "各列（id 除外）：规则中用 {{列名}} 引用 / the columns (besides id), named in the rule as {{column}}",
          ),
        rows: z
          .array(tableRowSchema)
          .min(1)
          .max(MAX_RULES_PER_FILE)
          .describe("每行展开为一条规则 / each row becomes one rule"),
      })
      .describe("判定表 / decision table"),
    label: bilingualSchema.describe("规则名称，可用 {{列名}} / rule name; may name cells as {{column}}"),
    basis: sourceSchema.optional(),
    priority: z.union([z.number().int().min(1), cellReference]).optional(),
    conditions: topLevelConditionSchema,
    event: z.union([
      eventSchema,
      z.strictObject({
        type: z.enum(eventSchema.options.map((option) => option.shape.type.value)),
        params: z.record(z.string(), z.unknown()).optional(),
      }),
    ]),
    reason: bilingualSchema
      .optional()
      .describe("理由模板，可用 {{列名}} / reason template; may name cells as {{column}}"),
  })
  .describe(
    "判定表：规则只写一次，表中每行展开为一条普通规则 / decision table: the rule written once, each row of the table makes one ordinary rule",
  );
export type RuleTableEntry = z.output<typeof ruleTableSchema>;

/**
 * A table entry as loading checks it: the table in full, the rule's fields only as present. The
 * rule each row makes is checked as any rule is ({@link ruleSchema}), and its problems are shown
 * where they were written: the cell, or the rule's text.
 */
export const ruleTableLoadSchema = ruleTableSchema.extend({
  label: z.unknown().optional(),
  basis: z.unknown().optional(),
  priority: z.unknown().optional(),
  conditions: z.unknown().optional(),
  event: z.unknown().optional(),
  reason: z.unknown().optional(),
});

/** An entry of a rule file that is an ordinary rule or disables an inherited one. */
export const ruleEntrySchema = z.union([disabledEntry, ruleSchema]);

/** A rule file as JSON Schema and editors see it: rules, disabled rules and decision tables. */
export const rulesFileSchema = z.strictObject({
  $schema: z.string().optional(),
  stage: z.enum(STAGES).describe("阶段 / stage: assessment → flag → plan → fallback → checks"),
  rules: z.array(z.union([disabledEntry, ruleSchema, ruleTableSchema])).max(MAX_RULES_PER_FILE),
});

/** A rule file as loading reads it: each entry is then checked as a rule or as a table ({@link ruleEntrySchema}, {@link ruleTableLoadSchema}). */
export const rulesFileLoadSchema = z.strictObject({
  $schema: z.string().optional(),
  stage: z.enum(STAGES).describe("阶段 / stage: assessment → flag → plan → fallback → checks"),
  rules: z.array(z.unknown()).max(MAX_RULES_PER_FILE),
});
