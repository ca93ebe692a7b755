import type { Language } from "../messages/catalogue.js";
import { BUILT_IN_PREFIX } from "../rulesets/built-in.js";
import { loadBuiltInRuleSet, loadRuleSet } from "../rulesets/load.js";
import { parseOverrideList, type ParameterOverrides } from "../rulesets/overrides.js";
import type { RuleSet } from "../rulesets/rule-set.js";

/**
 * `--rules` takes a rule-set directory, or `builtin:<name>` for a rule set shipped in the package;
 * `overrides` (from `--set`) replace parameter values for every date. Problems are reported in `language`.
 */
export function loadRuleSetArgument(
  argument: string,
  overrides: ParameterOverrides = {},
  language: Language = "zh",
): RuleSet {
  const options = { overrides, lang: language };
  return argument.startsWith(BUILT_IN_PREFIX)
    ? loadBuiltInRuleSet(argument.slice(BUILT_IN_PREFIX.length), options)
    : loadRuleSet(argument, options);
}

/** The `--set NAME=VALUE` option, repeatable, as `parseArgs` declares it. */
export const SET_OPTION: { type: "string"; multiple: true } = { type: "string", multiple: true };

/** The help line of `--set`, the same in every command that takes it. */
export const SET_HELP =
  "  --set NAME=VALUE     override a parameter for every date (repeatable)       覆盖参数取值（可重复）";

/** The overrides of the `--set` values given (see {@link parseOverrideList}). */
export function setOverrides(
  values: readonly string[] | undefined,
  option = "--set",
  language: Language = "zh",
): Record<string, string> {
  return parseOverrideList(values ?? [], option, language);
}
