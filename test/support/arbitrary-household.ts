import fc from "fast-check";
import { LEAD_CHANNELS, LEAD_DEPARTMENTS } from "../../src/input/enums.js";
import { minusMonths, plusMonths } from "./reference-policy.js";

/** Dates near the as-of dates the tests use, month ends and 29 February included. */
const dateBetween = (from: string, to: string) =>
  fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

/** Money as a decimal string or a JSON number, whole or with one or two places. */
const money = (max: number) =>
  fc.oneof(
    fc.integer({ min: 0, max }).map(String),
    fc.integer({ min: 0, max: max * 100 }).map((cents) => (cents / 100).toFixed(2)),
    fc.integer({ min: 0, max }),
    fc.constant("0"),
  );

const member = (asOfYear: number) =>
  fc.record({
    id: fc.constantFrom("M1", "M2", "M3", "M4", "M5", "M6"),
    birthDate: fc.oneof(
      dateBetween("1930-01-01", `${asOfYear}-06-01`),
      fc.constantFrom("2008-02-29", "2012-02-29", "1965-06-30", "1965-07-01", "2009-07-01", "2019-06-30"),
    ),
    sex: fc.constantFrom("male", "female"),
    relation: fc.constantFrom("head", "spouse", "child", "parent", "grandchild", "other"),
    labor: fc.constantFrom("ordinary", "skilled", "weak", "lost", "none"),
    illness: fc.constantFrom("none", "none", "chronic", "serious"),
    disabilityLevel: fc.constantFrom(null, null, null, 1, 2, 3, 4),
    schooling: fc.constantFrom(
      "none",
      "preschool",
      "primary",
      "juniorSecondary",
      "seniorSecondary",
      "vocational",
      "higher",
      "droppedOut",
    ),
    schoolExempt: fc.boolean(),
    medicalInsurance: fc.constantFrom("resident", "resident", "employee", "none"),
    // Mostly none, so the measures suggested for social assistance are not hidden by ones in place.
    socialAssistance: fc.oneof(
      fc.constant([]),
      fc.constant([]),
      fc.constant([]),
      fc.subarray(["dibao", "tekun", "disabilityLivingAllowance", "severeDisabilityCareAllowance"]),
    ),
  });

const water = fc.record(
  {
    litersPerPersonPerDay: fc.constantFrom(15, 20, 25, 34.9, 35, 60),
    waterScarceArea: fc.boolean(),
    qualityOk: fc.boolean(),
    pipedIn: fc.boolean(),
    fetchMinutes: fc.constantFrom(0, 10, 20, 21, 45),
    interruptionDaysPerYear: fc.constantFrom(0, 36, 37, 90),
    fetchDistanceM: fc.constantFrom(100, 800, 801, 2000),
    fetchClimbM: fc.constantFrom(10, 80, 81, 200),
  },
  {
    requiredKeys: [
      "litersPerPersonPerDay",
      "waterScarceArea",
      "qualityOk",
      "pipedIn",
      "fetchMinutes",
      "interruptionDaysPerYear",
    ],
  },
);

/** Leads around the as-of date: some later (ignored), some resolved before, on or after it. */
const lead = (asOf: string, year: number) =>
  fc
    .record({
      channel: fc.constantFrom(...LEAD_CHANNELS),
      department: fc.constantFrom(...LEAD_DEPARTMENTS),
      date: fc.oneof(dateBetween(`${year - 1}-01-01`, `${year + 1}-01-01`), fc.constantFrom(asOf)),
      code: fc.option(fc.constantFrom("YB-2025-001", "JY-17"), { nil: undefined }),
      resolveAfterDays: fc.option(fc.integer({ min: 0, max: 60 })),
      writeNull: fc.boolean(),
    })
    .map(({ channel, department, date, code, resolveAfterDays, writeNull }) => {
      const written: Record<string, unknown> = { channel, date };
      if (channel === "sectorWarning") written.department = department;
      if (code !== undefined) written.code = code;
      if (resolveAfterDays !== null) {
        const resolved = new Date(`${date}T00:00:00Z`);
        resolved.setUTCDate(resolved.getUTCDate() + resolveAfterDays);
        written.resolvedOn = resolved.toISOString().slice(0, 10);
      } else if (writeNull) written.resolvedOn = null;
      return written;
    });

