import { DixianError } from "../errors.js";
import type { IsoDate } from "../input/calendar-date.js";
import { Decimal, decimalText, moneyProblem } from "../input/decimal.js";
import type { RuleSet } from "./rule-set.js";
import type { Parameter, ParameterType, ParameterValue } from "./schema.js";
import { own } from "./own.js";

const VALUE_PATTERNS: Record<ParameterType, (value: unknown) => boolean> = {
  money: (v) => typeof v === "string" && moneyProblem(v, true) === null,
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

/** What a value of this parameter type must be, or null when the value is one. */
export function parameterValueProblem(type: ParameterType, value: unknown): string | null {
  if (VALUE_PATTERNS[type](value)) return null;
  if (type === "money") return "money: a decimal amount in 元 with at most 2 places, such as 9000 or 9000.50";
  if (type === "decimal" || type === "ratio") return `a ${type} written as a decimal number, such as 0.5 or 2`;
  if (type === "integer") return "a whole number";
  if (type === "boolean") return "true or false";
  return `a ${type}`;
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
  for (const value of parameter.values) if (value.from <= asOf && (!candidate || value.from >= candidate.from)) candidate = value;
  if (!candidate || (candidate.until !== undefined && candidate.until < asOf)) return null;
  return candidate;
}

/** Resolves one parameter on `asOf`, or throws E_NO_PARAMETER_IN_FORCE naming it, the rule set and the date. */
export function parameterInForce(ruleSet: RuleSet, name: string, asOf: IsoDate): ParameterInForce {
  const parameter = own(ruleSet.parameters, name);
  if (!parameter) throw new DixianError("E_RULESET_REFERENCE", `rule set "${ruleSet.id}" has no parameter "${name}"`);
  const override = ruleSet.overrides && Object.hasOwn(ruleSet.overrides, name) ? ruleSet.overrides[name]! : undefined;
  if (override !== undefined) {
    // Given for every date: in force on this one, never stale.
    return {
      name, value: overrideValue(parameter.type, override), from: asOf, until: null, stale: false, status: "default",
      source: { document: `--set ${name}=${override}`, note: "覆盖取值（假设或县级补充），非规则集文件中的取值 / override (what-if or county value), not from the rule-set files" },
    };
  }
  const value = valueInForce(parameter, asOf);
  if (!value) {
    const origin = ruleSet.origins.get(`parameter:${name}`) ?? { file: ruleSet.id, path: `/${name}` };
    throw new DixianError("E_NO_PARAMETER_IN_FORCE", noValueMessage(ruleSet, name, parameter, asOf, origin.file), [
      { ...origin, message: `no value of "${name}" in force on ${asOf}: add a dated value here, in a county overlay, or give --set ${name}=VALUE` },
    ]);
  }
  const stale = parameter.yearly === true && value.until === undefined && value.from.slice(0, 4) < asOf.slice(0, 4);
  return { name, value: value.value, from: value.from, until: value.until ?? null, source: value.source, status: value.status, stale };
}

/**
 * Why screening cannot run on `asOf` without a parameter, in both languages: the parameter, the
 * date, the file where a dated value belongs, and the two ways to supply one.
 */
export function noValueMessage(ruleSet: RuleSet, name: string, parameter: Parameter, asOf: IsoDate, file: string): string {
  const known = parameter.values.map((v) => `${v.from}…${v.until ?? ""}: ${v.value}`).join("; ");
  return (
    `规则集 ${ruleSet.id} 的参数 ${name} 在 ${asOf} 没有生效的取值（已有取值：${known}）。` +
    `请在 ${file} 中为该日期增加取值，或由县级规则集（extends 本规则集）提供，或用 --set ${name}=取值 临时指定。 ` +
    `Rule set "${ruleSet.id}" has no value of parameter "${name}" in force on ${asOf} (known values: ${known}). ` +
    `Add a value dated for ${asOf} in ${file}, supply one in a county overlay that extends this rule set, or give --set ${name}=VALUE.`
  );
}

/** `param × times` exactly, as a decimal string. */
export function multiplyParameters(left: ParameterInForce, right: ParameterInForce): string {
  return decimalText(new Decimal(String(left.value)).times(new Decimal(String(right.value))));
}
