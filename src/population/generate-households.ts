import { shiftDays, shiftMonths, type IsoDate } from "../input/calendar-date.js";
import { LEAD_DEPARTMENTS } from "../input/enums.js";
import type { HouseholdInput } from "../input/household-schema.js";
import { Random } from "./random.js";

/** Options of the synthetic population. */
export interface GenerateOptions {
  households: number;
  seed: number;
  asOf: IsoDate;
  /**
   * The per-capita income the population is spread around (元), normally the threshold in force:
   * about a quarter of households fall at or below it.
   */
  referenceIncome: number;
  /** Number of villages (default 8, as in the seed township). */
  villages?: number;
}

type Member = HouseholdInput["members"][number];

/*
 * Every share, weight and range in this file describes the synthetic township (how often a member is
 * ill, a household has a lead, a house is C-grade …), drawn for tests and benchmarks; none is policy.
 * No rule reads them: thresholds, standards and windows come from the rule set the households are
 * screened with. Changing one changes every generated population of a seed.
 */

/** Calibration of the synthetic incomes (not policy): median ÷ reference, and the log-normal spread. */
const MEDIAN_OVER_REFERENCE = 1.5;
const INCOME_SPREAD = 0.55;

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const money = (value: number) => (Math.round(value * 100) / 100).toFixed(2).replace(/\.00$/, "");

function birthDate(random: Random, asOf: IsoDate, age: number): IsoDate {
  const date = shiftMonths(asOf, -(age * 12 + random.int(0, 11)));
  const [year, month] = date.split("-");
  return `${year}-${month}-${pad(random.int(1, 28), 2)}`;
}

function laborFor(random: Random, age: number): Member["labor"] {
  if (age < 16) return "none";
  if (age <= 59)
    return random.weighted([
      ["ordinary", 70],
      ["skilled", 12],
      ["weak", 10],
      ["lost", 5],
      ["none", 3],
    ] as const);
  return random.weighted([
    ["ordinary", 25],
    ["weak", 35],
    ["lost", 25],
    ["none", 15],
  ] as const);
}

function schoolingFor(random: Random, age: number): Member["schooling"] {
  if (age >= 6 && age <= 15 && random.chance(0.01)) return "droppedOut";
  if (age < 3) return "none";
  if (age <= 5) return "preschool";
  if (age <= 11) return "primary";
  if (age <= 14) return "juniorSecondary";
  if (age <= 17)
    return random.weighted([
      ["seniorSecondary", 55],
      ["vocational", 30],
      ["none", 15],
    ] as const);
  if (age <= 22)
    return random.weighted([
      ["higher", 30],
      ["vocational", 10],
      ["none", 60],
    ] as const);
  return "none";
}

function member(
  random: Random,
  asOf: IsoDate,
  id: string,
  age: number,
  relation: Member["relation"],
  sex: Member["sex"],
): Member {
  const old = age >= 60;
  const disabilityLevel = random.chance(0.06)
    ? random.weighted([
        [1, 10],
        [2, 20],
        [3, 35],
        [4, 35],
      ] as const)
    : null;
  return {
    id,
    birthDate: birthDate(random, asOf, age),
    sex,
    relation,
    labor:
      disabilityLevel !== null && disabilityLevel <= 2
        ? random.pick(["lost", "none", "weak"] as const)
        : laborFor(random, age),
    illness: random.weighted([
      ["none", old ? 70 : 88],
      ["chronic", old ? 25 : 10],
      ["serious", old ? 5 : 2],
    ] as const),
    disabilityLevel,
    schooling: schoolingFor(random, age),
    schoolExempt: random.chance(0.002),
    medicalInsurance: random.weighted([
      ["resident", 93],
      ["employee", 5],
      ["none", 2],
    ] as const),
    socialAssistance: [],
  };
}

