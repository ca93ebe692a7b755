import { z } from "zod";
import { calendarDate } from "../input/household-schema.js";
import {
  CATEGORIES,
  FLAGS,
  GUARANTEE_ITEMS,
  GUARANTEE_STATUSES,
  LEAD_CHANNELS,
  LEAD_DEPARTMENTS,
  TASK_KINDS,
} from "../input/enums.js";

const idList = z.array(z.string()).describe("ids");
const includeExclude = z.strictObject({
  include: idList.optional().describe("必须出现 / must appear"),
  exclude: idList.optional().describe("不得出现 / must not appear"),
});

/** Why an empty `expect` is refused: a test that checks nothing passes whatever the rules do. */
export const EMPTY_EXPECTATION_MESSAGE =
  "expect 为空：至少写一项要检查的结果（如 flag）/ expect is empty: name at least one result to check (such as flag)";

/**
 * What a rule test expects. Every field is optional: only what is written is checked, and at least
 * one must be written.
 */
export const expectationSchema = z
  .strictObject({
    flag: z.enum(FLAGS).optional().describe("标记 / flag"),
    category: z.enum(CATEGORIES).nullable().optional().describe("类别 / category"),
    riskTypes: z.array(z.string()).optional().describe("检测到的风险类型（完全一致）/ the exact set of risk types"),
    riskCodes: z.record(z.string(), z.string()).optional().describe("风险类型代码 / risk codes by id"),
    guarantees: z
      .partialRecord(z.enum(GUARANTEE_ITEMS), z.enum(GUARANTEE_STATUSES))
      .optional()
      .describe("3+1 状态 / 3+1 statuses"),
    measures: includeExclude.optional().describe("措施 / measures by id"),
    measureGroups: includeExclude.optional().describe("措施分组 / measure group codes"),
    inPlace: idList.optional().describe("已落实的措施 / measures marked in place"),
    checks: includeExclude.optional().describe("数据校验 / check ids"),
    figures: z
      .strictObject({
        threshold: z.string().nullable().optional(),
        perCapitaNetIncome: z.string().optional(),
        adjustedPerCapitaIncome: z.string().optional(),
      })
      .optional()
      .describe("数值 / figures"),
    followUp: z
      .strictObject({ visitsPerWeek: z.number().int() })
      .nullable()
      .optional()
      .describe("走访频次 / follow-up"),
    tasks: z
      .array(
        z.strictObject({
          kind: z.enum(TASK_KINDS),
          channel: z.enum(LEAD_CHANNELS),
          department: z.enum(LEAD_DEPARTMENTS).nullable(),
          leadDate: calendarDate,
          dueBy: calendarDate,
          overdue: z.boolean(),
        }),
      )
      .optional()
      .describe(
        "任务（完全一致，按线索顺序、同一线索先核实后识别，不比较理由）/ the exact tasks in lead order (verify before identify), reasons not compared",
      ),
    referrals: z
      .array(z.enum(LEAD_DEPARTMENTS))
      .optional()
      .describe("转介的部门（完全一致）/ the exact set of departments the household is referred to"),
    reasonsContain: z.array(z.string()).optional().describe("理由中须包含的文字 / text the reasons must contain"),
    reasonsExclude: z.array(z.string()).optional().describe("理由中不得出现的文字 / text no reason may contain"),
    error: z.string().optional().describe("预期的错误代码，如 E_NO_PARAMETER_IN_FORCE / expected error code"),
  })
  .refine((expectation) => Object.keys(expectation).length > 0, { message: EMPTY_EXPECTATION_MESSAGE })
  .meta({ minProperties: 1 });
export type Expectation = z.output<typeof expectationSchema>;

export const ruleTestSchema = z.strictObject({
  name: z.string().min(1).describe("用例名称 / test name"),
  description: z.string().optional().describe("说明 / description"),
  asOf: calendarDate.describe("评估日 / as-of date"),
  lang: z.enum(["zh", "en"]).optional(),
  set: z
    .record(z.string(), z.string())
    .optional()
    .describe(
      "只为本用例指定的参数取值，如同 --set（如县级低保标准）/ parameter values for this test only, as --set gives them (such as a county's dibao standard)",
    ),
  household: z.unknown().describe("农户数据（数据合同格式）/ the household, as in the data contract"),
  expect: expectationSchema,
});
export type RuleTest = z.output<typeof ruleTestSchema>;

/** A rule-test file: the rule set to run (relative to the file) and its cases. */
export const ruleTestFileSchema = z.strictObject({
  $schema: z.string().optional(),
  ruleSet: z
    .string()
    .optional()
    .describe(
      "规则集目录（相对本文件）；放在规则集 tests/ 下时可省略 / rule-set directory relative to this file; optional inside a rule set's tests/",
    ),
  tests: z.array(ruleTestSchema).min(1),
});
export type RuleTestFile = z.output<typeof ruleTestFileSchema>;
