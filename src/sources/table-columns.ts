/**
 * The column layout of county table exports (households.csv, members.csv, events.csv, leads.csv). Each column
 * has an English and a Chinese header (either is accepted) and the contract field it fills.
 * docs/tables.md documents the same table.
 */
import type { Vocabulary } from "../vocabulary/labels.js";

export type ColumnKind =
  "text" | "date" | "money" | "number" | "integer" | "boolean" | "list" | "measures" | "nullableInteger";

export interface Column {
  en: string;
  zh: string;
  /** Path in the contract household (for households.csv) or member/event (for the others). */
  path: readonly string[];
  kind: ColumnKind;
  required?: boolean;
  /**
   * The vocabulary of the values: codes or their Chinese labels are accepted. `riskType`: the rule
   * set's risk-type catalogue (ids, or their labels in risk-types.json).
   */
  vocabulary?: ColumnVocabulary;
}

/** A contract vocabulary (src/vocabulary), or `riskType`, whose labels are the rule set's. */
export type ColumnVocabulary = Vocabulary | "riskType";

const c = (
  en: string,
  zh: string,
  path: string[],
  kind: ColumnKind = "text",
  required = false,
  vocabulary?: ColumnVocabulary,
): Column => (vocabulary ? { en, zh, path, kind, required, vocabulary } : { en, zh, path, kind, required });

export const HOUSEHOLD_COLUMNS: readonly Column[] = [
  c("id", "户编号", ["id"], "text", true),
  c("province", "省代码", ["region", "province"], "text", true),
  c("county", "县代码", ["region", "county"], "text", true),
  c("township", "乡镇", ["region", "township"]),
  c("village", "村", ["region", "village"]),
  c("householdType", "户类型", ["householdType"], "text", true, "householdType"),
  c("monitoringCategory", "监测类别", ["monitoring", "category"], "text", false, "category"),
  c("identifiedOn", "识别日期", ["monitoring", "identifiedOn"], "date"),
  c("riskTypes", "风险类型", ["monitoring", "riskTypes"], "list", false, "riskType"),
  c("riskEliminatedOn", "风险消除日期", ["monitoring", "riskEliminatedOn"], "date"),
  c("measures", "已落实措施", ["monitoring", "measures"], "measures"),
  c("incomePeriodEnd", "收入截止日期", ["income", "periodEnd"], "date"),
  c("wage", "工资性收入", ["income", "wage"], "money", true),
  c("business", "家庭经营收入", ["income", "business"], "money", true),
  c("property", "财产性收入", ["income", "property"], "money", true),
  c("transfer", "转移性收入", ["income", "transfer"], "money", true),
  c("productionCost", "生产经营性支出", ["income", "productionCost"], "money", true),
  c("insurancePayout", "理赔收入", ["income", "insurancePayout"], "money"),
  c("previousWage", "上期工资性收入", ["previousIncome", "wage"], "money"),
  c("previousBusiness", "上期家庭经营收入", ["previousIncome", "business"], "money"),
  c("previousProperty", "上期财产性收入", ["previousIncome", "property"], "money"),
  c("previousTransfer", "上期转移性收入", ["previousIncome", "transfer"], "money"),
  c("previousProductionCost", "上期生产经营性支出", ["previousIncome", "productionCost"], "money"),
  c("medicalExpense", "医疗自付支出", ["expenses", "medical"], "money"),
  c("educationExpense", "教育自付支出", ["expenses", "education"], "money"),
  c("otherExpense", "其他自付支出", ["expenses", "other"], "money"),
  c("food", "不愁吃", ["livingConditions", "food"], "boolean"),
  c("clothing", "不愁穿", ["livingConditions", "clothing"], "boolean"),
  c("housingSafetyLevel", "住房安全等级", ["livingConditions", "housing", "safetyLevel"], "text", false, "safetyLevel"),
  c("waterLitersPerPersonPerDay", "人均日供水量", ["livingConditions", "water", "litersPerPersonPerDay"], "number"),
  c("waterScarceArea", "缺水地区", ["livingConditions", "water", "waterScarceArea"], "boolean"),
  c("waterQualityOk", "水质达标", ["livingConditions", "water", "qualityOk"], "boolean"),
  c("waterPipedIn", "自来水入户", ["livingConditions", "water", "pipedIn"], "boolean"),
  c("waterFetchMinutes", "取水往返分钟", ["livingConditions", "water", "fetchMinutes"], "number"),
  c("waterInterruptionDaysPerYear", "年停水天数", ["livingConditions", "water", "interruptionDaysPerYear"], "number"),
  c("waterFetchDistanceM", "取水水平距离米", ["livingConditions", "water", "fetchDistanceM"], "number"),
  c("waterFetchClimbM", "取水垂直距离米", ["livingConditions", "water", "fetchClimbM"], "number"),
];

export const MEMBER_COLUMNS: readonly Column[] = [
  c("householdId", "户编号", [], "text", true),
  c("id", "成员编号", ["id"], "text", true),
  c("birthDate", "出生日期", ["birthDate"], "date", true),
  c("sex", "性别", ["sex"], "text", true, "sex"),
  c("relation", "与户主关系", ["relation"], "text", true, "relation"),
  c("labor", "劳动技能", ["labor"], "text", true, "labor"),
  c("illness", "健康状况", ["illness"], "text", true, "illness"),
  c("disabilityLevel", "残疾等级", ["disabilityLevel"], "nullableInteger", true),
  c("schooling", "在校情况", ["schooling"], "text", true, "schooling"),
  c("schoolExempt", "因病免学", ["schoolExempt"], "boolean", true),
  c("medicalInsurance", "医疗保险", ["medicalInsurance"], "text", true, "medicalInsurance"),
  c("socialAssistance", "社会救助", ["socialAssistance"], "list", true, "socialAssistance"),
];

export const EVENT_COLUMNS: readonly Column[] = [
  c("householdId", "户编号", [], "text", true),
  c("type", "事件类型", ["type"], "text", true, "eventType"),
  c("subtype", "灾种", ["subtype"], "text", false, "disasterSubtype"),
  c("date", "日期", ["date"], "date", true),
  c("loss", "损失", ["loss"], "money"),
];

export const LEAD_COLUMNS: readonly Column[] = [
  c("householdId", "户编号", [], "text", true),
  c("channel", "线索来源", ["channel"], "text", true, "leadChannel"),
  c("department", "预警部门", ["department"], "text", false, "leadDepartment"),
  c("date", "线索日期", ["date"], "date", true),
  c("code", "预警编号", ["code"]),
  c("note", "说明", ["note"]),
  c("resolvedOn", "核实办结日期", ["resolvedOn"], "date"),
];

/** Values that may be written in Chinese in any column of their kind. */
export const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  "1": true,
  "0": false,
  是: true,
  否: false,
  yes: true,
  no: false,
};
