import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { Engine } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { compileConditions, type CompiledCondition } from "../src/evaluation/compiled/compile-condition.js";
import { FactTable } from "../src/facts/fact-table.js";
import { traceConditions } from "../src/evaluation/condition-trace.js";
import { CUSTOM_OPERATORS } from "../src/rulesets/operators.js";
import { loadRuleSet, screen } from "../src/index.js";
import { generateHouseholds } from "../src/population/generate-households.js";
import { findTestFiles, readTestFile } from "../src/rule-tests/run.js";
import type { Condition, TopLevelCondition } from "../src/rulesets/schema.js";

/**
 * The compiled evaluator must agree with json-rules-engine, our reference semantics, on every rule:
 * generated rule JSON over every operator we support, and every fixture screened both ways.
 */

const FACT_IDS = ["f0", "f1", "f2", "f3"] as const;
const scalar = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom("0", "1.5", "-2", "3.25", "10", "abc", "", "2025-01-31", "2025-06-30"),
  fc.boolean(),
  fc.constant(null),
);
const factValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const factTable = fc.record(
  Object.fromEntries(FACT_IDS.map((id) => [id, fc.record({ a: factValue, b: factValue })])) as Record<
    (typeof FACT_IDS)[number],
    fc.Arbitrary<{ a: unknown; b: unknown }>
  >,
);

const SCALAR_OPERATORS = [
  "equal",
  "notEqual",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
  ...CUSTOM_OPERATORS.map((operator) => operator.name),
  "not:equal",
  "swap:lessThan",
  "not:decimalLessThan",
];
const ARRAY_VALUE_OPERATORS = ["in", "notIn", "someValue:equal", "everyValue:greaterThanInclusive"];
const ARRAY_FACT_OPERATORS = ["contains", "doesNotContain", "someFact:equal", "everyFact:lessThan"];

const factRef = fc.record({ fact: fc.constantFrom(...FACT_IDS), params: fc.record({ k: fc.constantFrom("a", "b") }) });
const leaf: fc.Arbitrary<Condition> = fc
  .oneof(
    fc.record({
      fact: fc.constantFrom(...FACT_IDS),
      params: fc.record({ k: fc.constantFrom("a", "b") }),
      operator: fc.constantFrom(...SCALAR_OPERATORS),
      value: fc.oneof(scalar, factRef),
    }),
    // Mostly lists; sometimes a scalar or a fact reference, which json-rules-engine cannot take (it throws).
    fc.record({
      fact: fc.constantFrom(...FACT_IDS),
      params: fc.record({ k: fc.constantFrom("a", "b") }),
      operator: fc.constantFrom(...ARRAY_VALUE_OPERATORS),
      value: fc.oneof({ arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 4 }, scalar, factRef),
    }),
    fc.record({
      fact: fc.constantFrom(...FACT_IDS),
      params: fc.record({ k: fc.constantFrom("a", "b") }),
      operator: fc.constantFrom(...ARRAY_FACT_OPERATORS),
      value: scalar,
    }),
    fc.record({ condition: fc.constantFrom("named0", "named1") }),
  )
  .chain((condition) =>
    fc
      .record({
        priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        label: fc.option(fc.constant({ zh: "条件" }), { nil: undefined }),
      })
      .map((extra) => ({
        ...condition,
        ...(extra.priority ? { priority: extra.priority } : {}),
        ...(extra.label ? { label: extra.label } : {}),
      })),
  );

const { tree } = fc.letrec<{ tree: Condition }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie("tree"), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie("tree"), { maxLength: 4 }) }),
    fc.record({ not: tie("tree") }),
  ),
}));
const topLevel = fc.oneof(
  fc.record({ all: fc.array(tree, { maxLength: 4 }) }),
  fc.record({ any: fc.array(tree, { maxLength: 4 }) }),
  fc.record({ not: tree }),
) as fc.Arbitrary<TopLevelCondition>;
// Named conditions may not refer to others, so there is no cycle.
const namedLeaf = leaf.filter((condition) => !("condition" in condition));
const named = fc.record({
  named0: fc.record({ all: fc.array(namedLeaf, { maxLength: 3 }) }),
  named1: fc.record({ any: fc.array(namedLeaf, { maxLength: 3 }), label: fc.constant({ zh: "命名条件" }) }),
}) as fc.Arbitrary<Record<string, TopLevelCondition>>;

type Outcome = { threw: true } | { threw: false; result: boolean; trace: unknown };

