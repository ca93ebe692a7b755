import { compileRuleSet } from "../evaluation/compile.js";
import type { CompiledRuleSet } from "../evaluation/types.js";
import { DixianError } from "../errors.js";
import { calendarDateIssue, type IsoDate } from "../input/calendar-date.js";
import { message, renderText, type Language } from "../messages/catalogue.js";
import type { RuleSet } from "../rulesets/rule-set.js";

/**
 * Dates whose compiled rule set is kept, per rule set. Any date may be asked for (a service takes
 * `asOf` from each request), so the cache is bounded: the date used longest ago is dropped first.
 */
export const COMPILED_DATES_KEPT = 32;

const byRuleSet = new WeakMap<RuleSet, Map<IsoDate, CompiledRuleSet>>();

/**
 * The rule set compiled for a date: compiled once, then reused, for every batch path (the API, the
 * command line and its workers, the service). Throws E_BAD_AS_OF for a date that is not a calendar
 * date and E_NO_PARAMETER_IN_FORCE when a parameter has no value on it, worded in `language`.
 */
export function compiledRuleSet(ruleSet: RuleSet, asOf: string, language: Language = "zh"): CompiledRuleSet {
  const issue = calendarDateIssue(asOf);
  const problem = issue && renderText(issue, language);
  if (problem) throw new DixianError("E_BAD_AS_OF", message("badAsOf", language, { asOf, problem }));
  let byDate = byRuleSet.get(ruleSet);
  if (!byDate) byRuleSet.set(ruleSet, (byDate = new Map<IsoDate, CompiledRuleSet>()));
  let compiled = byDate.get(asOf);
  if (compiled) {
    // Most recently used last, so the first key is the one to drop.
    byDate.delete(asOf);
  } else {
    compiled = compileRuleSet(ruleSet, asOf, language);
    if (byDate.size >= COMPILED_DATES_KEPT) byDate.delete(byDate.keys().next().value!);
  }
  byDate.set(asOf, compiled);
  return compiled;
}

/** How many dates of a rule set are compiled and kept (for tests of the bound). */
export function compiledDatesKept(ruleSet: RuleSet): number {
  return byRuleSet.get(ruleSet)?.size ?? 0;
}
