import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import canonicalize from "canonicalize";
import { DixianError } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import type { RuleSet } from "./rule-set.js";
import type { Condition, Parameter, TopLevelCondition } from "./schema.js";
import { Decimal, decimalText, isDecimalText } from "../input/decimal.js";
import { DECIMAL_TESTS } from "../evaluation/operators.js";
import { canonicalOverrideText } from "./parameters.js";

/**
 * `sha256:` + the hex digest of the RFC 8785 canonical JSON of the resolved rule set. Where the
 * files lie and how they are formatted do not change it, nor how a decimal is written (`9100`,
 * `9100.0` and `9100.00` are one policy); any change to what screening uses does.
 */
export function ruleSetHash(ruleSet: Omit<RuleSet, "hash" | "origins">): string {
  const canonical = canonicalize({
    id: ruleSet.id,
    version: ruleSet.version,
    layers: ruleSet.layers,
    region: ruleSet.region,
    description: ruleSet.description,
    parameters: canonicalParameters(ruleSet.parameters),
    figures: ruleSet.figures,
    // Only when present, so a rule set without overrides keeps the hash of its files.
    ...(ruleSet.overrides ? { overrides: canonicalOverrides(ruleSet.overrides, ruleSet.parameters) } : {}),
    riskTypes: ruleSet.riskTypes,
    guarantees: ruleSet.guarantees,
    measures: ruleSet.measures,
    measureGroups: ruleSet.measureGroups,
    conditions: Object.fromEntries(
      Object.entries(ruleSet.conditions).map(([name, condition]) => [name, canonicalCondition(condition)]),
    ),
    rules: ruleSet.rules.map((rule) => ({ ...rule, conditions: canonicalCondition(rule.conditions) })),
    disabled: ruleSet.disabled,
  });
  // A SHA-256 in plain JavaScript, so a browser computes the very same hash, synchronously.
  return "sha256:" + bytesToHex(sha256(utf8ToBytes(canonical ?? "")));
}

const DECIMAL_TYPES: ReadonlySet<string> = new Set(["money", "decimal", "ratio"]);

/** `9100.00`, `9100.0` and `9100` alike as `9100`; `-0.0` as `0`. Other values as they are. */
function canonicalDecimal(value: unknown): unknown {
  return isDecimalText(value) ? decimalText(new Decimal(value)) : value;
}

/** Parameters with the decimal values of money, decimal and ratio parameters in one form. */
function canonicalParameters(parameters: Record<string, Parameter>): Record<string, Parameter> {
  return Object.fromEntries(
    Object.entries(parameters).map(([name, parameter]) => [
      name,
      DECIMAL_TYPES.has(parameter.type)
        ? {
            ...parameter,
            values: parameter.values.map((value) => ({ ...value, value: canonicalDecimal(value.value) as string })),
          }
        : parameter,
    ]),
  );
}

/** Overrides (text, as given to --set) in one form for their parameter's type: `9100.0` as `9100`, `06` as `6`. */
function canonicalOverrides(
  overrides: Readonly<Record<string, string>>,
  parameters: Record<string, Parameter>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(overrides).map(([name, text]) => {
      return [name, canonicalOverrideText(Object.hasOwn(parameters, name) ? parameters[name]!.type : "text", text)];
    }),
  );
}

/** A condition tree with the decimal text compared by decimal operators in one form. */
function canonicalCondition<C extends Condition | TopLevelCondition>(condition: C): C {
  if ("all" in condition) return { ...condition, all: condition.all.map(canonicalCondition) };
  if ("any" in condition) return { ...condition, any: condition.any.map(canonicalCondition) };
  if ("not" in condition) return { ...condition, not: canonicalCondition(condition.not) };
  if ("fact" in condition && Object.hasOwn(DECIMAL_TESTS, condition.operator))
    return { ...condition, value: canonicalDecimal(condition.value) };
  return condition;
}

/**
 * Refuses a rule set whose resolved hash is not the one expected — for audited deployments that
 * must prove which rules produced a decision. Throws E_RULESET_HASH_MISMATCH.
 */
export function assertRuleSetHash(
  ruleSet: { id: string; hash: string },
  expected: string,
  language: Language = "zh",
): void {
  if (ruleSet.hash !== expected.trim()) {
    throw new DixianError(
      "E_RULESET_HASH_MISMATCH",
      message("hashMismatch", language, { id: ruleSet.id, hash: ruleSet.hash, expected: expected.trim() }),
    );
  }
}