async function withJsonRulesEngine(
  conditions: TopLevelCondition,
  namedConditions: Record<string, TopLevelCondition>,
  facts: Record<string, { a: unknown; b: unknown }>,
): Promise<Outcome> {
  try {
    const engine = new Engine([], { allowUndefinedFacts: false });
    for (const operator of CUSTOM_OPERATORS) engine.addOperator(operator.name, operator.evaluate);
    for (const [name, condition] of Object.entries(namedConditions))
      engine.setCondition(name, structuredClone(condition));
    for (const id of FACT_IDS) engine.addFact(id, (params: { k: "a" | "b" }) => facts[id]![params.k]);
    engine.addRule({ name: "r", conditions: structuredClone(conditions), event: { type: "x" } });
    const run = await engine.run();
    const ruleResult = run.results[0] ?? run.failureResults[0]!;
    const met = run.results.length > 0;
    return { threw: false, result: met, trace: { ...traceConditions(ruleResult.conditions as never), result: met } };
  } catch {
    return { threw: true };
  }
}

/** Runs `evaluate` (result only, the default path) and `trace` (explanations) separately. */
function withCompiled(
  conditions: TopLevelCondition,
  namedConditions: Record<string, TopLevelCondition>,
  facts: Record<string, { a: unknown; b: unknown }>,
): { fast: Outcome; traced: Outcome } {
  const slots = new FactTable();
  const compiled: CompiledCondition = compileConditions(conditions, slots, namedConditions, new Map());
  const source = { value: (slot: number) => facts[slots.slots[slot]!.fact]![slots.slots[slot]!.params.k as "a" | "b"] };
  const attempt = (run: () => Outcome): Outcome => {
    try {
      return run();
    } catch {
      return { threw: true };
    }
  };
  return {
    fast: attempt(() => ({ threw: false, result: compiled.evaluate(source), trace: null })),
    traced: attempt(() => {
      const traced = compiled.trace(source);
      return { threw: false, result: traced.result, trace: { ...traced.trace, result: traced.result } };
    }),
  };
}

const stats = { threw: 0, met: 0, notMet: 0 };

describe("compiled evaluator versus json-rules-engine", () => {
  it("agree on every generated rule: result and the values compared (property)", async () => {
    await fc.assert(
      fc.asyncProperty(topLevel, named, factTable, async (conditions, namedConditions, facts) => {
        const reference = await withJsonRulesEngine(conditions, namedConditions, facts);
        const { fast, traced } = withCompiled(conditions, namedConditions, facts);
        stats[reference.threw ? "threw" : reference.result ? "met" : "notMet"]++;
        // An operator given a value it cannot take (`in` with something not a list) is an error of
        // the rule: both evaluators must report it, with and without explanations.
        expect(fast.threw).toBe(reference.threw);
        expect(traced).toEqual(reference);
        if (!fast.threw && !reference.threw) expect(fast.result).toBe(reference.result);
      }),
      { numRuns: 1500, seed: 424242 },
    );
    // The generator must reach every outcome, and mostly rules that evaluate.
    expect(stats.met).toBeGreaterThan(200);
    expect(stats.notMet).toBeGreaterThan(200);
    expect(stats.threw).toBeLessThan(stats.met + stats.notMet);
  });

  it("give byte-identical results, with explanations, for every fixture and shipped rule test", async () => {
    const cases = [
      ...readdirSync("fixtures/yunnan").map((name) => join("fixtures/yunnan", name)),
      ...["rules/cn", "rules/yunnan", "rules/examples/xundian-lianhe"].flatMap((dir) => findTestFiles(dir)),
    ];
    const ruleSets = new Map<string, ReturnType<typeof loadRuleSet>>();
    let compared = 0;
    for (const file of cases) {
      const { ruleSetDir, tests } = readTestFile(file);
      if (!ruleSets.has(ruleSetDir)) ruleSets.set(ruleSetDir, loadRuleSet(ruleSetDir));
      const ruleSet = ruleSets.get(ruleSetDir)!;
      for (const test of tests) {
        const run = (engine: "compiled" | "json-rules-engine") =>
          screen(test.household, { ruleSet, asOf: test.asOf, explain: true, engine }).then(
            (r) => JSON.stringify(r),
            (e: Error) => `error ${e.message}`,
          );
        expect(await run("compiled"), `${file} › ${test.name}`).toBe(await run("json-rules-engine"));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  it("give byte-identical results on a generated population, with and without explanations", async () => {
    const ruleSet = loadRuleSet("rules/examples/xundian-lianhe");
    for (const household of generateHouseholds({
      households: 250,
      seed: 77,
      asOf: "2025-06-30",
      referenceIncome: 8700,
    })) {
      for (const explain of [false, true]) {
        const compiled = JSON.stringify(
          await screen(household, { ruleSet, asOf: "2025-06-30", explain, engine: "compiled" }),
        );
        const reference = JSON.stringify(
          await screen(household, { ruleSet, asOf: "2025-06-30", explain, engine: "json-rules-engine" }),
        );
        expect(compiled).toBe(reference);
      }
    }
  });
});
