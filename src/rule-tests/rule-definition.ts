import type { LoadedRule, RuleSet } from "../rulesets/rule-set.js";

const keysBySet = new WeakMap<RuleSet, Map<string, string>>();

/**
 * A rule's definition as a key: the same for the same rule whichever rule set reached it (or from
 * which copy of the files), another for a rule an overlay replaced with a different one.
 */
export function ruleDefinitionKey(ruleSet: RuleSet, ruleId: string): string {
  let keys = keysBySet.get(ruleSet);
  if (!keys) {
    keys = new Map(ruleSet.rules.map((rule: LoadedRule) => [rule.id, `${rule.id}\u0000${JSON.stringify(rule)}`]));
    keysBySet.set(ruleSet, keys);
  }
  return keys.get(ruleId) ?? ruleId;
}
