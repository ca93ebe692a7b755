import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DixianError } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import { checkBuiltInName } from "./built-in-names.js";

export { BUILT_IN_RULE_SETS, BUILT_IN_PREFIX, type BuiltInRuleSetName } from "./built-in-names.js";

let rulesRoot: string | undefined;

/** The module's own file, in ESM and (through tsup's shim) CommonJS builds alike. */
function moduleFile(): string {
  return typeof __filename === "string" ? __filename : fileURLToPath(import.meta.url);
}

/**
 * The package's `rules/` folder, found by walking up from this module: `src/rulesets/` when run
 * from source, `dist/` when installed. Screening never needs it (the shipped rule sets are embedded
 * in the code, so they survive bundling); it is for tools that want to show or copy the files.
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
  checkBuiltInName(name, language);
  return join(builtInRulesRoot(language), name);
}
