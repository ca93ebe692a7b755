import type { NoParameterInForceError } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import { initOverlayCommand } from "../rulesets/supply-advice.js";

/**
 * The detail of a problem response when the served rule set has no value of a parameter on the
 * date asked for. Only the operator who started `dixian serve` can supply one, so it says how
 * they do (restart with `--set`, or with `--rules` on a county overlay made by `dixian
 * init-overlay`), and tells the caller to ask them.
 */
export function operatorAdvice(error: NoParameterInForceError, language: Language): string {
  const { parameter: name, asOf, ruleSet, base } = error.missing;
  const command = initOverlayCommand(base, name, asOf, language);
  const overlay = command
    ? message("serveOverlayCommand", language, { command, folder: message("initOverlayFolder", language) })
    : message("serveOverlayByHand", language, { name, asOf, base });
  return message("serveNoParameterInForce", language, { ruleSet, name, asOf, overlay });
}
