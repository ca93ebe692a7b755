import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as E from "../src/input/enums.js";
import { fastCheckedHousehold } from "../src/input/household-fast-path.js";
import { checkedHouseholdSchema, completeHousehold, householdSchemaFor } from "../src/input/household-schema.js";
import { generateHouseholds } from "../src/population/generate-households.js";
import { arbitraryHousehold } from "./support/arbitrary-household.js";
import { contractExample } from "./support/households.js";

/**
 * The hand-written household checks (src/input/household-fast-path.ts) against the zod schema they
 * stand in for: whatever the input, the fast path either declines (zod then decides) or gives
 * exactly what zod gives — the same values, the same keys in the same order, nothing zod rejects.
 */
const asOf = "2025-06-30";

/** Zod's verdict: its output, or "rejected" (also when reading the input threw). */
function zodOutput(input: unknown): unknown {
  try {
    const parsed = checkedHouseholdSchema.safeParse(input);
    return parsed.success ? parsed.data : "rejected";
  } catch {
    return "rejected";
  }
}

/** The value written out with key order and `undefined` kept, so two outputs can be compared exactly. */
const exactly = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v === undefined ? "(undefined)" : v));

function expectAgreement(input: unknown): void {
  const fast = fastCheckedHousehold(input);
  if (fast === undefined) return;
  const expected = zodOutput(input);
  expect(expected).not.toBe("rejected");
  expect(fast).toStrictEqual(expected);
  expect(exactly(fast)).toBe(exactly(expected));
}

function expectAccepted(input: unknown): void {
  const fast = fastCheckedHousehold(input);
  expect(fast).toBeDefined();
  expectAgreement(input);
}

const long = (length: number) => "长".repeat(length);

/** A risk type a rule set adds (as the test overlay's risk-types.json does), and the list naming it. */
const ADDED_RISK_TYPE = "wildlifeDamage";
const addedRiskTypes: readonly string[] = [ADDED_RISK_TYPE];

/** With a rule set's added risk types: the fast path declines, or gives what householdSchemaFor gives. */
function expectAgreementWithAdded(input: unknown): void {
  const fast = fastCheckedHousehold(input, addedRiskTypes);
  if (fast === undefined) return;
  const parsed = householdSchemaFor(addedRiskTypes).safeParse(input);
  expect(parsed.success).toBe(true);
  expect(completeHousehold(fast)).toStrictEqual(parsed.data);
}

/** Values that sit on an edge of some check of the contract, or are no JSON at all. */
const edgeValue = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    true,
    false,
    0,
    -0,
    1,
    2,
    3,
    4,
    5,
    1.5,
    -1,
    366,
    366.5,
    1e16,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    "",
    "x",
    "0",
    "-0",
    "-0.00",
    "-0.01",
    "-5",
    "0.001",
    "1.5",
    "1.50",
    "1.555",
    "01",
    "1e3",
    " 1",
    "999999999999999.99",
    "1000000000000000",
    "2025-02-29",
    "2024-02-29",
    "2025-13-01",
    "2025-00-10",
    "1899-12-31",
    "1900-01-01",
    "2199-12-31",
    "2200-01-01",
    "2025-6-1",
    "2026-01-01",
    "530000",
    "53000",
    "5300000",
    "53000a",
    long(64),
    long(65),
    long(100),
    long(101),
    long(128),
    long(129),
    long(500),
    long(501),
  ),
  // Fresh ones each time: the changes below may change them in turn.
  fc
    .constantFrom(
      () => [],
      () => ({}),
    )
    .map((make) => make()),
  fc.constantFrom(
    ...E.HOUSEHOLD_TYPES,
    ...E.CATEGORIES,
    ...E.RISK_TYPE_IDS,
    ...E.SEXES,
    ...E.RELATIONS,
    ...E.LABOR_CODES,
    ...E.ILLNESS_CODES,
    ...E.SCHOOLING_CODES,
    ...E.MEDICAL_INSURANCE_CODES,
    ...E.SOCIAL_ASSISTANCE_CODES,
    ...E.SAFETY_LEVELS,
    ...E.EVENT_TYPES,
    ...E.DISASTER_SUBTYPES,
    ...E.LEAD_CHANNELS,
    ...E.LEAD_DEPARTMENTS,
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.anything({
    maxDepth: 1,
    withBoxedValues: true,
    withNullPrototype: true,
    withSparseArray: true,
    withDate: true,
    withBigInt: true,
  }),
);

