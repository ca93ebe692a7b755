import { pointerSegment } from "../errors.js";

/** A key written twice in one JSON object. */
export interface DuplicateKey {
  key: string;
  /** JSON Pointer to the repeated key's value: from the element's root for an element of a top-level array, else from the text's root. */
  path: string;
  /** Offset of the repeated key in the text. */
  offset: number;
  /** Index of the top-level array element it is in, when the text is an array; else -1. */
  element: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;

interface Frame {
  /** Keys seen in this object; null for an array. */
  keys: Set<string> | null;
  /** The key (object) or index (array) of the value being read. */
  at: string | number;
  expectingKey: boolean;
}

/**
 * Finds keys repeated within one object of a text that `JSON.parse` has already accepted (which
 * silently keeps the last value). One pass with an explicit stack, so nesting depth costs no call
 * stack; strings are skipped with `indexOf`, so a household line costs a few microseconds.
 * Stops at the first duplicate of each top-level array element (one per household is enough to
 * reject it).
 */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let skipElement = -2; // the element already reported (-1 is the root object itself)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectingKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        top.at = key;
        top.expectingKey = false;
        const element = stack.length > 1 && !stack[0]!.keys ? (stack[0]!.at as number) : -1;
        if (top.keys.has(key) && element !== skipElement) {
          found.push({ key, path: pointerOf(element < 0 ? stack : stack.slice(1)), offset: i, element });
          if (element < 0) return found;
          skipElement = element;
        }
        top.keys.add(key);
      }
      i = end;
    } else if (c === OPEN_OBJECT) stack.push({ keys: new Set(), at: "", expectingKey: true });
    else if (c === OPEN_ARRAY) stack.push({ keys: null, at: 0, expectingKey: false });
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) stack.pop();
    else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (!top) continue;
      if (top.keys) top.expectingKey = true;
      else top.at = (top.at as number) + 1;
    }
  }
  return found;
}

/**
 * Whether a text that `JSON.parse` turned into `parsed` may repeat a key. Each member of a JSON
 * object has one colon outside strings, and a repeated key leaves one key fewer after parsing; so
 * when the text has no more colons (inside strings or out) than the parsed value has keys, no key is
 * repeated. A colon inside a string only makes this answer "maybe". About a sixth of the cost of
 * {@link findDuplicateKeys}, which then need only run when this says true.
 */
export function mayRepeatKeys(text: string, parsed: unknown): boolean {
  let colons = 0;
  for (let at = text.indexOf(":"); at >= 0; at = text.indexOf(":", at + 1)) colons++;
  return colons !== countKeys(parsed);
}

/** Keys of every object in a parsed JSON value, as `for…in` sees them; an explicit stack, so nesting costs no call stack. */
function countKeys(value: unknown): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== "object" || next === null) continue;
    if (Array.isArray(next)) {
      for (const item of next) if (typeof item === "object" && item !== null) pending.push(item);
      continue;
    }
    for (const key in next) {
      count++;
      const item = (next as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) pending.push(item);
    }
  }
  return count;
}

/** Offset of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    if (end < 0) return text.length;
    let backslashes = 0;
    for (let j = end - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

function pointerOf(stack: readonly Frame[]): string {
  let pointer = "";
  for (const frame of stack) pointer += "/" + pointerSegment(frame.at);
  return pointer;
}
