import type { FactDefinition } from "../facts/fact-definition.js";

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\}/g;

/** The `{name}` placeholders of a reason template. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** A template split once into literal text and placeholders (odd positions). */
const splitTemplates = new Map<string, string[]>();
function split(template: string): string[] {
  let parts = splitTemplates.get(template);
  if (!parts) {
    parts = template.split(PLACEHOLDER);
    if (splitTemplates.size > 8192) splitTemplates.clear();
    splitTemplates.set(template, parts);
  }
  return parts;
}

/** Fills a template; `lookup` returns the text for a placeholder, or null to leave it as written. */
export function fillTemplate(template: string, lookup: (placeholder: string) => string | null): string {
  const parts = split(template);
  if (parts.length === 1) return template;
  let text = "";
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    text += index % 2 === 0 ? part : (lookup(part) ?? `{${part}}`);
  }
  return text;
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