/** Values on the edges of each field's checks, by the field's name (an array's entries by the array's). */
const DATES = [
  "2025-02-29",
  "2024-02-29",
  "2025-04-31",
  "2025-13-01",
  "2025-00-10",
  "1899-12-31",
  "1900-01-01",
  "2199-12-31",
  "2200-01-01",
  "2025-6-1",
  "2020-01-01",
  "2025-06-30",
  "2025-07-01",
  "2030-01-01",
  "2025-06-30 ",
  20250630,
];
const MONEY = [
  "0",
  "-0",
  "-0.00",
  "-0.01",
  "-5",
  "0.001",
  "1.5",
  "1.50",
  "1.555",
  "01",
  "1e3",
  " 1",
  "999999999999999.99",
  "1000000000000000",
  0,
  -0,
  -5,
  1.005,
  1e16,
  90071992547409.91,
  90071992547410,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
];
const NUMBERS = [0, -0, -1, 0.5, 366, 366.5, 1e16, Number.NaN, Number.POSITIVE_INFINITY, "5"];
const BOOLEANS = [true, false, "true", 0, 1];
const FIELD_VALUES: Record<string, readonly unknown[]> = {
  // Ids by what they name: the household's, a member's, a recorded measure's.
  ".id": [long(128), long(129), ""],
  "members.id": [long(64), long(65), ""],
  "measures.id": [long(100), long(101), ""],
  code: [long(64), long(65), ""],
  note: [long(500), long(501), ""],
  township: [long(100), long(101), ""],
  village: [long(100), long(101), ""],
  province: ["530000", "53000", "5300000", "53000a", "５３００００", 530000],
  county: ["530129", "53012", "5301290"],
  householdType: [...E.HOUSEHOLD_TYPES, "poor"],
  category: [...E.CATEGORIES, "Marginal"],
  riskTypes: [...E.RISK_TYPE_IDS, "flood", ADDED_RISK_TYPE],
  sex: [...E.SEXES, "Male"],
  relation: [...E.RELATIONS, "cousin"],
  labor: [...E.LABOR_CODES, "labour"],
  illness: [...E.ILLNESS_CODES, "mild"],
  disabilityLevel: [null, 0, 1, 2, 3, 4, 5, "1", 1.5],
  schooling: [...E.SCHOOLING_CODES, "college"],
  medicalInsurance: [...E.MEDICAL_INSURANCE_CODES, "private"],
  socialAssistance: [...E.SOCIAL_ASSISTANCE_CODES, "wubao"],
  safetyLevel: [...E.SAFETY_LEVELS, "E", "a"],
  type: [...E.EVENT_TYPES, "fire"],
  subtype: [...E.DISASTER_SUBTYPES, "fire"],
  channel: [...E.LEAD_CHANNELS, "hotline"],
  department: [...E.LEAD_DEPARTMENTS, "police"],
  monitoring: [null],
  previousIncome: [null],
  resolvedOn: [null, ...DATES],
  riskEliminatedOn: [null, ...DATES],
};
for (const key of ["birthDate", "identifiedOn", "since", "periodEnd", "date"]) FIELD_VALUES[key] = DATES;
for (const key of ["wage", "business", "property", "transfer", "productionCost", "insurancePayout", "loss"])
  FIELD_VALUES[key] = MONEY;
for (const key of ["medical", "education", "other"]) FIELD_VALUES[key] = MONEY;
for (const key of ["litersPerPersonPerDay", "fetchMinutes", "interruptionDaysPerYear", "fetchDistanceM", "fetchClimbM"])
  FIELD_VALUES[key] = NUMBERS;
for (const key of ["schoolExempt", "waterScarceArea", "qualityOk", "pipedIn", "food", "clothing"])
  FIELD_VALUES[key] = BOOLEANS;

/** The longest list each place accepts, to grow a list to it and one past it. */
const LIMITS: Record<string, number> = {
  members: 100,
  socialAssistance: 10,
  events: 500,
  riskTypes: 5,
  measures: 200,
  leads: 100,
};

