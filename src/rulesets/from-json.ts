import { DixianError, inLanguageOf } from "../errors.js";
import { both } from "../messages/catalogue.js";
import type { BuiltInRuleSetName } from "./built-in-names.js";
import { builtInFiles, loadRuleSetFiles, type LoadOptions } from "./resolve-rule-set.js";
import type { RuleSet } from "./rule-set.js";
import { memoryFiles, type RuleSetFileContent } from "./rule-set-files.js";

/**
 * Builds a rule set from its files held in memory: a map from each file's path relative to the
 * rule set's root (`ruleset.json`, `parameters.json`, `rules/flag.json`, …) to its text or its
 * parsed JSON. The files are checked exactly as {@link loadRuleSet} checks a directory, and the
 * hash is the same for the same files. `extends` may name a shipped set (`builtin:yunnan`); a
 * relative `extends` can only name folders inside the map. The rule set is deeply frozen.
 *
 * @example
 * const ruleSet = ruleSetFromJson({
 *   "ruleset.json": { id: "my-county", version: "2025.1", extends: "builtin:yunnan", description: { zh: "本县" } },
 *   "parameters.json": "{ \"threshold\": { … } }",
 * });
 */
export function ruleSetFromJson(
  files: Readonly<Record<string, RuleSetFileContent>>,
  options: LoadOptions = {},
): RuleSet {
  if (files === null || typeof files !== "object" || Array.isArray(files)) {
    throw new DixianError("E_RULESET_NOT_FOUND", both("ruleSetFromJsonTakesObject")).inLanguage(options.lang ?? "zh");
  }
  const language = options.lang ?? "zh";
  return loadRuleSetFiles(
    inLanguageOf(language, () => memoryFiles(files, "", "")),
    options,
  );
}

/**
 * Loads a rule set shipped with dixian by name: `"cn"`, `"yunnan"` or `"examples/xundian-lianhe"`.
 * The shipped rule sets are embedded in the code, so this works in a browser and in a bundled server.
 *
 * @example
 * const yunnan = loadBuiltInRuleSet("yunnan");
 */
export function loadBuiltInRuleSet(name: BuiltInRuleSetName | (string & {}), options: LoadOptions = {}): RuleSet {
  const language = options.lang ?? "zh";
  return loadRuleSetFiles(
    inLanguageOf(language, () => builtInFiles(name)),
    options,
  );
}
