import { parseStrictJson } from "../input/strict-json.js";
import { inLanguage, type Language } from "../messages/catalogue.js";
import { LineItem } from "./line-item.js";
import type { TableOrigin } from "./table-location.js";

/**
 * One household's source, as every reader gives it to batch screening: an NDJSON line not yet
 * parsed, a value (from a JSON document, from county tables with where it came from, or handed to
 * the API), or a line that cannot be read.
 */
export type SourceItem =
  | { kind: "line"; line: number; text: string }
  | { kind: "value"; line?: number; value: unknown; origin?: TableOrigin }
  | { kind: "error"; line: number; message: string; source?: string; path?: string; householdId?: string | null };

/** A source item parsed: a {@link LineItem} (naming its line, and any problem of its JSON) or a plain value. */
export function parseSourceItem(item: SourceItem, language: Language = "zh"): unknown {
  switch (item.kind) {
    case "line": {
      const read = parseStrictJson(item.text);
      if (read.ok) return new LineItem(item.line, read.value);
      return new LineItem(item.line, read.value, inLanguage(read.message, language), read.path);
    }
    case "error":
      return new LineItem(item.line, undefined, item.message, item.path);
    case "value":
      return item.line === undefined ? item.value : new LineItem(item.line, item.value);
  }
}
