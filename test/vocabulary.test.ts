import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as enums from "../src/input/enums.js";
import { loadRuleSet } from "../src/index.js";
import {
  guaranteeLabel,
  measureGroupLabel,
  riskTypeLabel,
  riskTypeOf,
  shippedCatalogue,
} from "../src/rulesets/catalogue.js";
import { codeOf, labelOf, VOCABULARIES, type Label } from "../src/vocabulary/labels.js";

/** The label table of CONTRACT.md "Tables", as the contract writes it (field → Chinese labels in code order). */
const CONTRACT_LABELS: Record<
  string,
  { vocabulary: keyof typeof VOCABULARIES; codes: readonly string[]; labels: string[] }
> = {
  householdType: { vocabulary: "householdType", codes: ["general", "formerlyPoor"], labels: ["一般农户", "脱贫户"] },
  monitoringCategory: {
    vocabulary: "category",
    codes: enums.CATEGORIES,
    labels: ["脱贫不稳定户", "边缘易致贫户", "突发严重困难户"],
  },
  sex: { vocabulary: "sex", codes: enums.SEXES, labels: ["男", "女"] },
  relation: {
    vocabulary: "relation",
    codes: enums.RELATIONS,
    labels: ["户主", "配偶", "子女", "父母", "孙子女", "祖父母", "兄弟姐妹", "其他"],
  },
  labor: {
    vocabulary: "labor",
    codes: enums.LABOR_CODES,
    labels: ["普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力"],
  },
  illness: { vocabulary: "illness", codes: enums.ILLNESS_CODES, labels: ["健康", "长期慢性病", "患有大病"] },
  schooling: {
    vocabulary: "schooling",
    codes: enums.SCHOOLING_CODES,
    labels: ["非在校生", "学前教育", "小学", "初中", "高中", "中职", "高等教育", "辍学"],
  },
  medicalInsurance: {
    vocabulary: "medicalInsurance",
    codes: enums.MEDICAL_INSURANCE_CODES,
    labels: ["城乡居民基本医疗保险", "职工基本医疗保险", "未参保"],
  },
  socialAssistance: {
    vocabulary: "socialAssistance",
    codes: enums.SOCIAL_ASSISTANCE_CODES,
    labels: ["低保", "特困", "困难残疾人生活补贴", "重度残疾人护理补贴"],
  },
  housingSafetyLevel: { vocabulary: "safetyLevel", codes: enums.SAFETY_LEVELS, labels: ["A级", "B级", "C级", "D级"] },
  eventType: {
    vocabulary: "eventType",
    codes: enums.EVENT_TYPES,
    labels: ["自然灾害", "意外事故", "产业失败", "失业"],
  },
  eventSubtype: {
    vocabulary: "disasterSubtype",
    codes: enums.DISASTER_SUBTYPES,
    labels: ["洪涝", "地质灾害", "旱灾", "生物灾害", "气象灾害", "地震", "其他"],
  },
  leadChannel: {
    vocabulary: "leadChannel",
    codes: ["selfApplication", "sectorWarning", "cadreVisit", "publicReport", "dataAnalysis"],
    labels: ["农户自主申报", "部门筛查预警", "干部排查", "社会监督", "数据分析"],
  },
  leadDepartment: {
    vocabulary: "leadDepartment",
    codes: [
      "medicalSecurity",
      "education",
      "housing",
      "water",
      "emergency",
      "humanResources",
      "civilAffairs",
      "disabledPersons",
      "other",
    ],
    labels: ["医保", "教育", "住建", "水利", "应急", "人社", "民政", "残联", "其他"],
  },
};

