/**
 * The display labels of the data contract's fixed vocabularies, in Chinese and English: the one source for
 * every such label the code writes (explain, CSV, XLSX, the report) and for the Chinese labels table input
 * accepts (docs/contract.md and docs/tables.md). Codes stay the contract's; only what people read comes from here.
 * Risk types, 3+1 items and measure groups are not here: the rule set owns them, with their labels
 * (risk-types.json, guarantees.json, measures.json), and every output reads them from it (rulesets/catalogue).
 */
import type { Language } from "../messages/catalogue.js";

/** A label in both languages; `aliases` are further spellings accepted when reading tables. */
export interface Label {
  zh: string;
  en: string;
  aliases?: readonly string[];
}

const l = (zh: string, en: string, ...aliases: string[]): Label => (aliases.length ? { zh, en, aliases } : { zh, en });

export const VOCABULARIES = {
  householdType: { formerlyPoor: l("脱贫户", "formerly poor"), general: l("一般农户", "general household", "一般户") },
  category: {
    unstableFormerlyPoor: l("脱贫不稳定户", "unstable formerly-poor household"),
    marginal: l("边缘易致贫户", "marginal household"),
    suddenHardship: l("突发严重困难户", "sudden serious hardship"),
  },
  sex: { male: l("男", "male"), female: l("女", "female") },
  relation: {
    head: l("户主", "head"),
    spouse: l("配偶", "spouse"),
    child: l("子女", "child"),
    parent: l("父母", "parent"),
    grandchild: l("孙子女", "grandchild"),
    grandparent: l("祖父母", "grandparent"),
    sibling: l("兄弟姐妹", "sibling"),
    other: l("其他", "other"),
  },
  labor: {
    ordinary: l("普通劳动力", "ordinary labour"),
    skilled: l("技能劳动力", "skilled labour"),
    weak: l("弱劳动力或半劳动力", "weak or half labour"),
    lost: l("丧失劳动力", "labour lost"),
    none: l("无劳动力", "no labour"),
  },
  illness: {
    none: l("健康", "healthy"),
    chronic: l("长期慢性病", "chronic illness"),
    serious: l("患有大病", "serious illness"),
  },
  schooling: {
    none: l("非在校生", "not in school"),
    preschool: l("学前教育", "preschool"),
    primary: l("小学", "primary school"),
    juniorSecondary: l("初中", "junior secondary"),
    seniorSecondary: l("高中", "senior secondary"),
    vocational: l("中职", "vocational school"),
    higher: l("高等教育", "higher education"),
    droppedOut: l("辍学", "dropped out"),
  },
  medicalInsurance: {
    resident: l("城乡居民基本医疗保险", "resident basic medical insurance"),
    employee: l("职工基本医疗保险", "employee basic medical insurance"),
    none: l("未参保", "not insured"),
  },
  socialAssistance: {
    dibao: l("低保", "dibao"),
    tekun: l("特困", "tekun"),
    disabilityLivingAllowance: l("困难残疾人生活补贴", "disability living allowance"),
    severeDisabilityCareAllowance: l("重度残疾人护理补贴", "severe disability care allowance"),
  },
  safetyLevel: { A: l("A级", "A", "A"), B: l("B级", "B", "B"), C: l("C级", "C", "C"), D: l("D级", "D", "D") },
  eventType: {
    naturalDisaster: l("自然灾害", "natural disaster"),
    accident: l("意外事故", "accident"),
    industryFailure: l("产业失败", "industry failure"),
    jobLoss: l("失业", "job loss"),
  },
  disasterSubtype: {
    flood: l("洪涝", "flood"),
    geological: l("地质灾害", "geological"),
    drought: l("旱灾", "drought"),
    biological: l("生物灾害", "biological"),
    meteorological: l("气象灾害", "meteorological"),
    earthquake: l("地震", "earthquake"),
    other: l("其他", "other"),
  },
  leadChannel: {
    selfApplication: l("农户自主申报", "self-application"),
    sectorWarning: l("部门筛查预警", "sector warning"),
    cadreVisit: l("干部排查", "cadre visit"),
    publicReport: l("社会监督", "public report"),
    dataAnalysis: l("数据分析", "data analysis"),
  },
  leadDepartment: {
    medicalSecurity: l("医保", "medical security"),
    education: l("教育", "education"),
    housing: l("住建", "housing"),
    water: l("水利", "water"),
    emergency: l("应急", "emergency management"),
    humanResources: l("人社", "human resources"),
    civilAffairs: l("民政", "civil affairs"),
    disabledPersons: l("残联", "disabled persons' federation"),
    other: l("其他", "other"),
  },
  flag: {
    none: l("无需监测", "no monitoring needed"),
    watch: l("关注", "watch"),
    identify: l("识别为监测对象", "identify for monitoring"),
    continue: l("继续监测帮扶", "continue monitoring"),
    eliminate: l("可启动风险消除程序", "may start the elimination procedure"),
  },
  guaranteeStatus: {
    ok: l("有保障", "ok"),
    problem: l("存在问题", "problem"),
    unknown: l("未知（缺数据）", "unknown (no data)"),
  },
  measureKind: { developmental: l("开发式", "developmental"), protective: l("保障性", "protective") },
  valueStatus: {
    confirmed: l("已证实", "confirmed"),
    partial: l("部分证实", "partial"),
    default: l("默认值", "default"),
    provisional: l("暂定值", "provisional"),
  },
  taskKind: { verify: l("入户核实", "verify"), identify: l("完成识别认定", "complete identification") },
  checkSeverity: { error: l("错误", "error"), warning: l("警告", "warning"), info: l("提示", "info") },
} as const satisfies Record<string, Record<string, Label>>;

export type Vocabulary = keyof typeof VOCABULARIES;

/** The label of a code in a language; an unknown code is shown as it is. */
export function labelOf(vocabulary: Vocabulary, code: string, language: Language): string {
  const entry = (VOCABULARIES[vocabulary] as Record<string, Label>)[code];
  return entry ? entry[language] : code;
}

const readers = new Map<Vocabulary, Map<string, string>>();

/**
 * The contract code a table cell names: the code itself, or its Chinese label (or an alias). Null
 * when the text is neither, so the caller keeps the text and validation names it.
 */
export function codeOf(vocabulary: Vocabulary, text: string): string | null {
  let reader = readers.get(vocabulary);
  if (!reader) {
    reader = new Map();
    for (const [code, entry] of Object.entries(VOCABULARIES[vocabulary] as Record<string, Label>)) {
      reader.set(code, code);
      reader.set(entry.zh, code);
      for (const alias of entry.aliases ?? []) reader.set(alias, code);
    }
    readers.set(vocabulary, reader);
  }
  return reader.get(text) ?? null;
}
