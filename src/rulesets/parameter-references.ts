/** A `{ "param": name }` (optionally `"times": other`) written where a value is expected. */
export interface ParameterReference {
  param: string;
  times?: string;
}

export function isParameterReference(value: unknown): value is ParameterReference {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    typeof (value as { param?: unknown }).param === "string" &&
    keys.every(
      (key) => key === "param" || (key === "times" && typeof (value as { times?: unknown }).times === "string"),
    )
  );
}

/**
 * Copies a JSON value, replacing every parameter reference with what `resolve` returns for it.
 * Used on condition values, fact params and event params.
 */
export function replaceParameterReferences(
  value: unknown,
  resolve: (reference: ParameterReference) => unknown,
): unknown {
  if (isParameterReference(value)) return resolve(value);
  if (Array.isArray(value)) return value.map((item) => replaceParameterReferences(item, resolve));
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(copy, key, {
        value: replaceParameterReferences(item, resolve),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return value;
}

/** Every parameter name referenced anywhere inside a JSON value. */
export function parameterNamesIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  replaceParameterReferences(value, (reference) => {
    into.add(reference.param);
    if (reference.times) into.add(reference.times);
    return null;
  });
  return into;
}

/** Every parameter reference inside a JSON value, with its path. */
export function parameterReferencesIn(
  value: unknown,
  path: PropertyKey[] = [],
): { reference: ParameterReference; path: PropertyKey[] }[] {
  if (isParameterReference(value)) return [{ reference: value, path }];
  if (Array.isArray(value)) return value.flatMap((item, index) => parameterReferencesIn(item, [...path, index]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => parameterReferencesIn(item, [...path, key]));
  }
  return [];
}

/**
 * Every parameter a rule set's screening reads: those referenced by rules (conditions, events,
 * `{param.NAME}` in reasons) and named conditions, and `threshold`, which every result reports.
 */
export function parametersUsedBy(ruleSet: {
  parameters: Record<string, unknown>;
  rules: readonly { conditions: unknown; event: unknown; reason?: { zh: string; en?: string } }[];
  conditions: Record<string, unknown>;
}): string[] {
  const used = new Set<string>();
  if (Object.hasOwn(ruleSet.parameters, "threshold")) used.add("threshold");
  for (const condition of Object.values(ruleSet.conditions)) parameterNamesIn(condition, used);
  for (const rule of ruleSet.rules) {
    parameterNamesIn({ conditions: rule.conditions, event: rule.event }, used);
    for (const template of [rule.reason?.zh, rule.reason?.en]) {
      for (const match of template?.matchAll(/\{param\.([A-Za-z0-9_]+)\}/g) ?? []) used.add(match[1]!);
    }
  }
  return [...used].filter((name) => Object.hasOwn(ruleSet.parameters, name)).sort();
}
