import { loadRuleSet, screen } from "/work/main/src/index.ts";
import { generateHouseholds } from "/work/main/src/population/generate-households.ts";
const ruleSet = loadRuleSet("rules/yunnan");
const hs = [...generateHouseholds({ households: 3000, seed: 1, asOf: "2025-06-30", referenceIncome: 8700 })].map((h) => JSON.parse(JSON.stringify(h)));
for (const engine of ["compiled", "json-rules-engine", "compiled", "json-rules-engine"] as const) {
  const t = performance.now();
  for (const h of hs) JSON.stringify(await screen(h, { ruleSet, asOf: "2025-06-30", engine }));
  console.log(engine, Math.round(hs.length / ((performance.now() - t) / 1000)), "/s");
}
