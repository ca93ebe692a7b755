import { message, type Language } from "../messages/catalogue.js";
import { BUILT_IN_PREFIX } from "./built-in-names.js";
import type { RuleSet } from "./rule-set.js";

/**
 * How a missing parameter value is supplied, worded for whoever can supply it: the advice that
 * follows E_NO_PARAMETER_IN_FORCE. Files of an installed package are never offered for editing —
 * the next update would overwrite them, and the hash of a shipped rule set must stay the shipped one.
 */

/** The `dixian init-overlay` option that writes a value of each parameter it can write. */
export const INIT_OVERLAY_OPTIONS: Readonly<Record<string, string>> = {
  threshold: "--threshold",
  dibaoStandard: "--dibao-standard",
};

/** Whether a file lies inside an installed package: a shipped rule set (`builtin:`), or a folder under node_modules. */
export function isPackagedFile(file: string): boolean {
  return file.startsWith(BUILT_IN_PREFIX) || /(^|[\\/])node_modules[\\/]/.test(file);
}

/** The folder of a rule set's own files, as messages show it (`rules/yunnan`, `builtin:yunnan`). */
function ownFolder(ruleSet: RuleSet): string | null {
  const manifest = ruleSet.origins.get("manifest")?.file;
  if (!manifest) return null;
  const folder = manifest.replace(/[\\/]?ruleset\.json$/, "");
  return folder || ".";
}

/**
 * What `dixian init-overlay --extends` names to build a county overlay on this rule set:
 * `builtin:yunnan` for a shipped set, else its folder.
 */
export function overlayBase(ruleSet: RuleSet): string {
  return ownFolder(ruleSet) ?? `${BUILT_IN_PREFIX}${ruleSet.id}`;
}

/**
 * The `dixian init-overlay` command that supplies `name` for the year of `asOf` on `base`, in
 * `language`, or null when init-overlay has no option for that parameter.
 */
export function initOverlayCommand(base: string, name: string, asOf: string, language: Language): string | null {
  const option = Object.hasOwn(INIT_OVERLAY_OPTIONS, name) ? INIT_OVERLAY_OPTIONS[name] : undefined;
  if (!option) return null;
  return message("initOverlayExample", language, { base, option, year: asOf.slice(0, 4) });
}

/**
 * The advice after "parameter NAME has no value in force on DATE" (a sentence starting with its
 * own punctuation), in `language`:
 * - a rule set shipped in the package (`builtin:yunnan`): make a county overlay with
 *   `dixian init-overlay`, or try a value with `--set`;
 * - an overlay whose value would go into an inherited shipped file: add it to the overlay's own
 *   `parameters.json` with `"merge": "addValues"`, or `--set`;
 * - otherwise: add a dated value in the file where the parameter is written (`file`), in a county
 *   overlay, or `--set`.
 */
export function supplyAdvice(ruleSet: RuleSet, name: string, asOf: string, file: string, language: Language): string {
  const folder = ownFolder(ruleSet);
  if (folder !== null && isPackagedFile(folder)) {
    const command = initOverlayCommand(folder, name, asOf, language);
    const folderName = message("initOverlayFolder", language);
    return command
      ? message("supplyByInitOverlay", language, { name, asOf, command, folder: folderName })
      : message("supplyInNewOverlay", language, { name, asOf, base: folder });
  }
  if (folder !== null && isPackagedFile(file)) {
    const own = folder === "." ? "parameters.json" : `${folder}/parameters.json`;
    return message("supplyInOwnOverlay", language, { name, asOf, file: own });
  }
  return message("supplyParameterValue", language, { name, asOf, file });
}
