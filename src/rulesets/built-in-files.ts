/*
 * The shipped rule sets' files (tests excluded), imported so that the build embeds them: the
 * browser entry point has no file system, and a server bundled by a county system has no rules/
 * folder beside it. A test checks this list against rules/ (add a line here with a new file).
 */
import cnConditions from "../../rules/cn/conditions.json";
import cnFigures from "../../rules/cn/figures.json";
import cnGuarantees from "../../rules/cn/guarantees.json";
import cnMeasures from "../../rules/cn/measures.json";
import cnParameters from "../../rules/cn/parameters.json";
import cnRiskTypes from "../../rules/cn/risk-types.json";
import cnRulesAssessment from "../../rules/cn/rules/assessment.json";
import cnRulesChecks from "../../rules/cn/rules/checks.json";
import cnRulesFallback from "../../rules/cn/rules/fallback.json";
import cnRulesFlag from "../../rules/cn/rules/flag.json";
import cnRulesPlan from "../../rules/cn/rules/plan.json";
import cnRuleset from "../../rules/cn/ruleset.json";
import xundianLianheMeasures from "../../rules/examples/xundian-lianhe/measures.json";
import xundianLianheParameters from "../../rules/examples/xundian-lianhe/parameters.json";
import xundianLianheRulesPlan from "../../rules/examples/xundian-lianhe/rules/plan.json";
import xundianLianheRuleset from "../../rules/examples/xundian-lianhe/ruleset.json";
import yunnanParameters from "../../rules/yunnan/parameters.json";
import yunnanRuleset from "../../rules/yunnan/ruleset.json";

/** Every file of the shipped rule sets, by its path under `rules/`, as parsed JSON. */
export const BUILT_IN_FILES: Readonly<Record<string, unknown>> = {
  "cn/conditions.json": cnConditions,
  "cn/figures.json": cnFigures,
  "cn/guarantees.json": cnGuarantees,
  "cn/measures.json": cnMeasures,
  "cn/parameters.json": cnParameters,
  "cn/risk-types.json": cnRiskTypes,
  "cn/rules/assessment.json": cnRulesAssessment,
  "cn/rules/checks.json": cnRulesChecks,
  "cn/rules/fallback.json": cnRulesFallback,
  "cn/rules/flag.json": cnRulesFlag,
  "cn/rules/plan.json": cnRulesPlan,
  "cn/ruleset.json": cnRuleset,
  "examples/xundian-lianhe/measures.json": xundianLianheMeasures,
  "examples/xundian-lianhe/parameters.json": xundianLianheParameters,
  "examples/xundian-lianhe/rules/plan.json": xundianLianheRulesPlan,
  "examples/xundian-lianhe/ruleset.json": xundianLianheRuleset,
  "yunnan/parameters.json": yunnanParameters,
  "yunnan/ruleset.json": yunnanRuleset,
};
