import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DixianError } from "../errors.js";
import { message } from "../results/messages.js";
import type { Language } from "../results/language.js";
import { didYouMean } from "../results/suggestion.js";

/** The rule sets shipped in the package, by name. */
export const BUILT_IN_RULE_SETS = ["cn", "yunnan", "examples/xundian-lianhe"] as const;
export type BuiltInRuleSetName = (typeof BUILT_IN_RULE_SETS)[number];

/** Prefix of an `extends` value that names a shipped rule set: `"extends": "builtin:yunnan"`. */
export const BUILT_IN_PREFIX = "builtin:";

let rulesRoot: string | undefined;

/** The module's own file, in ESM and (through tsup's shim) CommonJS builds alike. */
function moduleFile(): string {
  return typeof __filename === "string" ? __filename : fileURLToPath(import.meta.url);
}

/**
 * The package's `rules/` folder, found by walking up from this module: `src/rulesets/` when run
 * from source, `dist/` when installed.
 */
export function builtInRulesRoot(language: Language = "zh"): string {
  if (rulesRoot) return rulesRoot;
  let dir = dirname(moduleFile());
  for (let depth = 0; depth < 6; depth++, dir = dirname(dir)) {
    if (existsSync(join(dir, "rules", "cn", "ruleset.json"))) return (rulesRoot = join(dir, "rules"));
  }
  throw new DixianError("E_RULESET_NOT_FOUND", message("shippedRulesMissing", language));
}

/** The directory of a shipped rule set; throws E_RULESET_NOT_FOUND for an unknown name. */
export function builtInRuleSetDir(name: string, language: Language = "zh"): string {
  if (!(BUILT_IN_RULE_SETS as readonly string[]).includes(name)) {
    const problem = message("noShippedRuleSet", language, { name, shipped: BUILT_IN_RULE_SETS.join(", ") });
    throw new DixianError("E_RULESET_NOT_FOUND", problem + didYouMean(name, BUILT_IN_RULE_SETS, language));
  }
  return join(builtInRulesRoot(language), name);
}
