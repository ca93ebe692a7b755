import type { Condition, TopLevelCondition } from "./schema.js";

export type FactCondition = Extract<Condition, { fact: string }>;

/** Visits every condition of a tree, with its path (for locating problems). */
export function walkConditions(
  condition: Condition | TopLevelCondition,
  visit: (condition: Condition, path: PropertyKey[]) => void,
  path: PropertyKey[] = [],
): void {
  visit(condition, path);
  if ("all" in condition) condition.all.forEach((child, i) => walkConditions(child, visit, [...path, "all", i]));
  else if ("any" in condition) condition.any.forEach((child, i) => walkConditions(child, visit, [...path, "any", i]));
  else if ("not" in condition) walkConditions(condition.not, visit, [...path, "not"]);
}

export const isFactCondition = (condition: Condition): condition is FactCondition => "fact" in condition;
