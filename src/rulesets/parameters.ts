import { DixianError, NoParameterInForceError } from "../errors.js";
import type { IsoDate } from "../input/calendar-date.js";
import { Decimal, decimalText, isDecimalText, moneyIssue } from "../input/decimal.js";
import { type MessageId, type Words, both, joinWords } from "../messages/catalogue.js";
import { suggestionWords } from "../messages/suggestion.js";
import type { RuleSet } from "./rule-set.js";
import type { Parameter, ParameterType, ParameterValue } from "./schema.js";
import { own } from "./own.js";
import { isPackagedFile, overlayBase, supplyAdvice } from "./supply-advice.js";

const VALUE_PATTERNS: Record<ParameterType, (value: unknown) => boolean> = {
  money: (v) => typeof v === "string" && moneyIssue(v, true) === null,
  decimal: (v) => typeof v === "string" && /^-?\d{1,15}(\.\d{1,20})?$/.test(v),
  ratio: (v) => typeof v === "string" && /^\d{1,6}(\.\d{1,20})?$/.test(v),
  integer: (v) => typeof v === "number" && Number.isInteger(v),
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  text: (v) => typeof v === "string",
};

/** An override's text as a value of the parameter's type (numbers and booleans are JSON values in parameters.json). */
export function overrideValue(type: string, text: string): string | number | boolean {
  if (type === "integer" || type === "number") return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

/**
 * Thresholds, standards, multipliers and shares are positive (a threshold of 0 or -1 flags nobody);
 * counts, ages, months and days are not negative. Decimals and text are not bounded.
 */
const RANGES: Partial<Record<ParameterType, { holds: (value: number) => boolean; range: MessageId }>> = {
  money: { holds: (value) => value > 0, range: "parameterRangeMoney" },
  ratio: { holds: (value) => value > 0, range: "parameterRangeRatio" },
  integer: { holds: (value) => value >= 0, range: "parameterRangeInteger" },
  number: { holds: (value) => value >= 0, range: "parameterRangeNumber" },
};

/**
 * The allowed range of a parameter type, in words of `language` (`大于 0 的金额…`), when a value of
 * the right form lies outside it; null when it is in range (or not of the type's form at all).
 */
export function parameterRangeProblem(type: ParameterType, value: unknown): Words | null {
  const range = RANGES[type];
  if (!range || !VALUE_PATTERNS[type](value)) return null;
  return range.holds(Number(value)) ? null : both(range.range);
}

/**
 * An override's text in one form for its parameter's type, so one policy has one hash and one
 * listing in results: `9100.00`, `9100.0` and `9100` as `9100`; `06` and `6.0` as `6` for a count.
 */
export function canonicalOverrideText(type: string, text: string): string {
  if (type === "money" || type === "decimal" || type === "ratio")
    return isDecimalText(text) ? decimalText(new Decimal(text)) : text;
  return String(overrideValue(type, text));
}

/** What a value of this parameter type must be, in `language`, or null when the value is one. */
export function parameterValueProblem(type: ParameterType, value: unknown): Words | null {
  if (VALUE_PATTERNS[type](value)) return parameterRangeProblem(type, value);
  if (type === "money") return both("parameterTakesMoney");
  if (type === "decimal" || type === "ratio") return both("parameterTakesDecimal", { type });
  if (type === "integer") return both("parameterTakesInteger");
  if (type === "boolean") return both("parameterTakesBoolean");
  return both("parameterTakesType", { type });
}

/** A parameter's value in force on a date, with where it came from. */
export interface ParameterInForce {
  name: string;
  value: string | number | boolean;
  from: IsoDate;
  until: IsoDate | null;
  source: ParameterValue["source"];
  status: ParameterValue["status"];
  /** A yearly parameter whose value was set for an earlier year than the as-of date. */
  stale: boolean;
}

/**
 * The value in force on `asOf`: the latest value starting on or before it, unless that value's
 * `until` has passed. Null when none is in force.
 */
export function valueInForce(parameter: Parameter, asOf: IsoDate): ParameterValue | null {
  let candidate: ParameterValue | null = null;
  for (const value of parameter.values)
    if (value.from <= asOf && (!candidate || value.from >= candidate.from)) candidate = value;
  if (!candidate || (candidate.until !== undefined && candidate.until < asOf)) return null;
  return candidate;
}

/**
 * An optional parameter (`"optional": true`) with no value in force on `asOf` and no override
 * (`--set`): the rules that use it do not apply on that date, rather than failing the screening.
 */
export function isOptionalWithoutValue(ruleSet: RuleSet, name: string, asOf: IsoDate): boolean {
  const parameter = own(ruleSet.parameters, name);
  if (parameter?.optional !== true) return false;
  if (ruleSet.overrides && Object.hasOwn(ruleSet.overrides, name)) return false;
  return valueInForce(parameter, asOf) === null;
}

/** Whether a parameter has a value on `asOf`: an override (`--set`), or a value in force. */
export function hasValueInForce(ruleSet: RuleSet, name: string, asOf: IsoDate): boolean {
  const parameter = own(ruleSet.parameters, name);
  if (!parameter) return false;
  if (ruleSet.overrides && Object.hasOwn(ruleSet.overrides, name)) return true;
  return valueInForce(parameter, asOf) !== null;
}

/**
 * Resolves one parameter on `asOf` (an override given with `--set` first), or throws
 * E_NO_PARAMETER_IN_FORCE naming it, the rule set and the date, in `language`.
 */
export function parameterInForce(ruleSet: RuleSet, name: string, asOf: IsoDate): ParameterInForce {
  const parameter = own(ruleSet.parameters, name);
  if (!parameter) {
    throw new DixianError(
      "E_RULESET_REFERENCE",
      joinWords(
        both("noSuchParameter", { ruleSet: ruleSet.id, name }),
        suggestionWords(name, Object.keys(ruleSet.parameters)),
      ),
    );
  }
  const override = ruleSet.overrides && Object.hasOwn(ruleSet.overrides, name) ? ruleSet.overrides[name]! : undefined;
  if (override !== undefined) {
    // Given for every date: in force on this one, never stale.
    return {
      name,
      value: overrideValue(parameter.type, override),
      from: asOf,
      until: null,
      stale: false,
      status: "default",
      source: {
        document: `--set ${name}=${override}`,
        note: "覆盖取值（假设或县级补充），非规则集文件中的取值 / override (what-if or county value), not from the rule-set files",
      },
    };
  }
  const value = valueInForce(parameter, asOf);
  if (!value) {
    const origin = ruleSet.origins.get(`parameter:${name}`) ?? { file: ruleSet.id, path: `/${name}` };
    const here = isPackagedFile(origin.file) ? "noValueInForcePackaged" : "noValueInForceHere";
    throw new NoParameterInForceError(
      noValueMessage(ruleSet, name, parameter, asOf, origin.file),
      [{ ...origin, message: both(here, { name, asOf }) }],
      { parameter: name, asOf, ruleSet: ruleSet.id, base: overlayBase(ruleSet) },
    );
  }
  const stale = parameter.yearly === true && value.until === undefined && value.from.slice(0, 4) < asOf.slice(0, 4);
  return {
    name,
    value: value.value,
    from: value.from,
    until: value.until ?? null,
    source: value.source,
    status: value.status,
    stale,
  };
}

/**
 * Why screening cannot run on `asOf` without a parameter, in `language`: the parameter, the date,
 * and how to supply a value (see {@link supplyAdvice}: for a rule set shipped in the package, a
 * county overlay made with `dixian init-overlay`, never an edit of the installed files).
 */
export function noValueMessage(
  ruleSet: RuleSet,
  name: string,
  parameter: Parameter,
  asOf: IsoDate,
  file: string,
): Words {
  const known = parameter.values.map((v) => `${v.from}…${v.until ?? ""}: ${v.value}`).join("; ");
  return joinWords(
    both("noParameterInForce", { ruleSet: ruleSet.id, name, asOf, known }),
    supplyAdvice(ruleSet, name, asOf, file),
  );
}

/** `param × times` exactly, as a decimal string. */
export function multiplyParameters(left: ParameterInForce, right: ParameterInForce): string {
  return decimalText(new Decimal(String(left.value)).times(new Decimal(String(right.value))));
}
