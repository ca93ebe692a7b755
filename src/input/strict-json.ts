import { both, type Words } from "../messages/catalogue.js";
import { findDuplicateKeys, mayRepeatKeys } from "./duplicate-keys.js";

/** A household's JSON text read strictly: its value, or why it cannot be taken (with the path of a repeated key). */
export type StrictJson =
  | { ok: true; value: unknown }
  /** `detail`: the parser's own words, or the repeated key's message; `message`: the whole problem. */
  | { ok: false; message: Words; detail: Words; path?: string; value?: unknown };

/**
 * The one reader of a household's JSON text, for every entry point (NDJSON lines, the service's
 * single household): `JSON.parse`, which silently keeps the last of a repeated key, then a scan
 * for repeated keys, so a county system's serializer bug cannot change a result unnoticed.
 */
export function parseStrictJson(text: string): StrictJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    return { ok: false, message: both("invalidJsonLine", { detail }), detail };
  }
  // The search costs about 9 µs for a generated household, some 5% of screening it; counting
  // members first costs a fraction of that, and the repeated key it looks for is rarely there.
  const duplicate = mayRepeatKeys(text, value) ? findDuplicateKeys(text)[0] : undefined;
  if (!duplicate) return { ok: true, value };
  const problem = both("duplicateKey", { key: duplicate.key });
  return { ok: false, message: problem, detail: problem, path: duplicate.path, value };
}
