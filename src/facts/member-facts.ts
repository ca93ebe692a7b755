import { z } from "zod";
import {
  DISABILITY_LEVELS, ILLNESS_CODES, LABOR_CODES, MEDICAL_INSURANCE_CODES, RELATIONS, SCHOOLING_CODES,
  SEXES, SOCIAL_ASSISTANCE_CODES,
} from "../input/enums.js";
import type { Member } from "../input/household-schema.js";
import { defineFact } from "./fact-definition.js";

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.array(z.enum(values)).min(1).optional().describe(`member's ${what} is one of these`);

/** A predicate on members, given as fact params. Every given criterion must hold. */
export const memberPredicateSchema = z.strictObject({
  ageFrom: z.number().int().optional().describe("age on the as-of date at least this (whole years)"),
  ageTo: z.number().int().optional().describe("age on the as-of date at most this (whole years)"),
  sex: oneOf(SEXES, "sex"),
  relation: oneOf(RELATIONS, "relation to the head"),
  labor: oneOf(LABOR_CODES, "labour skill code"),
  illness: oneOf(ILLNESS_CODES, "illness"),
  disabilityLevel: z
    .array(z.union([z.literal(DISABILITY_LEVELS[0]), z.literal(2), z.literal(3), z.literal(4), z.null()]))
    .min(1)
    .optional()
    .describe("disability level is one of these (null = no disability)"),
  schooling: oneOf(SCHOOLING_CODES, "schooling"),
  schoolExempt: z.boolean().optional().describe("schoolExempt (health exemption) equals this"),
  medicalInsurance: oneOf(MEDICAL_INSURANCE_CODES, "medical insurance"),
  socialAssistance: oneOf(SOCIAL_ASSISTANCE_CODES, "social assistance (any of them)"),
});
export type MemberPredicate = z.output<typeof memberPredicateSchema>;

/** Whether a member of the given age matches every criterion of the predicate. */
export function memberMatches(member: Member, age: number, predicate: MemberPredicate): boolean {
  if (predicate.ageFrom !== undefined && age < predicate.ageFrom) return false;
  if (predicate.ageTo !== undefined && age > predicate.ageTo) return false;
  if (predicate.sex && !predicate.sex.includes(member.sex)) return false;
  if (predicate.relation && !predicate.relation.includes(member.relation)) return false;
  if (predicate.labor && !predicate.labor.includes(member.labor)) return false;
  if (predicate.illness && !predicate.illness.includes(member.illness)) return false;
  if (predicate.disabilityLevel && !predicate.disabilityLevel.includes(member.disabilityLevel)) return false;
  if (predicate.schooling && !predicate.schooling.includes(member.schooling)) return false;
  if (predicate.schoolExempt !== undefined && member.schoolExempt !== predicate.schoolExempt) return false;
  if (predicate.medicalInsurance && !predicate.medicalInsurance.includes(member.medicalInsurance)) return false;
  if (predicate.socialAssistance && !member.socialAssistance.some((s) => predicate.socialAssistance!.includes(s))) return false;
  return true;
}

export const memberFacts = [
  defineFact({
    id: "householdSize",
    valueType: "count",
    description: { zh: "家庭人数（成员数）", en: "Number of household members" },
    params: z.strictObject({}),
    compute: (context) => context.household.members.length,
  }),
  defineFact({
    id: "memberCount",
    valueType: "count",
    description: {
      zh: "符合条件的家庭成员人数（年龄按评估日计算，条件同时满足）",
      en: "Number of members matching every given criterion (ages on the as-of date)",
    },
    params: memberPredicateSchema,
    compute: (context, predicate) =>
      context.household.members.filter((member, index) => memberMatches(member, context.ages[index]!, predicate)).length,
  }),
  defineFact({
    id: "householdType",
    valueType: "text",
    description: { zh: "户类型：formerlyPoor 脱贫户，general 一般农户", en: "Household type: formerlyPoor or general" },
    params: z.strictObject({}),
    compute: (context) => context.household.householdType,
  }),
];
