import { describe, expect, it } from "vitest";
import { loadBuiltInRuleSet, ruleSetFromJson, screen } from "../src/index.js";
import { contractExample } from "./support/households.js";

/** One policy, one hash: however a decimal is written, in parameters, overrides or conditions. */
const manifest = { id: "county", version: "1", extends: "builtin:yunnan", description: { zh: "县" } };

const withThreshold = (value: string) =>
  ruleSetFromJson({
    "ruleset.json": manifest,
    "parameters.json": {
      threshold: {
        merge: "addValues",
        values: [{ from: "2026-01-01", value, source: { document: "县文件" }, status: "confirmed" }],
      },
    },
  });

const withCondition = (value: string) =>
  ruleSetFromJson({
    "ruleset.json": manifest,
    "rules/county.json": {
      stage: "checks",
      rules: [
        {
          id: "check.countyIncome",
          label: { zh: "收入" },
          basis: { document: "县文件" },
          conditions: { all: [{ fact: "perCapitaNetIncome", operator: "decimalLessThan", value }] },
          event: { type: "check", params: { severity: "warning" } },
          reason: { zh: "收入低" },
        },
      ],
    },
  });

describe("the rule-set hash canonicalizes decimals", () => {
  it.each([
    ["9100", "9100.0", "9100.00"],
    ["9100.5", "9100.50", "9100.5"],
    ["8000", "8000.0", "8000.00"],
  ])("parameters.json: %s, %s and %s hash the same", (a, b, c) => {
    const hashes = [a, b, c].map((value) => withThreshold(value).hash);
    expect(new Set(hashes).size).toBe(1);
    expect(withThreshold("9101").hash).not.toBe(hashes[0]);
  });

  it("--set: 9100, 9100.0 and 9100.00 hash the same and are listed as 9100; a count's 06 as 6", async () => {
    const sets = ["9100", "9100.0", "9100.00"].map((value) =>
      loadBuiltInRuleSet("yunnan", { overrides: { threshold: value } }),
    );
    expect(new Set(sets.map((set) => set.hash)).size).toBe(1);
    expect(sets.map((set) => set.overrides)).toEqual([
      { threshold: "9100" },
      { threshold: "9100" },
      { threshold: "9100" },
    ]);
    const result = await screen(contractExample(), { ruleSet: sets[2]!, asOf: "2026-06-30" });
    expect(result.ruleSet).toMatchObject({ hash: sets[0]!.hash, overrides: { threshold: "9100" } });
    const months = ["6", "06", "6.0"].map((value) =>
      loadBuiltInRuleSet("yunnan", { overrides: { riskWindowMonths: value } }),
    );
    expect(new Set(months.map((set) => set.hash)).size).toBe(1);
    expect(loadBuiltInRuleSet("yunnan", { overrides: { threshold: "9100.01" } }).hash).not.toBe(sets[0]!.hash);
  });

  it("conditions: a decimal compared by a decimal operator hashes the same however written", () => {
    const hashes = ["5000", "5000.0", "5000.00"].map((value) => withCondition(value).hash);
    expect(new Set(hashes).size).toBe(1);
    expect(withCondition("5000.01").hash).not.toBe(hashes[0]);
  });
});