const MEASURE_IDS = [
  "industry.support",
  "employment.services",
  "job.publicWelfare",
  "health.medicalAssistance",
  "protection.dibao",
  "housing.renovation",
];

/** A valid household (docs/contract.md) whose incomes straddle the threshold, for screening on `asOf`. */
export function arbitraryHousehold(asOf: string) {
  const year = Number(asOf.slice(0, 4));
  const windowFrom = `${year - 2}-01-01`;
  return fc
    .record(
      {
        id: fc.integer({ min: 1, max: 99999 }).map((n) => `GEN-${n}`),
        householdType: fc.constantFrom("formerlyPoor", "general"),
        members: fc.array(member(year), { minLength: 1, maxLength: 6 }),
        income: fc.record(
          {
            wage: money(60000),
            business: fc.oneof(money(30000), fc.integer({ min: -5000, max: -1 }).map(String)),
            property: money(3000),
            transfer: money(15000),
            productionCost: money(8000),
            insurancePayout: money(20000),
          },
          { requiredKeys: ["wage", "business", "property", "transfer", "productionCost"] },
        ),
        previousIncome: fc.record({
          wage: money(60000),
          business: money(30000),
          property: money(3000),
          transfer: money(15000),
          productionCost: money(8000),
        }),
        expenses: fc.record(
          { medical: money(40000), education: money(20000), other: money(5000) },
          { requiredKeys: [] },
        ),
        livingConditions: fc.record(
          {
            food: fc.boolean(),
            clothing: fc.boolean(),
            housing: fc.record({ safetyLevel: fc.constantFrom("A", "B", "C", "D") }),
            water,
          },
          { requiredKeys: [] },
        ),
        events: fc.array(
          fc.oneof(
            fc.record(
              {
                type: fc.constant("naturalDisaster"),
                subtype: fc.constantFrom(
                  "flood",
                  "geological",
                  "drought",
                  "biological",
                  "meteorological",
                  "earthquake",
                  "other",
                ),
                date: dateBetween(windowFrom, `${year + 1}-01-01`),
              },
              { requiredKeys: ["type", "date"] },
            ),
            fc.record(
              {
                type: fc.constantFrom("accident", "industryFailure", "jobLoss"),
                date: dateBetween(windowFrom, `${year + 1}-01-01`),
                loss: money(20000),
              },
              { requiredKeys: ["type", "date"] },
            ),
          ),
          { maxLength: 3 },
        ),
        monitoring: fc.record({
          category: fc.constantFrom("unstableFormerlyPoor", "marginal", "suddenHardship"),
          identifiedOn: dateBetween(`${year - 3}-01-01`, asOf),
          riskTypes: fc.subarray(["illness", "disaster", "accident", "unstableEmployment", "other"], { maxLength: 5 }),
          eliminateAfterDays: fc.option(fc.integer({ min: 0, max: 900 })),
          measures: fc.array(
            fc.record({ id: fc.constantFrom(...MEASURE_IDS), since: dateBetween(`${year - 3}-01-01`, asOf) }),
            { maxLength: 3 },
          ),
        }),
        tidy: fc.boolean(),
        leads: fc.oneof(fc.constant([]), fc.constant([]), fc.array(lead(asOf, year), { minLength: 1, maxLength: 3 })),
        // Where the income data end, relative to identification + 6 months (docs/policy.md §3.4).
        periodEnd: fc.constantFrom("absent", "random", "boundary", "dayBefore", "after", "after"),
        periodEndRandom: dateBetween(`${year - 3}-01-01`, asOf),
        // No ordinary or skilled member, with or without a weak one (partial labour, docs/policy.md §3.5).
        labour: fc.constantFrom("asDrawn", "asDrawn", "partial", "noneAtAll"),
        // A monitored household that meets every condition for elimination but, perhaps, the evidence
        // of income or an open lead: identified 5 to 9 months before the as-of date.
        eliminationCandidate: fc.option(fc.integer({ min: 5, max: 9 }), { freq: 3 }),
      },
      {
        requiredKeys: [
          "id",
          "householdType",
          "members",
          "income",
          "tidy",
          "leads",
          "periodEnd",
          "periodEndRandom",
          "labour",
          "eliminationCandidate",
        ],
      },
    )
    .map(({ tidy, leads, periodEnd, periodEndRandom, labour, eliminationCandidate, ...raw }) => {
      if (eliminationCandidate !== null) {
        tidy = true;
        labour = "asDrawn";
        raw.members = raw.members
          .slice(0, 2)
          .map((m) => ({ ...m, birthDate: "1985-05-05", labor: "ordinary", socialAssistance: [] }));
        raw.income = { wage: "60000", business: "0", property: "0", transfer: "0", productionCost: "0" };
        delete raw.previousIncome;
        raw.monitoring = {
          category: "marginal",
          identifiedOn: minusMonths(asOf, eliminationCandidate),
          riskTypes: [],
          eliminateAfterDays: null,
          measures: [],
        };
      }
      if (labour !== "asDrawn") {
        raw.members = raw.members.map((m, index) => ({
          ...m,
          labor:
            labour === "partial" && index === 0
              ? "weak"
              : m.labor === "ordinary" || m.labor === "skilled"
                ? index % 2
                  ? "lost"
                  : "none"
                : m.labor,
        }));
      }
      if (tidy) {
        // A household with every 3+1 item secured and no risk, so elimination is reached too.
        raw.members = raw.members.map((m, index) => ({
          ...m,
          illness: "none",
          disabilityLevel: null,
          medicalInsurance: "resident",
          schooling: "primary",
          labor: index === 0 ? "ordinary" : m.labor,
        }));
        raw.livingConditions = {
          food: true,
          clothing: true,
          housing: { safetyLevel: "A" },
          water: {
            litersPerPersonPerDay: 60,
            waterScarceArea: false,
            qualityOk: true,
            pipedIn: true,
            fetchMinutes: 0,
            interruptionDaysPerYear: 0,
          },
        };
        raw.events = [];
        raw.expenses = {};
      }
      const identifiedOn = raw.monitoring?.identifiedOn ?? periodEndRandom;
      const boundary = plusMonths(identifiedOn, 6);
      const dayBefore = new Date(`${boundary}T00:00:00Z`);
      dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
      const periodEndDate = {
        absent: undefined,
        random: periodEndRandom,
        boundary,
        dayBefore: dayBefore.toISOString().slice(0, 10),
        after: boundary < asOf ? asOf : boundary,
      }[periodEnd];
      if (labour !== "asDrawn" && tidy)
        raw.members = raw.members.map((m) => ({ ...m, labor: m.labor === "ordinary" ? "weak" : m.labor }));
      const household: Record<string, unknown> = {
        ...raw,
        income: periodEndDate === undefined ? raw.income : { ...raw.income, periodEnd: periodEndDate },
        ...(leads.length ? { leads } : {}),
        region: { province: "530000", county: "530129", village: "V01" },
        members: raw.members.map((m, index) => ({ ...m, id: `M${index + 1}` })),
      };
      if (raw.monitoring) {
        const { eliminateAfterDays, ...monitoring } = raw.monitoring;
        let riskEliminatedOn: string | null = null;
        if (eliminateAfterDays !== null) {
          const date = new Date(`${monitoring.identifiedOn}T00:00:00Z`);
          date.setUTCDate(date.getUTCDate() + eliminateAfterDays);
          riskEliminatedOn = date.toISOString().slice(0, 10);
        }
        household.monitoring = { ...monitoring, riskEliminatedOn };
      }
      return household;
    });
}
