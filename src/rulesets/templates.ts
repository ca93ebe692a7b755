import type { FactDefinition } from "../facts/fact-definition.js";

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\}/g;

/** The `{name}` placeholders of a reason template. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** A template split into literal text (even positions) and placeholder names (odd positions). */
export function splitTemplate(template: string): string[] {
  return template.split(PLACEHOLDER);
}

/**
 * The params for a `{fact.argument}` placeholder: the argument fills the fact's first param
 * (`{expense.medical}` → `{ kind: "medical" }`). Null when the fact takes no params.
 */
export function primaryParams(fact: FactDefinition<unknown>, argument: string): Record<string, unknown> | null {
  const key = Object.keys((fact.params as unknown as { shape?: object }).shape ?? {})[0];
  if (!key) return null;
  return { [key]: /^\d+$/.test(argument) ? Number(argument) : argument };
}