/** A household of `size` people: a head, perhaps a spouse, children, parents. */
function members(random: Random, asOf: IsoDate, size: number): Member[] {
  const headAge = size === 1 ? random.int(35, 88) : random.int(26, 75);
  const headSex = random.weighted([
    ["male", 80],
    ["female", 20],
  ] as const);
  const list = [member(random, asOf, "M1", headAge, "head", headSex)];
  if (size >= 2)
    list.push(
      member(
        random,
        asOf,
        "M2",
        Math.max(18, headAge + random.int(-5, 5)),
        "spouse",
        headSex === "male" ? "female" : "male",
      ),
    );
  while (list.length < size) {
    const id = `M${list.length + 1}`;
    const parent = headAge < 50 && list.filter((m) => m.relation === "parent").length < 2 && random.chance(0.35);
    if (parent)
      list.push(
        member(
          random,
          asOf,
          id,
          Math.min(95, headAge + random.int(22, 32)),
          "parent",
          random.pick(["male", "female"] as const),
        ),
      );
    else {
      const childAge = Math.max(0, headAge - random.int(20, 35));
      list.push(
        member(
          random,
          asOf,
          id,
          childAge,
          childAge >= 30 && random.chance(0.3) ? "grandchild" : "child",
          random.pick(["male", "female"] as const),
        ),
      );
    }
  }
  return list;
}

function dateWithin(random: Random, asOf: IsoDate, monthsBack: number): IsoDate {
  const date = shiftMonths(asOf, -random.int(0, monthsBack));
  const [year, month, day] = date.split("-");
  return `${year}-${month}-${pad(Math.min(Number(day), random.int(1, 28)), 2)}`;
}

const MEASURE_IDS = [
  "industry.support",
  "employment.services",
  "employment.skillsTraining",
  "finance.microcredit",
  "job.publicWelfare",
  "health.medicalAssistance",
  "protection.dibao",
  "housing.renovation",
  "water.supplyWorks",
];

