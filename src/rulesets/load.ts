import type { RuleSet } from "./rule-set.js";
import { directoryFiles } from "./directory-files.js";
import { loadRuleSetFiles, type LoadOptions } from "./resolve-rule-set.js";

export { RULE_SET_FILES, type Anchor, type LoadOptions } from "./resolve-rule-set.js";
export { loadBuiltInRuleSet, ruleSetFromJson } from "./from-json.js";

/**
 * Loads a rule-set directory and every set it extends, merges the layers (base first) and checks
 * every reference. The rule set returned is deeply frozen. Throws a {@link DixianError} listing
 * every problem with its file, JSON path, line and column, in `options.lang` (Chinese by default;
 * codes and paths are the same in both).
 *
 * @example
 * const ruleSet = loadRuleSet("rules/yunnan");
 * console.log(ruleSet.id, ruleSet.hash);
 * loadRuleSet("my-county", { lang: "en" }); // problems in English
 */
export function loadRuleSet(dir: string, options: LoadOptions = {}): RuleSet {
  return loadRuleSetFiles(directoryFiles(dir), options);
}