describe("display labels: one source", () => {
  for (const [field, { vocabulary, codes, labels }] of Object.entries(CONTRACT_LABELS)) {
    it(`${field}: every code has the contract's Chinese label, read back as the code`, () => {
      expect(Object.keys(VOCABULARIES[vocabulary]).sort()).toEqual([...codes].sort());
      codes.forEach((code, index) => {
        expect(labelOf(vocabulary, code, "zh")).toBe(labels[index]);
        expect(codeOf(vocabulary, labels[index]!)).toBe(code);
        expect(codeOf(vocabulary, code)).toBe(code);
        expect(labelOf(vocabulary, code, "en")).not.toBe("");
      });
    });
  }

  it("accepts the contract's other spellings: 一般户, A … D", () => {
    expect(codeOf("householdType", "一般户")).toBe("general");
    for (const level of ["A", "B", "C", "D"]) expect(codeOf("safetyLevel", level)).toBe(level);
    expect(codeOf("labor", "壮劳力")).toBeNull();
  });

  it("covers the output vocabularies: flags, 3+1 statuses, measure kinds", () => {
    expect(Object.keys(VOCABULARIES.flag)).toEqual([...enums.FLAGS]);
    expect(Object.keys(VOCABULARIES.guaranteeStatus)).toEqual([...enums.GUARANTEE_STATUSES]);
    expect(Object.keys(VOCABULARIES.measureKind)).toEqual([...enums.MEASURE_KINDS]);
  });

  it("is the only place the code spells these labels", () => {
    for (const file of [
      "src/results/explain-text.ts",
      "src/reporting/report-html.ts",
      "src/results/table-row.ts",
      "src/reporting/report-xlsx.ts",
    ]) {
      const source = readFileSync(file, "utf8");
      for (const entry of [...Object.values(VOCABULARIES.flag), ...Object.values(VOCABULARIES.category)] as Label[]) {
        expect({ file, label: source.includes(`"${entry.zh}"`) }).toEqual({ file, label: false });
      }
    }
  });
});

describe("risk types, 3+1 items and measure groups: the rule set's", () => {
  const cn = loadRuleSet("rules/cn");

  it("riskTypes in tables: the national catalogue has the contract's Chinese labels, read back as codes", () => {
    const contractLabels = [
      "因病",
      "因自然灾害",
      "因残",
      "缺劳动力",
      "因意外事故",
      "因产业项目失败",
      "因务工就业不稳",
      "因学",
      "其他",
    ];
    expect(cn.riskTypes.map((risk) => risk.id)).toEqual([...enums.RISK_TYPE_IDS]);
    enums.RISK_TYPE_IDS.forEach((id, index) => {
      expect(riskTypeLabel(cn, id, "zh")).toBe(contractLabels[index]);
      expect(riskTypeOf(cn, contractLabels[index]!)).toBe(id);
      expect(riskTypeOf(cn, id)).toBe(id);
      expect(riskTypeOf(cn, riskTypeLabel(cn, id, "en"))).toBe(id);
    });
    expect(riskTypeOf(cn, "因灾")).toBeNull();
  });

  it("the six 3+1 items and the measure groups, with their English from the rule set", () => {
    expect(cn.guarantees.map((item) => item.id)).toEqual([...enums.GUARANTEE_ITEMS]);
    expect(enums.GUARANTEE_ITEMS.map((item) => guaranteeLabel(cn, item, "en"))).toEqual([
      "Food",
      "Clothing",
      "Compulsory education",
      "Basic medical care",
      "Safe housing",
      "Safe drinking water",
    ]);
    expect(riskTypeLabel(cn, "education", "en")).toBe("Schooling costs");
    expect(measureGroupLabel(cn, "100A39", "zh")).toBe("产业帮扶");
    expect(measureGroupLabel(cn, "100A99", "zh")).toBeNull();
    expect(shippedCatalogue().riskTypes).toEqual(cn.riskTypes);
  });

  it("no vocabulary of the code holds them, and no source file spells their labels", () => {
    expect(Object.keys(VOCABULARIES)).not.toContain("riskType");
    expect(Object.keys(VOCABULARIES)).not.toContain("guarantee");
    const labels = [...cn.riskTypes, ...cn.guarantees, ...cn.measureGroups]
      .flatMap((entry) => [entry.label.zh, entry.label.en ?? ""])
      // Words other vocabularies share (其他, 义务教育保障 is also a group) or that are plain English.
      .filter((label) => label.length > 2 && !["其他", "Other"].includes(label));
    // Not labels: county tables' column headers 不愁吃 and 不愁穿 (the input's own words), and the service's tag "Health".
    const elsewhere = ["src/sources/table-columns.ts", "src/service/openapi.ts"];
    const sources = filesUnder("src").filter((file) => file.endsWith(".ts") && !elsewhere.includes(file));
    const spelt = sources.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return labels.filter((label) => text.includes(`"${label}"`)).map((label) => `${file}: ${label}`);
    });
    expect(spelt).toEqual([]);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