const UNKNOWN_KEYS = ["extra", "__proto__", "constructor", "toString", "Id", "label"];

type Node = Record<string, unknown> | unknown[];
/** A place in a household: an object's key or an array's index, and the field name it holds. */
interface Slot {
  node: Node;
  key: string;
  name: string;
}

/** Every slot of the plain objects and arrays inside a value. */
function slotsOf(value: unknown, name = "", into: Slot[] = []): Slot[] {
  if (typeof value !== "object" || value === null) return into;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== Array.prototype) return into;
  // Values only: a getter put in by an earlier change is not called.
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (key === "length" && Array.isArray(value)) continue;
    const childName = Array.isArray(value) ? name : key === "id" ? `${name}.id` : key;
    into.push({ node: value as Node, key, name: childName });
    if ("value" in descriptor) slotsOf(descriptor.value, childName, into);
  }
  return into;
}

/** Field names a change may add to an object: every known field (so optional ones get set) and some unknown ones. */
const ADDABLE = [...Object.keys(FIELD_VALUES).filter((name) => !name.includes(".")), ...UNKNOWN_KEYS];

const setOwn = (node: object, key: string, value: unknown) =>
  Reflect.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });

/** An object like `target` in a way zod may read differently from a plain JSON object. */
function oddCopy(target: object, which: number): object {
  // Copies made from descriptors, so a getter an earlier change put in is not called here.
  const own = Object.getOwnPropertyDescriptors(target);
  const copy = () => Object.create(Object.prototype, own) as object;
  switch (which % 4) {
    case 0:
      return Object.create(null, own) as object;
    case 1:
      return Object.create({ inherited: 1 }, own) as object;
    case 2:
      return Object.defineProperty(copy(), "hidden", { value: 1, enumerable: false });
    default:
      return Object.defineProperty(copy(), "broken", {
        enumerable: true,
        get() {
          throw new Error("unreadable");
        },
      });
  }
}

/** One change: a field set to an edge value of its kind, removed, an unknown key added, a list grown. */
const change = fc.record({
  name: fc.nat(),
  place: fc.nat(),
  action: fc.nat(99),
  pick: fc.nat(),
  past: fc.boolean(),
  value: edgeValue,
});

/**
 * Applies one change. The field to change is picked by name first, then among the places with
 * that name, so rare fields (the household's id, a lead's note) are changed as often as members'.
 */
function applyChange(
  household: Record<string, unknown>,
  step: { name: number; place: number; action: number; pick: number; past: boolean; value: unknown },
) {
  const slots = slotsOf(household);
  const names = [...new Set(slots.map((slot) => slot.name))];
  if (names.length === 0) return;
  const name = names[step.name % names.length]!;
  const named = slots.filter((slot) => slot.name === name);
  const { node, key } = named[step.place % named.length]!;
  const target = Object.getOwnPropertyDescriptor(node, key)?.value as unknown;
  const pool = FIELD_VALUES[name];
  const choose = <T>(values: readonly T[]) => values[step.pick % values.length]!;
  if (step.action < 30 && Array.isArray(target) && target.length > 0 && LIMITS[key] !== undefined) {
    // A list grown to its limit, or one past it.
    const length = LIMITS[key] + (step.past ? 1 : 0);
    while (target.length < length) target.push(structuredClone(target[0]));
  } else if (step.action < 40 && pool) setOwn(node, key, choose(pool));
  else if (step.action < 55) setOwn(node, key, step.value);
  else if (step.action < 67) Reflect.deleteProperty(node, key);
  else if (step.action < 80 && !Array.isArray(node)) {
    const added = choose(ADDABLE);
    setOwn(node, added, FIELD_VALUES[added] ? choose(FIELD_VALUES[added]) : step.value);
  } else if (step.action < 88 && Array.isArray(target)) {
    // A list emptied, or given a hole at its end.
    if (step.past) target.length = 0;
    else target.length += 1;
  } else if (typeof target === "object" && target !== null && !Array.isArray(target))
    setOwn(node, key, oddCopy(target, step.pick));
}

