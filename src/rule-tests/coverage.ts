import type { RuleSet } from "../rulesets/rule-set.js";
import { ruleDefinitionKey } from "./rule-definition.js";
import type { RuleTestOutcome } from "./run.js";

/** What `dixian test --coverage` reports. */
export interface RuleCoverage {
  /** Rules the rule sets write themselves (their own layer) that no test made fire: a failure. */
  missing: { ruleSet: string; rule: string }[];
  /**
   * Own rules left out of every test for an optional parameter without a value (a county's 低保
   * standard in the national set): only a layer that sets the value can make them fire.
   */
  withoutValue: string[];
  /**
   * Rules a rule set inherits (written by a set it extends, not replaced in its own files) that no
   * test fired, by rule set: listed, not a failure — the base rule set's own tests cover them.
   */
  inherited: { ruleSet: string; rules: string[] }[];
  /** How many rules the rule sets write themselves (each counted once). */
  own: number;
}

/**
 * Which rules of the given rule sets no test made fire. A rule counts as fired when a test fired
 * that very definition (so a rule an overlay replaces must fire in a test of the overlay's, not in
 * a test of the set whose rule it replaces). Only the rules a rule set writes itself are required to fire;
 * those it inherits and no test fired are listed apart (a rule shared by several sets once).
 */
export function ruleCoverage(ruleSets: readonly RuleSet[], outcomes: readonly RuleTestOutcome[]): RuleCoverage {
  const fired = new Set(outcomes.flatMap((outcome) => outcome.definitionsMet));
  const leftOut = new Set(outcomes.flatMap((outcome) => outcome.rulesWithoutValue));
  const ownKeys = new Set(
    ruleSets.flatMap((ruleSet) => ruleSet.ownLayer.rules.map((id) => ruleDefinitionKey(ruleSet, id))),
  );
  const reported = new Set<string>();
  const missing: RuleCoverage["missing"] = [];
  const withoutValue: string[] = [];
  const inherited: RuleCoverage["inherited"] = [];
  for (const ruleSet of ruleSets) {
    const own = new Set(ruleSet.ownLayer.rules);
    const notFired: string[] = [];
    for (const rule of ruleSet.rules) {
      const key = ruleDefinitionKey(ruleSet, rule.id);
      if (fired.has(key) || reported.has(key)) continue;
      if (!own.has(rule.id)) {
        // Inherited: reported here unless another rule set given writes it (then it is that set's own).
        if (ownKeys.has(key)) continue;
        reported.add(key);
        notFired.push(rule.id);
        continue;
      }
      reported.add(key);
      if (leftOut.has(rule.id)) withoutValue.push(rule.id);
      else missing.push({ ruleSet: ruleSet.id, rule: rule.id });
    }
    if (notFired.length) inherited.push({ ruleSet: ruleSet.id, rules: notFired });
  }
  return { missing, withoutValue, inherited, own: ownKeys.size };
}

/** Rules the given rule sets write themselves that no test made fire (see {@link ruleCoverage}). */
export function rulesNeverFired(
  ruleSets: readonly RuleSet[],
  outcomes: readonly RuleTestOutcome[],
): { ruleSet: string; rule: string }[] {
  return ruleCoverage(ruleSets, outcomes).missing;
}