/** One synthetic household, number `index` (1-based) of the population. */
export function generateHousehold(random: Random, index: number, options: GenerateOptions): HouseholdInput {
  const { asOf, referenceIncome } = options;
  const size = random.weighted([
    [1, 9],
    [2, 18],
    [3, 25],
    [4, 26],
    [5, 14],
    [6, 8],
  ] as const);
  const people = members(random, asOf, size);
  const formerlyPoor = random.chance(0.51);
  // Per-capita net income: log-normal with its median above the reference, so about a quarter fall at or below it.
  const perCapita =
    referenceIncome *
    Math.exp(Math.log(MEDIAN_OVER_REFERENCE) + INCOME_SPREAD * random.normal()) *
    (formerlyPoor ? 0.9 : 1);
  const net = perCapita * size;
  const businessGross = net * random.float() * 0.45;
  const productionCost = businessGross * 0.3;
  const transfer = net * (0.05 + random.float() * 0.15);
  const property = net * random.float() * 0.03;
  const wage = Math.max(0, net - (businessGross - productionCost) - transfer - property);
  const events: NonNullable<HouseholdInput["events"]> = [];
  if (random.chance(0.05))
    events.push({
      type: "naturalDisaster",
      subtype: random.weighted([
        ["flood", 25],
        ["geological", 20],
        ["drought", 25],
        ["biological", 5],
        ["meteorological", 20],
        ["earthquake", 5],
      ] as const),
      date: dateWithin(random, asOf, 18),
      loss: money(random.int(1000, 30000)),
    });
  if (random.chance(0.03))
    events.push({ type: "accident", date: dateWithin(random, asOf, 18), loss: money(random.int(500, 20000)) });
  if (random.chance(0.02)) events.push({ type: "industryFailure", date: dateWithin(random, asOf, 18) });
  const jobLoss = random.chance(0.05);
  if (jobLoss) events.push({ type: "jobLoss", date: dateWithin(random, asOf, 18) });

  const sick = people.some((m) => m.illness !== "none");
  const students = people.filter((m) =>
    ["primary", "juniorSecondary", "seniorSecondary", "vocational", "higher"].includes(m.schooling),
  ).length;
  const household: HouseholdInput = {
    id: `SYN-${pad(options.seed, 4)}-${pad(index, 7)}`,
    region: {
      province: "530000",
      county: "530129",
      township: "联合乡",
      village: `V${pad(random.int(1, options.villages ?? 8), 2)}`,
    },
    householdType: formerlyPoor ? "formerlyPoor" : "general",
    members: people,
    income: {
      periodEnd: shiftMonths(asOf, -random.int(0, 2)),
      wage: money(wage),
      business: money(businessGross - productionCost > 0 && random.chance(0.97) ? businessGross : 0),
      property: money(property),
      transfer: money(transfer),
      productionCost: money(productionCost),
      insurancePayout: money(random.chance(0.03) ? random.int(500, 10000) : 0),
    },
    expenses: {
      medical: money(sick ? random.int(1000, 30000) : random.int(0, 1500)),
      education: money(students * random.int(300, 6000)),
      other: money(random.chance(0.1) ? random.int(100, 3000) : 0),
    },
    livingConditions: {
      food: !random.chance(0.003),
      clothing: !random.chance(0.003),
      housing: {
        safetyLevel: random.weighted([
          ["A", 60],
          ["B", 37],
          ["C", 2],
          ["D", 1],
        ] as const),
      },
      water: {
        litersPerPersonPerDay: random.chance(0.02) ? random.int(10, 34) : random.int(35, 120),
        waterScarceArea: random.chance(0.1),
        qualityOk: !random.chance(0.01),
        pipedIn: random.chance(0.9),
        fetchMinutes: random.chance(0.9) ? random.int(0, 20) : random.int(21, 60),
        interruptionDaysPerYear: random.chance(0.02) ? random.int(37, 90) : random.int(0, 20),
      },
    },
    events,
  };
  if (random.chance(0.7)) {
    const factor = 0.8 + random.float() * 0.4;
    household.previousIncome = {
      wage: money(wage * (jobLoss ? 2.5 : factor)),
      business: money(businessGross * factor),
      property: money(property),
      transfer: money(transfer),
      productionCost: money(productionCost * factor),
    };
  }
  const noLabor = people.every((m) => m.labor === "lost" || m.labor === "none");
  if (noLabor && random.chance(0.6)) people[0]!.socialAssistance = ["dibao"];
  if (random.chance(0.04)) {
    const identifiedOn = dateWithin(random, asOf, 36);
    const eliminated = random.chance(0.3) ? shiftMonths(identifiedOn, random.int(3, 18)) : null;
    household.monitoring = {
      category: formerlyPoor ? "unstableFormerlyPoor" : random.chance(0.85) ? "marginal" : "suddenHardship",
      identifiedOn,
      riskTypes: [
        random.pick(["illness", "disaster", "accident", "unstableEmployment", "lackOfLabor", "education"] as const),
      ],
      riskEliminatedOn: eliminated !== null && eliminated <= asOf ? eliminated : null,
      measures: Array.from({ length: random.int(0, 3) }, () => ({ id: random.pick(MEASURE_IDS), since: identifiedOn })),
    };
  }
  // Drawn last, so the households of a seed are as they were before leads were added, leads aside.
  if (random.chance(0.06)) household.leads = leads(random, asOf);
  return household;
}

/** One or two leads of the last six weeks, some already verified: sector warnings most often. */
function leads(random: Random, asOf: IsoDate): NonNullable<HouseholdInput["leads"]> {
  return Array.from({ length: random.chance(0.25) ? 2 : 1 }, () => {
    const channel = random.weighted([
      ["sectorWarning", 40],
      ["selfApplication", 25],
      ["cadreVisit", 25],
      ["publicReport", 5],
      ["dataAnalysis", 5],
    ] as const);
    const date = shiftDays(asOf, -random.int(0, 42));
    const resolvedOn = random.chance(0.4) ? shiftDays(date, random.int(1, 14)) : null;
    return {
      channel,
      ...(channel === "sectorWarning" ? { department: random.pick(LEAD_DEPARTMENTS) } : {}),
      date,
      resolvedOn,
    };
  });
}

/**
 * A deterministic synthetic population calibrated to the seed township (docs/policy.md#s2-8): 8 villages,
 * about 3.45 people per household, about half formerly poor, incomes spread around the reference,
 * plausible shares of illness, disability, dropouts, C/D housing, water problems, disasters and job
 * loss, a few monitored households, and leads of the last six weeks for about one household in sixteen. The same options always give the same households.
 */
export function* generateHouseholds(options: GenerateOptions): Generator<HouseholdInput> {
  const random = new Random(options.seed);
  for (let index = 1; index <= options.households; index++) yield generateHousehold(random, index, options);
}