/** A valid household with every optional part of the contract present, so changes reach each of them. */
function withEveryPart(household: Record<string, any>): Record<string, any> {
  household.region.township = "联合乡";
  household.monitoring ??= {
    category: "marginal",
    identifiedOn: "2024-01-10",
    riskTypes: ["illness"],
    riskEliminatedOn: null,
    measures: [{ id: "health.medicalAssistance", since: "2024-02-01" }],
  };
  household.monitoring.measures.push({ id: "housing.renovation" });
  household.previousIncome ??= { wage: "100", business: "-5", property: 0, transfer: "1.5", productionCost: "0" };
  household.expenses = { medical: "10", education: 0, other: "1.50" };
  household.livingConditions = {
    food: true,
    clothing: false,
    housing: { safetyLevel: "C" },
    water: {
      litersPerPersonPerDay: 30,
      waterScarceArea: true,
      qualityOk: true,
      pipedIn: false,
      fetchMinutes: 25,
      interruptionDaysPerYear: 366,
      fetchDistanceM: 900,
      fetchClimbM: 0,
    },
  };
  household.events = [
    ...(household.events ?? []),
    { type: "naturalDisaster", subtype: "flood", date: "2025-02-01", loss: "1000" },
    { type: "accident", date: "2025-01-05", loss: 500 },
  ];
  household.leads = [
    ...(household.leads ?? []),
    {
      channel: "sectorWarning",
      department: "medicalSecurity",
      date: "2025-03-01",
      code: "YB-1",
      note: "随访",
      resolvedOn: "2025-04-01",
    },
    { channel: "cadreVisit", date: "2025-05-01", resolvedOn: null },
  ];
  return household;
}

/** A valid household with one to four changes, each small enough to leave most of it valid. */
const changedHousehold = fc
  .tuple(
    fc.oneof(
      arbitraryHousehold(asOf),
      arbitraryHousehold(asOf).map(withEveryPart),
      arbitraryHousehold(asOf).map(withEveryPart),
      fc.constant(null).map(() => contractExample()),
    ),
    fc.array(change, { minLength: 1, maxLength: 4 }),
  )
  .map(([household, changes]) => {
    for (const step of changes) {
      try {
        applyChange(household, step);
      } catch {
        // A change that cannot be made (copying an entry whose getter throws) is left out.
      }
    }
    return household;
  });

describe("the fast path of household validation", () => {
  it("accepts every generated household and every fixture household, exactly as zod parses them", () => {
    for (const household of generateHouseholds({ households: 500, seed: 7, asOf, referenceIncome: 8700 }))
      expectAccepted(JSON.parse(JSON.stringify(household)));
    const dir = "fixtures/yunnan";
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".json"))) {
      const { tests } = JSON.parse(readFileSync(join(dir, file), "utf8")) as { tests: { household: unknown }[] };
      for (const test of tests) expectAgreement(test.household);
    }
    expectAccepted(contractExample());
    expectAccepted(withEveryPart(contractExample()));
  });

  it("accepts valid households of every shape the contract allows, exactly as zod parses them", () => {
    fc.assert(
      fc.property(arbitraryHousehold(asOf), (household) => expectAccepted(household)),
      { numRuns: 500 },
    );
  });

  it("never accepts what zod rejects, and never gives another value", () => {
    fc.assert(
      fc.property(changedHousehold, (household) => expectAgreement(household)),
      { numRuns: 8000, endOnFailure: true },
    );
  });

  it("takes the risk types a rule set adds exactly as householdSchemaFor does, and only with them", () => {
    const household = withEveryPart(contractExample());
    household.monitoring.riskTypes = ["illness", ADDED_RISK_TYPE];
    expect(fastCheckedHousehold(household)).toBeUndefined();
    expect(fastCheckedHousehold(household, addedRiskTypes)).toBeDefined();
    expectAgreementWithAdded(household);
    expect(fastCheckedHousehold(household, ["otherAddedType"])).toBeUndefined();
    fc.assert(
      fc.property(changedHousehold, (changed) => expectAgreementWithAdded(changed)),
      { numRuns: 3000, endOnFailure: true },
    );
  });

  it("declines whatever is not a household at all", () => {
    fc.assert(
      fc.property(edgeValue, (value) => {
        expect(fastCheckedHousehold(value)).toBeUndefined();
      }),
    );
  });
});
