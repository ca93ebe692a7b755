import { loadRuleSet } from "/work/main/src/index.ts";
import { compiledRuleSet } from "/work/main/src/screening/screen.ts";
import { validateHousehold } from "/work/main/src/input/validate-household.ts";
import { buildHouseholdContext } from "/work/main/src/facts/household-context.ts";
import { inPlaceMeasures } from "/work/main/src/planning/in-place-measures.ts";
import { evaluateClosureStage } from "/work/main/src/evaluation/compiled/compiled-stage.ts";
import { screenHousehold } from "/work/main/src/screening/screen-household.ts";
import { generateHouseholds } from "/work/main/src/population/generate-households.ts";
const ruleSet = loadRuleSet("rules/yunnan");
const compiled = compiledRuleSet(ruleSet, "2025-06-30");
const hs = [...generateHouseholds({ households: 5000, seed: 1, asOf: "2025-06-30", referenceIncome: 8700 })].map((h) => JSON.parse(JSON.stringify(h)));
const valid = hs.map((h) => (validateHousehold(h, "2025-06-30") as any).household);
for (let r = 0; r < 3; r++) {
  const T: Record<string, number> = {};
  const tick = (k: string, t0: number) => (T[k] = (T[k] ?? 0) + performance.now() - t0);
  for (const h of hs) { const t0 = performance.now(); validateHousehold(h, "2025-06-30"); tick("validate", t0); }
  for (const h of valid) {
    let t0 = performance.now();
    const placed = inPlaceMeasures(h, ruleSet.measures); tick("inPlace", t0);
    t0 = performance.now();
    const ctx = buildHouseholdContext(h, "2025-06-30", placed); tick("context", t0);
    for (const stage of compiled.stages) { t0 = performance.now(); evaluateClosureStage(stage.closures, stage.mode, ctx, false, compiled.tracedRules); tick("stage " + stage.stage, t0); }
  }
  for (const h of valid) { const t0 = performance.now(); await screenHousehold(compiled, h, { language: "zh", explain: false }); tick("screenHousehold", t0); }
  console.log(Object.fromEntries(Object.entries(T).map(([k, v]) => [k, Math.round((v / 5000) * 1000) + "µs"])));
}
