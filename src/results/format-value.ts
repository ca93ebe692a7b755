import type { FactValueType } from "../facts/fact-definition.js";
import { Decimal, formatMoney, isDecimalText } from "../input/decimal.js";
import type { ParameterType } from "../rulesets/schema.js";
import { message, type Language } from "../messages/catalogue.js";

/** Shows a fact or parameter value to a person: money to two places, shares as percentages. */
export function formatValue(value: unknown, type: FactValueType | ParameterType, language: Language): string {
  if (value === null || value === undefined) return message("noData", language);
  if (typeof value === "boolean") return message(value ? "yes" : "no", language);
  if (value instanceof Decimal && (type === "money" || type === "decimal")) return formatMoney(value);
  if (value instanceof Decimal) value = value.toString();
  switch (type) {
    case "money":
    case "decimal":
      return isDecimalText(String(value)) ? formatMoney(String(value)) : String(value);
    case "ratio":
      // A share as people write it: 0.25 → 25%, 1.5 → 150%, 0.3333 → 33.33% (never "150.00%").
      return isDecimalText(String(value))
        ? `${new Decimal(String(value)).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()}%`
        : String(value);
    default:
      return Array.isArray(value) ? value.join(message("listSeparator", language)) : String(value);
  }
}
