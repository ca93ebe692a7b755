import { loadRuleSet } from "/work/main/src/index.ts";
import { compiledRuleSet } from "/work/main/src/screening/screen.ts";
import { validateHousehold } from "/work/main/src/input/validate-household.ts";
import { buildHouseholdContext } from "/work/main/src/facts/household-context.ts";
import { inPlaceMeasures } from "/work/main/src/planning/in-place-measures.ts";
import { evaluateClosureStage } from "/work/main/src/evaluation/compiled/compiled-stage.ts";
import { generateHouseholds } from "/work/main/src/population/generate-households.ts";
const ruleSet = loadRuleSet("rules/yunnan");
const compiled = compiledRuleSet(ruleSet, "2025-06-30");
const contexts = [...generateHouseholds({ households: 5000, seed: 1, asOf: "2025-06-30", referenceIncome: 8700 })].map((h) => {
  const v = validateHousehold(JSON.parse(JSON.stringify(h)), "2025-06-30") as any;
  return buildHouseholdContext(v.household, "2025-06-30", inPlaceMeasures(v.household, ruleSet.measures));
});
for (let r = 0; r < 6; r++) {
  const t = performance.now();
  for (const c of contexts) for (const s of compiled.stages) evaluateClosureStage(s.closures, s.mode, c, false, compiled.tracedRules);
  console.log(Math.round(contexts.length / ((performance.now() - t) / 1000)));
}
