import { describe, expect, it } from "vitest";
import { findTestFiles, readTestFile, runRuleTest } from "../src/rule-tests/run.js";
import { loadRuleSet } from "../src/index.js";

/** Every rule test shipped beside a rule set runs as its own vitest case. */
for (const dir of ["rules/cn", "rules/yunnan", "rules/examples/xundian-lianhe"]) {
  describe(`rule tests of ${dir}`, () => {
    const ruleSet = loadRuleSet(dir);
    for (const file of findTestFiles(dir)) {
      for (const test of readTestFile(file).tests) {
        it(`${file} › ${test.name}`, async () => {
          const outcome = await runRuleTest(file, ruleSet, test);
          expect(outcome.mismatches).toEqual([]);
        });
      }
    }
  });
}
