import { describe, expect, it } from "vitest";
import { validateHousehold } from "../src/input/validate-household.js";
import { contractExample } from "./support/households.js";

const issuesOf = (input: unknown, asOf = "2025-06-30") => {
  const result = validateHousehold(input, asOf, "en");
  return result.ok ? [] : result.issues;
};

describe("household validation", () => {
  it("accepts the contract example", () => {
    expect(validateHousehold(contractExample(), "2025-06-30").ok).toBe(true);
  });

  it("rejects unknown keys at every level, naming the path", () => {
    const household = contractExample();
    household.incom = {};
    household.members[0].labour = "ordinary";
    household.livingConditions.water.pipedin = true;
    const paths = issuesOf(household).map((issue) => `${issue.path} ${issue.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ unknown field: "incom"/),
        expect.stringMatching(/^\/members\/0 unknown field: "labour"/),
        expect.stringMatching(/^\/livingConditions\/water unknown field: "pipedin"/),
      ]),
    );
  });

  it("still checks across fields when a date in the same record is wrong", () => {
    const household = contractExample();
    household.events = [{ type: "jobLoss", subtype: "flood", date: "2025-02-30" }];
    household.monitoring = { category: "marginal", identifiedOn: "2021-02-30", riskEliminatedOn: "2020-01-01" };
    const paths = issuesOf(household)
      .map((issue) => issue.path)
      .sort();
    expect(paths).toEqual([
      "/events/0/date",
      "/events/0/subtype",
      "/monitoring/identifiedOn",
      "/monitoring/riskEliminatedOn",
    ]);
  });

  it("keeps an event's subtype absent when it was left out, and makes its loss a decimal", () => {
    const household = contractExample();
    household.events = [{ type: "accident", date: "2025-03-01", loss: "1200.50" }];
    const result = validateHousehold(household, "2025-06-30");
    if (!result.ok) throw new Error("invalid");
    const [event] = result.household.events;
    expect(Object.keys(event!)).toEqual(["type", "date", "loss"]);
    expect(event!.loss!.toString()).toBe("1200.5");
  });

  it("returns every problem, not just the first", () => {
    const household = contractExample();
    household.members[0].labor = "strong";
    household.income.transfer = "12.345";
    household.region.county = "5301";
    delete household.householdType;
    household.events[0].date = "2025-02-29";
    const paths = issuesOf(household)
      .map((issue) => issue.path)
      .sort();
    expect(paths).toEqual([
      "/events/0/date",
      "/householdType",
      "/income/transfer",
      "/members/0/labor",
      "/region/county",
    ]);
  });

  it("says a missing field is missing", () => {
    const household = contractExample();
    delete household.income.wage;
    expect(issuesOf(household)).toEqual([{ path: "/income/wage", message: "required field is missing" }]);
  });

  it("rejects an identification after the as-of date and an elimination before identification", () => {
    expect(issuesOf(contractExample(), "2024-12-31")).toEqual([
      { path: "/monitoring/identifiedOn", message: expect.stringContaining("after the as-of date") },
    ]);
    const household = contractExample();
    household.monitoring.riskEliminatedOn = "2024-12-01";
    expect(issuesOf(household)[0]?.path).toBe("/monitoring/riskEliminatedOn");
  });

  it("allows negative business income only", () => {
    const household = contractExample();
    household.income.business = "-1200.50";
    expect(issuesOf(household)).toEqual([]);
    household.income.wage = "-1";
    expect(issuesOf(household)[0]?.path).toBe("/income/wage");
  });

  it("names the household id when it can be read, and survives non-objects", () => {
    const household = contractExample();
    household.members = [];
    const result = validateHousehold(household, "2025-06-30");
    expect(result.ok ? null : result.householdId).toBe("LH-0001");
    for (const junk of [null, 42, "text", [], [1, 2]]) {
      const junkResult = validateHousehold(junk, "2025-06-30");
      expect(junkResult.ok).toBe(false);
    }
  });

  it("treats __proto__ as an unknown key and leaves Object.prototype alone", () => {
    const result = validateHousehold(JSON.parse(`{"__proto__": {"polluted": true}, "id": "X"}`), "2025-06-30");
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("requires the six water fields when water is given, and a subtype only on disasters", () => {
    const household = contractExample();
    delete household.livingConditions.water.interruptionDaysPerYear;
    household.events[0].subtype = "flood";
    const paths = issuesOf(household)
      .map((issue) => issue.path)
      .sort();
    expect(paths).toEqual(["/events/0/subtype", "/livingConditions/water/interruptionDaysPerYear"]);
  });
});
