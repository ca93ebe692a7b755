const SEGMENT = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g;

/**
 * Resolves the plain JSONPath subset rule sets may use (`$.a.b`, `$.list[0]`), as jsonpath-plus
 * would with `wrap: false`: undefined when a step is missing.
 */
export function resolveSimplePath(value: unknown, path: string): unknown {
  if (path === "$") return value;
  let current: unknown = value;
  for (const match of path.slice(1).matchAll(SEGMENT)) {
    if (current === null || typeof current !== "object") return undefined;
    const key = match[1] ?? Number(match[2]);
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
