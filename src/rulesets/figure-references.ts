import { FIGURE_FACT, FIGURE_OF_FACT } from "../facts/income-facts.js";
import type { RuleSet } from "./rule-set.js";
import { templatePlaceholders } from "./templates.js";
import { isFactCondition, walkConditions } from "./walk-conditions.js";

/** One use of a figure by a rule or named condition: which figure, and where (origin key and path). */
export interface FigureUse {
  id: string;
  key: string;
  path: PropertyKey[];
}

/** The figure a fact reads with these params, or null when it reads none. */
export function figureReadBy(fact: string, params: unknown): string | null {
  if (fact === FIGURE_FACT) {
    const id = (params as { id?: unknown } | undefined)?.id;
    return typeof id === "string" ? id : null;
  }
  return Object.hasOwn(FIGURE_OF_FACT, fact) ? FIGURE_OF_FACT[fact]! : null;
}

/**
 * Every figure the rules and named conditions read — through facts in conditions and compared
 * values, and through `{fact}` placeholders in reasons — found once per rule set, not per household.
 */
export function figuresUsedBy(ruleSet: Pick<RuleSet, "rules" | "conditions">): FigureUse[] {
  const uses: FigureUse[] = [];
  const scan =
    (key: string, base: PropertyKey[]) =>
    (condition: Parameters<Parameters<typeof walkConditions>[1]>[0], path: PropertyKey[]) => {
      if (!isFactCondition(condition)) return;
      const id = figureReadBy(condition.fact, condition.params);
      if (id) uses.push({ id, key, path: [...base, ...path, condition.fact === FIGURE_FACT ? "params" : "fact"] });
      const value = condition.value as { fact?: unknown; params?: unknown } | null;
      if (value && typeof value === "object" && typeof value.fact === "string") {
        const valueId = figureReadBy(value.fact, value.params);
        if (valueId) uses.push({ id: valueId, key, path: [...base, ...path, "value"] });
      }
    };
  for (const [name, condition] of Object.entries(ruleSet.conditions))
    walkConditions(condition, scan(`condition:${name}`, []));
  for (const rule of ruleSet.rules) {
    walkConditions(rule.conditions, scan(`rule:${rule.id}`, ["conditions"]));
    for (const language of ["zh", "en"] as const) {
      const template = rule.reason?.[language];
      if (!template) continue;
      for (const placeholder of templatePlaceholders(template)) {
        const [head, argument] = placeholder.split(".", 2) as [string, string | undefined];
        const id = figureReadBy(head, head === FIGURE_FACT ? { id: argument } : undefined);
        if (id) uses.push({ id, key: `rule:${rule.id}`, path: ["reason", language] });
      }
    }
  }
  return uses;
}
