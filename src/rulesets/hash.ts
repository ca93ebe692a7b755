import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import canonicalize from "canonicalize";
import { DixianError } from "../errors.js";
import { message } from "../results/messages.js";
import type { Language } from "../results/language.js";
import type { RuleSet } from "./rule-set.js";

/**
 * `sha256:` + the hex digest of the RFC 8785 canonical JSON of the resolved rule set. Where the
 * files lie and how they are formatted do not change it; any change to what screening uses does.
 */
export function ruleSetHash(ruleSet: Omit<RuleSet, "hash" | "origins">): string {
  const canonical = canonicalize({
    id: ruleSet.id,
    version: ruleSet.version,
    layers: ruleSet.layers,
    region: ruleSet.region,
    description: ruleSet.description,
    parameters: ruleSet.parameters,
    figures: ruleSet.figures,
    // Only when present, so a rule set without overrides keeps the hash of its files.
    ...(ruleSet.overrides ? { overrides: ruleSet.overrides } : {}),
    riskTypes: ruleSet.riskTypes,
    guarantees: ruleSet.guarantees,
    measures: ruleSet.measures,
    measureGroups: ruleSet.measureGroups,
    conditions: ruleSet.conditions,
    rules: ruleSet.rules,
    disabled: ruleSet.disabled,
  });
  // A SHA-256 in plain JavaScript, so a browser computes the very same hash, synchronously.
  return "sha256:" + bytesToHex(sha256(utf8ToBytes(canonical ?? "")));
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
