import { z } from "zod";
import {
  DISABILITY_LEVELS,
  ILLNESS_CODES,
  LABOR_CODES,
  MEDICAL_INSURANCE_CODES,
  RELATIONS,
  SCHOOLING_CODES,
  SEXES,
  SOCIAL_ASSISTANCE_CODES,
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

type MemberTest = (member: Member, age: number) => boolean;

/** Predicates compiled to the checks they name, once per params object (params are parsed once per rule set). */
const compiledPredicates = new WeakMap<MemberPredicate, MemberTest>();

/** A test of a member (and their age) against every criterion the predicate gives. */
export function memberTest(predicate: MemberPredicate): MemberTest {
  let test = compiledPredicates.get(predicate);
  if (test) return test;
  const checks: MemberTest[] = [];
  const {
    ageFrom,
    ageTo,
    sex,
    relation,
    labor,
    illness,
    disabilityLevel,
    schooling,
    schoolExempt,
    medicalInsurance,
    socialAssistance,
  } = predicate;
  // One closure per criterion, each reading its own field by name: these run for every member of
  // every household, and a named property read is much cheaper than one by a variable key.
  if (ageFrom !== undefined) checks.push((_, age) => age >= ageFrom);
  if (ageTo !== undefined) checks.push((_, age) => age <= ageTo);
  if (sex) checks.push((member) => sex.includes(member.sex));
  if (relation) checks.push((member) => relation.includes(member.relation));
  if (labor) checks.push((member) => labor.includes(member.labor));
  if (illness) checks.push((member) => illness.includes(member.illness));
  if (disabilityLevel) checks.push((member) => disabilityLevel.includes(member.disabilityLevel));
  if (schooling) checks.push((member) => schooling.includes(member.schooling));
  if (schoolExempt !== undefined) checks.push((member) => member.schoolExempt === schoolExempt);
  if (medicalInsurance) checks.push((member) => medicalInsurance.includes(member.medicalInsurance));
  if (socialAssistance)
    checks.push((member) => member.socialAssistance.some((code) => socialAssistance.includes(code)));
  test = (member, age) => {
    for (const check of checks) if (!check(member, age)) return false;
    return true;
  };
  compiledPredicates.set(predicate, test);
  return test;
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
    compute: (context, predicate) => {
      const matches = memberTest(predicate);
      const { members } = context.household;
      let count = 0;
      for (let index = 0; index < members.length; index++) if (matches(members[index]!, context.ages[index]!)) count++;
      return count;
    },
  }),
  defineFact({
    id: "householdType",
    valueType: "text",
    description: { zh: "户类型：formerlyPoor 脱贫户，general 一般农户", en: "Household type: formerlyPoor or general" },
    params: z.strictObject({}),
    compute: (context) => context.household.householdType,
  }),
];
