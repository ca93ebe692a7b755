import { DixianError } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import { didYouMean } from "../messages/suggestion.js";

/** The rule sets shipped in the package, by name. */
export const BUILT_IN_RULE_SETS = ["cn", "yunnan", "examples/xundian-lianhe"] as const;
export type BuiltInRuleSetName = (typeof BUILT_IN_RULE_SETS)[number];

/** Prefix of an `extends` value that names a shipped rule set: `"extends": "builtin:yunnan"`. */
export const BUILT_IN_PREFIX = "builtin:";

/** Throws E_RULESET_NOT_FOUND, worded in `language`, for a name that is not a shipped rule set. */
export function checkBuiltInName(name: string, language: Language = "zh"): asserts name is BuiltInRuleSetName {
  if (!(BUILT_IN_RULE_SETS as readonly string[]).includes(name)) {
    const problem = message("noShippedRuleSet", language, { name, shipped: BUILT_IN_RULE_SETS.join(", ") });
    throw new DixianError("E_RULESET_NOT_FOUND", problem + didYouMean(name, BUILT_IN_RULE_SETS, language));
  }
}
