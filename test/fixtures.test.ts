import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRuleTests } from "../src/rule-tests/run.js";

const FIXTURE_DIR = "fixtures/yunnan";
const files = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => join(FIXTURE_DIR, name));

describe("anonymized household fixtures (rules/yunnan)", () => {
  it("has at least 30 fixtures", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of files) {
    it(file, async () => {
      const outcomes = await runRuleTests([file]);
      for (const outcome of outcomes)
        expect({ test: outcome.name, mismatches: outcome.mismatches }).toEqual({ test: outcome.name, mismatches: [] });
    });
  }

  it("between them cover every flag, category, risk type and 3+1 problem", async () => {
    const { readTestFile } = await import("../src/rule-tests/run.js");
    const expectations = files.flatMap((file) => readTestFile(file).tests.map((test) => test.expect));
    const flags = new Set(expectations.map((e) => e.flag));
    const categories = new Set(expectations.map((e) => e.category));
    const risks = new Set(expectations.flatMap((e) => e.riskTypes ?? []));
    const problems = new Set(
      expectations.flatMap((e) =>
        Object.entries(e.guarantees ?? {})
          .filter(([, s]) => s === "problem")
          .map(([item]) => item),
      ),
    );
    const unknowns = expectations.some((e) => Object.values(e.guarantees ?? {}).includes("unknown"));
    for (const flag of ["none", "watch", "identify", "continue", "eliminate"]) expect(flags).toContain(flag);
    for (const category of ["unstableFormerlyPoor", "marginal", "suddenHardship"])
      expect(categories).toContain(category);
    for (const risk of [
      "illness",
      "disaster",
      "disability",
      "lackOfLabor",
      "accident",
      "industryFailure",
      "unstableEmployment",
      "education",
    ])
      expect(risks).toContain(risk);
    for (const item of ["food", "compulsoryEducation", "basicMedical", "housing", "water"])
      expect(problems).toContain(item);
    expect(unknowns).toBe(true);
  });
});
