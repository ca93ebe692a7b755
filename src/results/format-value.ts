import type { FactValueType } from "../facts/fact-definition.js";
import { Decimal, ExactRatio, formatMoney, isDecimalText } from "../input/decimal.js";
import { roundedQuotientUnits, unitsOf } from "../input/decimal-units.js";
import type { ParameterType } from "../rulesets/schema.js";
import { message, type Language } from "../messages/catalogue.js";

/** Shows a fact or parameter value to a person: money to two places, shares as percentages. */
export function formatValue(value: unknown, type: FactValueType | ParameterType, language: Language): string {
  if (value === null || value === undefined) return message("noData", language);
  if (typeof value === "boolean") return message(value ? "yes" : "no", language);
  if (value instanceof Decimal && (type === "money" || type === "decimal")) return formatMoney(value);
  if (value instanceof ExactRatio && type === "ratio") {
    const percent = ratioPercent(value);
    if (percent !== null) return percent;
  }
  if (value instanceof Decimal) value = value.toString();
  switch (type) {
    case "money":
    case "decimal":
      return isDecimalText(String(value)) ? formatMoney(String(value)) : String(value);
    case "ratio":
      // A share as people write it: in per cent, at most two places, no trailing zeros (never "150.00%").
      return isDecimalText(String(value))
        ? `${new Decimal(String(value)).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()}%`
        : String(value);
    default:
      return Array.isArray(value) ? value.join(message("listSeparator", language)) : String(value);
  }
}

/**
 * A ratio of money as a percentage to at most two places, from whole cents when that is exact: the
 * same text as rounding its 34-digit quotient (below), which cannot differ from rounding the exact
 * quotient while numerator and denominator are safe integers of cents. Null otherwise.
 */
function ratioPercent(ratio: ExactRatio): string | null {
  const hundredths = roundedQuotientUnits(unitsOf(ratio.numerator, 2), unitsOf(ratio.denominator, 2), 4);
  if (Number.isNaN(hundredths)) return null;
  const magnitude = Math.abs(hundredths);
  const fraction = magnitude % 100;
  // As decimal.js writes the rounded share: no trailing zeros, and no sign on a share that rounds to zero.
  const places =
    fraction === 0 ? "" : fraction % 10 === 0 ? `.${fraction / 10}` : `.${fraction < 10 ? "0" : ""}${fraction}`;
  return `${hundredths < 0 ? "-" : ""}${Math.floor(magnitude / 100)}${places}%`;
}
