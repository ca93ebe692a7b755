import { DixianError, type Problem } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import { deepFreeze } from "./freeze.js";
import { ruleSetHash } from "./hash.js";
import { canonicalOverrideText, overrideValue, parameterValueProblem } from "./parameters.js";
import type { RuleSet } from "./rule-set.js";

/** Parameter values by name, as written (`"9000"`, `"6"`, `"true"`), that replace a rule set's own for every date. */
export type ParameterOverrides = Readonly<Record<string, string>>;

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Parses a list of `NAME=VALUE` texts (the repeated `--set` option) into overrides. The first `=`
 * separates name and value, so a value may contain `=`; the same name twice is an error, as is a
 * text without `=` or with an empty name or value. Throws E_USAGE naming the text.
 *
 * @example
 * parseOverrideList(["threshold=9000", "riskWindowMonths=6"]); // { threshold: "9000", riskWindowMonths: "6" }
 */
export function parseOverrideList(
  texts: readonly string[],
  option = "--set",
  language: Language = "zh",
): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const text of texts) {
    const at = text.indexOf("=");
    const name = at < 0 ? text : text.slice(0, at).trim();
    const value = at < 0 ? "" : text.slice(at + 1).trim();
    if (at < 0 || !NAME.test(name) || value === "") {
      throw new DixianError("E_USAGE", message("overrideNotNameValue", language, { option, text }));
    }
    if (Object.hasOwn(overrides, name))
      throw new DixianError(
        "E_USAGE",
        message("overrideTwice", language, { option, name, first: overrides[name]!, second: value }),
      );
    Object.defineProperty(overrides, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return overrides;
}

/**
 * A new rule set in which each named parameter has the given value on every date, replacing its
 * own dated values (a what-if, or a value the county has and the rule set lacks). Each value is
 * checked like the parameter's own values (money, ratio, integer …); an unknown name or a bad
 * value throws E_PARAMETER_OVERRIDE naming every problem. Overrides already applied are kept
 * (a later value for the same name wins). The new rule set's hash covers the overrides, and its
 * results list them in `ruleSet.overrides`.
 *
 * @example
 * const whatIf = applyOverrides(loadBuiltInRuleSet("yunnan"), { threshold: "9000" });
 * whatIf.hash !== loadBuiltInRuleSet("yunnan").hash; // true
 */
export function applyOverrides(ruleSet: RuleSet, overrides: ParameterOverrides, language: Language = "zh"): RuleSet {
  const problems: Problem[] = [];
  const merged: Record<string, string> = { ...ruleSet.overrides };
  for (const [name, value] of Object.entries(overrides)) {
    const parameter = Object.hasOwn(ruleSet.parameters, name) ? ruleSet.parameters[name] : undefined;
    if (!parameter) {
      const known = Object.keys(ruleSet.parameters).sort().join(", ");
      problems.push({
        file: "--set",
        path: `/${name}`,
        message: message("overrideUnknownParameter", language, { ruleSet: ruleSet.id, name, known }),
      });
      continue;
    }
    const problem = parameterValueProblem(parameter.type, overrideValue(parameter.type, value), language);
    if (problem) {
      problems.push({
        file: "--set",
        path: `/${name}`,
        message: message("overrideBadValue", language, { name, problem, value }),
      });
      continue;
    }
    const canonical = canonicalOverrideText(parameter.type, value);
    Object.defineProperty(merged, name, { value: canonical, enumerable: true, writable: true, configurable: true });
  }
  if (problems.length) {
    throw new DixianError(
      "E_PARAMETER_OVERRIDE",
      problems.map((p) => `${p.path.slice(1)}: ${p.message}`).join("; "),
      problems,
    );
  }
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const { hash: _hash, origins, ...content } = ruleSet;
  // Frozen like every rule set the library returns, so its hash always describes it.
  return deepFreeze({ ...content, overrides: sorted, hash: ruleSetHash({ ...content, overrides: sorted }), origins });
}
