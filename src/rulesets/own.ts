/**
 * Lookups of names a rule author wrote (parameters, named conditions, operators) on plain objects:
 * own properties only, so `toString`, `constructor` or `__proto__` is an unknown name, never
 * something inherited from Object.prototype.
 */
export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** The own property `key` of `record`, or undefined. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Sets an own property; plain assignment of `__proto__` would replace the prototype instead. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
