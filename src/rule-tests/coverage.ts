import type { RuleSet } from "../rulesets/rule-set.js";
import type { RuleTestOutcome } from "./run.js";

/** Rules of the given rule sets that no test made fire, by rule id (a rule shared by layers counts once). */
export function rulesNeverFired(ruleSets: readonly RuleSet[], outcomes: readonly RuleTestOutcome[]): { ruleSet: string; rule: string }[] {
  const fired = new Set(outcomes.flatMap((outcome) => outcome.rulesMet));
  const reported = new Set<string>();
  const missing: { ruleSet: string; rule: string }[] = [];
  for (const ruleSet of ruleSets) {
    for (const rule of ruleSet.rules) {
      if (fired.has(rule.id) || reported.has(rule.id)) continue;
      reported.add(rule.id);
      missing.push({ ruleSet: ruleSet.id, rule: rule.id });
    }
  }
  return missing;
}
