import { RISK_TYPE_IDS } from "../input/enums.js";
import type { Language } from "../messages/catalogue.js";
import { loadBuiltInRuleSet } from "./from-json.js";
import type { RuleSet } from "./rule-set.js";
import type { BilingualText } from "./schema.js";

/**
 * The vocabulary a rule set owns — risk types (risk-types.json), the 3+1 items (guarantees.json) and
 * the measure groups (`groups` in measures.json), each with its labels, code, source and status — as
 * every output that shows one reads it: explain, the CSV/XLSX rows and reading them back, the
 * monthly report, the worklist, and the labels county tables may use. There is no other copy in
 * the code. Code that has results but not the rule set that made them uses {@link shippedCatalogue}.
 */
export type Catalogue = Pick<RuleSet, "riskTypes" | "guarantees" | "measureGroups">;

/** Text in a language; English falls back to the Chinese an entry always has. */
const inLanguage = (text: BilingualText, language: Language) => (language === "en" ? (text.en ?? text.zh) : text.zh);

interface Index {
  riskTypes: Map<string, BilingualText>;
  guarantees: Map<string, { label: BilingualText; problem: BilingualText }>;
  groups: Map<string, BilingualText>;
  riskTypeIds: Map<string, string>;
  guaranteeIds: Map<string, string>;
}

const indexes = new WeakMap<Catalogue, Index>();

function indexOf(catalogue: Catalogue): Index {
  let index = indexes.get(catalogue);
  if (!index) {
    const byText = (entries: readonly { id: string; label: BilingualText }[]) => {
      const ids = new Map<string, string>();
      // Ids first, then Chinese and English labels: a label never shadows an id.
      for (const entry of entries) ids.set(entry.id, entry.id);
      for (const entry of entries) if (!ids.has(entry.label.zh)) ids.set(entry.label.zh, entry.id);
      for (const entry of entries) if (entry.label.en && !ids.has(entry.label.en)) ids.set(entry.label.en, entry.id);
      return ids;
    };
    index = {
      riskTypes: new Map(catalogue.riskTypes.map((entry) => [entry.id, entry.label])),
      guarantees: new Map(catalogue.guarantees.map((entry) => [entry.id, entry])),
      groups: new Map(catalogue.measureGroups.map((group) => [group.code, group.label])),
      riskTypeIds: byText(catalogue.riskTypes),
      guaranteeIds: byText(catalogue.guarantees),
    };
    indexes.set(catalogue, index);
  }
  return index;
}

/** A risk type's label in the language (an id the catalogue does not know is shown as it is). */
export function riskTypeLabel(catalogue: Catalogue, id: string, language: Language): string {
  const label = indexOf(catalogue).riskTypes.get(id);
  return label ? inLanguage(label, language) : id;
}

/** A 3+1 item's label in the language (housing: 住房安全保障 or Safe housing). */
export function guaranteeLabel(catalogue: Catalogue, item: string, language: Language): string {
  const entry = indexOf(catalogue).guarantees.get(item);
  return entry ? inLanguage(entry.label, language) : item;
}

/** A measure group's label in the language (100A39 → 产业帮扶), or null when the catalogue has no such group. */
export function measureGroupLabel(catalogue: Catalogue, code: string, language: Language): string | null {
  const label = indexOf(catalogue).groups.get(code);
  return label ? inLanguage(label, language) : null;
}

/** The risk type a text names: its id, or its label in either language; null when it names none. */
export function riskTypeOf(catalogue: Catalogue, text: string): string | null {
  return indexOf(catalogue).riskTypeIds.get(text) ?? null;
}

/** The 3+1 item a text names: its id, or its label in either language; null when it names none. */
export function guaranteeOf(catalogue: Catalogue, text: string): string | null {
  return indexOf(catalogue).guaranteeIds.get(text) ?? null;
}

const CONTRACT_RISK_TYPES: ReadonlySet<string> = new Set(RISK_TYPE_IDS);
const added = new WeakMap<Pick<RuleSet, "riskTypes">, readonly string[] | null>();

/**
 * The risk type ids a rule set's catalogue adds to the data contract's nine, which its households
 * may record in `monitoring.riskTypes` besides the contract's; undefined when it adds none (the
 * contract's schema then validates households as it is). The same list for the same rule set.
 */
export function addedRiskTypes(ruleSet: Pick<RuleSet, "riskTypes">): readonly string[] | undefined {
  let ids = added.get(ruleSet);
  if (ids === undefined) {
    const own = ruleSet.riskTypes.map((entry) => entry.id).filter((id) => !CONTRACT_RISK_TYPES.has(id));
    ids = own.length ? Object.freeze(own) : null;
    added.set(ruleSet, ids);
  }
  return ids ?? undefined;
}

let shipped: Catalogue | undefined;

/**
 * The national catalogue shipped with dixian (`cn`'s risk types, 3+1 items and measure groups), for
 * code that shows results without the rule set that made them: results read back without
 * `--rules` whose rule set is not a shipped one, `dixian worklist`. Every shipped rule set has this
 * catalogue; a rule set that adds its own entries needs its own (`--rules`).
 */
export function shippedCatalogue(): Catalogue {
  if (!shipped) {
    const { riskTypes, guarantees, measureGroups } = loadBuiltInRuleSet("cn");
    shipped = { riskTypes, guarantees, measureGroups };
  }
  return shipped;
}
