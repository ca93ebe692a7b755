import type { RuleSet } from "../rulesets/rule-set.js";
import type { RuleTestOutcome } from "./run.js";

/**
 * Rules of the given rule sets that no test made fire, by rule id (a rule shared by layers counts
 * once). A rule that was left out of every test for an optional parameter without a value (a
 * county's 低保 standard in the national set) is listed in `withoutValue` instead: only a layer that
 * sets the value can make it fire.
 */
export function ruleCoverage(
  ruleSets: readonly RuleSet[],
  outcomes: readonly RuleTestOutcome[],
): {
  missing: { ruleSet: string; rule: string }[];
  withoutValue: string[];
} {
  const fired = new Set(outcomes.flatMap((outcome) => outcome.rulesMet));
  const leftOut = new Set(outcomes.flatMap((outcome) => outcome.rulesWithoutValue));
  const reported = new Set<string>();
  const missing: { ruleSet: string; rule: string }[] = [];
  const withoutValue: string[] = [];
  for (const ruleSet of ruleSets) {
    for (const rule of ruleSet.rules) {
      if (fired.has(rule.id) || reported.has(rule.id)) continue;
      reported.add(rule.id);
      if (leftOut.has(rule.id)) withoutValue.push(rule.id);
      else missing.push({ ruleSet: ruleSet.id, rule: rule.id });
    }
  }
  return { missing, withoutValue };
}

/** Rules of the given rule sets that no test made fire (see {@link ruleCoverage}). */
export function rulesNeverFired(
  ruleSets: readonly RuleSet[],
  outcomes: readonly RuleTestOutcome[],
): { ruleSet: string; rule: string }[] {
  return ruleCoverage(ruleSets, outcomes).missing;
}
