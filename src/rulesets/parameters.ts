import { DixianError } from "../errors.js";
import type { IsoDate } from "../input/calendar-date.js";
import { Decimal, decimalText } from "../input/decimal.js";
import type { RuleSet } from "./rule-set.js";
import type { Parameter, ParameterValue } from "./schema.js";
import { own } from "./own.js";

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

/**
 * An optional parameter (`"optional": true`) with no value in force on `asOf`: the rules that use
 * it do not apply on that date, rather than failing the screening.
 */
export function isOptionalWithoutValue(parameter: Parameter | undefined, asOf: IsoDate): boolean {
  return parameter?.optional === true && valueInForce(parameter, asOf) === null;
}

/** Resolves one parameter on `asOf`, or throws E_NO_PARAMETER_IN_FORCE naming it, the rule set and the date. */
export function parameterInForce(ruleSet: RuleSet, name: string, asOf: IsoDate): ParameterInForce {
  const parameter = own(ruleSet.parameters, name);
  if (!parameter) throw new DixianError("E_RULESET_REFERENCE", `rule set "${ruleSet.id}" has no parameter "${name}"`);
  const value = valueInForce(parameter, asOf);
  if (!value) {
    const known = parameter.values
      .map((v) => `${v.from}${v.until ? `…${v.until}` : "…"}: ${v.value}`)
      .join("; ");
    throw new DixianError(
      "E_NO_PARAMETER_IN_FORCE",
      `rule set "${ruleSet.id}" has no value of parameter "${name}" in force on ${asOf} (known values: ${known}). ` +
        `规则集 ${ruleSet.id} 的参数 ${name} 在 ${asOf} 没有生效的取值。`,
      [{ ...(ruleSet.origins.get(`parameter:${name}`) ?? { file: ruleSet.id, path: `/${name}` }), message: `no value in force on ${asOf}` }],
    );
  }
  const stale = parameter.yearly === true && value.until === undefined && value.from.slice(0, 4) < asOf.slice(0, 4);
  return { name, value: value.value, from: value.from, until: value.until ?? null, source: value.source, status: value.status, stale };
}

/** `param × times` exactly, as a decimal string. */
export function multiplyParameters(left: ParameterInForce, right: ParameterInForce): string {
  return decimalText(new Decimal(String(left.value)).times(new Decimal(String(right.value))));
}
