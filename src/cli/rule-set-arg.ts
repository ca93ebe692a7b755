import type { Language } from "../results/result-types.js";
import { BUILT_IN_PREFIX } from "../rulesets/built-in.js";
import { loadBuiltInRuleSet, loadRuleSet } from "../rulesets/load.js";
import type { RuleSet } from "../rulesets/rule-set.js";

/**
 * `--rules` takes a rule-set directory, or `builtin:<name>` for a rule set shipped in the package.
 * Problems are reported in `language`.
 */
export function loadRuleSetArgument(argument: string, language: Language = "zh"): RuleSet {
  const options = { lang: language };
  return argument.startsWith(BUILT_IN_PREFIX) ? loadBuiltInRuleSet(argument.slice(BUILT_IN_PREFIX.length), options) : loadRuleSet(argument, options);
}
