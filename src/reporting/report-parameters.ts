import type { IsoDate } from "../input/calendar-date.js";
import type { Language } from "../messages/catalogue.js";
import { localize } from "../results/reason-text.js";
import { BUILT_IN_RULE_SETS } from "../rulesets/built-in-names.js";
import { loadBuiltInRuleSet } from "../rulesets/from-json.js";
import { valueInForce } from "../rulesets/parameters.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { ReportParameter } from "./monthly-report.js";

/** The shipped rule set a rule set is built on: the last of its layers that is one, or null. */
function shippedBase(ruleSet: RuleSet): RuleSet | null {
  const names = new Map(BUILT_IN_RULE_SETS.map((name) => [name.split("/").pop()!, name]));
  for (const id of [...ruleSet.layers].reverse()) {
    const name = names.get(id);
    if (name) return loadBuiltInRuleSet(name);
  }
  return null;
}

/**
 * What a report's header must say of the parameters behind its results: every value set by hand
 * (`--set`), and every value in force on `asOf` that the shipped rule sets do not have — a county's
 * own 2026 threshold or 低保 standard — or that is provisional, each with its status and source.
 */
export function suppliedParameters(ruleSet: RuleSet, asOf: IsoDate, language: Language): ReportParameter[] {
  const base = shippedBase(ruleSet);
  const found: ReportParameter[] = [];
  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    const label = localize(parameter.label ?? parameter.description, language) || name;
    const override = ruleSet.overrides?.[name];
    if (override !== undefined) {
      found.push({ name, label, value: override, status: "set", source: `--set ${name}=${override}` });
      continue;
    }
    const value = valueInForce(parameter, asOf);
    if (!value) continue;
    const shipped = base?.parameters[name] ? valueInForce(base.parameters[name], asOf) : null;
    const same = shipped !== null && JSON.stringify(shipped) === JSON.stringify(value);
    if (same && value.status !== "provisional") continue;
    found.push({ name, label, value: String(value.value), status: value.status, source: value.source.document });
  }
  return found;
}
