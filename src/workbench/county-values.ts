import { NoParameterInForceError } from "../errors.js";
import { Decimal, isDecimalText } from "../input/decimal.js";
import { inLanguage, type Language } from "../messages/catalogue.js";
import type { BuiltInRuleSetName } from "../rulesets/built-in-names.js";
import { loadBuiltInRuleSet, ruleSetFromJson } from "../rulesets/from-json.js";
import { overlayRuleSetFiles, type OverlaySpec, type OverlayValue } from "../rulesets/overlay-files.js";
import { overrideValue, parameterValueProblem } from "../rulesets/parameters.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { prepareRuleSet } from "../batch/screen.js";

/**
 * Values a county enters in the workbench for a date the shipped rule sets have no value for (a
 * 2026 threshold, the county's 低保 standard): made into a county overlay exactly as
 * `dixian init-overlay` writes one — each value in force for its year, with its source and the
 * status `provisional` — so every result, the workbook and the report say which values were
 * provisional, and the rule-set hash is the one `dixian init-overlay` gives for the same values.
 */

/** The parameters the page asks a county for, in the order it asks. */
export const COUNTY_PARAMETERS = ["threshold", "dibaoStandard"] as const;
export type CountyParameter = (typeof COUNTY_PARAMETERS)[number];

/** What a county entered: a value for the year of the as-of date, and the document it comes from. */
export interface CountyValues {
  threshold?: string;
  dibaoStandard?: string;
  source: string;
}

/** The overlay's folder name and id, as `dixian init-overlay workbench-overlay` would write them. */
export const OVERLAY_NAME = "workbench-overlay";

/** A county value the page cannot take, worded for the person who typed it. */
export class CountyValueError extends Error {
  constructor(
    readonly parameter: CountyParameter | "source",
    text: string,
  ) {
    super(text);
  }
}

const TEXT = {
  zh: {
    source: "请填写取值的出处（文件名称或文号）",
    notPositive: (value: string) => `${value} 不大于 0`,
  },
  en: {
    source: "give the document the values come from",
    notPositive: (value: string) => `${value} is not greater than 0`,
  },
} as const;

/** The overlay spec for values entered for the year of `asOf`, checked as `dixian init-overlay` checks them. */
export function countyOverlaySpec(
  name: BuiltInRuleSetName,
  base: RuleSet,
  asOf: string,
  values: CountyValues,
  language: Language,
): OverlaySpec {
  const year = asOf.slice(0, 4);
  const source = values.source.trim();
  if (!source) throw new CountyValueError("source", TEXT[language].source);
  const overlayValues: OverlayValue[] = [];
  for (const parameterName of COUNTY_PARAMETERS) {
    const value = values[parameterName]?.trim();
    if (!value) continue;
    const parameter = base.parameters[parameterName]!;
    const problem = parameterValueProblem(parameter.type, overrideValue(parameter.type, value));
    if (problem) throw new CountyValueError(parameterName, inLanguage(problem, language));
    if (isDecimalText(value) && new Decimal(value).lte(0))
      throw new CountyValueError(parameterName, TEXT[language].notPositive(value));
    overlayValues.push({ name: parameterName, year, value });
  }
  return {
    name: OVERLAY_NAME,
    id: OVERLAY_NAME,
    version: `${year}.1`,
    extends: `builtin:${name}`,
    values: overlayValues,
    source,
    status: "provisional",
    schema: null,
    language,
  };
}

/**
 * The rule set the page screens with: the shipped one, or — when a county entered values — an
 * overlay on it holding them.
 */
export function workbenchRuleSet(
  name: BuiltInRuleSetName,
  asOf: string,
  values: CountyValues | null,
  language: Language,
): RuleSet {
  const base = loadBuiltInRuleSet(name, { lang: language });
  if (!values || COUNTY_PARAMETERS.every((parameter) => !values[parameter]?.trim())) return base;
  return ruleSetFromJson(overlayRuleSetFiles(countyOverlaySpec(name, base, asOf, values, language), base), {
    lang: language,
  });
}

/**
 * The parameter a date has no value for in the shipped rule set (the threshold of 2026 for
 * Yunnan), or null when the rule set can screen that date as it is.
 */
export function missingParameter(name: BuiltInRuleSetName, asOf: string, language: Language): string | null {
  try {
    prepareRuleSet(loadBuiltInRuleSet(name, { lang: language }), asOf, language);
    return null;
  } catch (error) {
    if (error instanceof NoParameterInForceError) return error.missing.parameter;
    throw error;
  }
}
