/** Freezes an object and everything reachable from it (plain objects, arrays and maps). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (value instanceof Map) for (const entry of value.values()) deepFreeze(entry);
  else for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return value;
}

/**
 * A map that cannot be changed once built (`Object.freeze` does not stop `Map#set`). It is still a
 * `Map`, so a rule set sent to a worker thread arrives as an ordinary one.
 */
export class FrozenMap<K, V> extends Map<K, V> {
  #sealed = false;
  constructor(entries: Iterable<readonly [K, V]>) {
    super();
    for (const [key, value] of entries) super.set(key, value);
    this.#sealed = true;
  }
  override set(key: K, value: V): this {
    if (this.#sealed) throw new TypeError("a loaded rule set cannot be changed");
    return super.set(key, value);
  }
  override delete(_key: K): boolean {
    throw new TypeError("a loaded rule set cannot be changed");
  }
  override clear(): void {
    throw new TypeError("a loaded rule set cannot be changed");
  }
}
