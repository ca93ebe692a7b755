import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { DixianError, toPointer, type Problem } from "../errors.js";

/** A JSON file read with positions, so problems can name their line and column. */
export interface JsonSource {
  file: string;
  value: unknown;
  /** Problem located at a path inside this file (the nearest existing node when the path is absent). */
  problemAt(path: readonly PropertyKey[], message: string): Problem;
}

/** Largest rule-set file accepted. */
export const MAX_RULE_FILE_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of objects and arrays a rule file may have (conditions nest a few levels). */
export const MAX_RULE_FILE_DEPTH = 64;

/** The offset where nesting first exceeds `limit`, or -1; strings are skipped. Iterative, so never overflows the stack. */
function nestingTooDeepAt(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  return lineIndex(text)(offset);
}

/**
 * Line and column of an offset, from the offsets where lines start (found once): a loaded rule set
 * records where each rule, parameter and measure came from, hundreds of lookups per file.
 */
function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    // The last line start at or before the offset.
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - lineStarts[low]! + 1 };
  };
}

/** The error for a file over {@link MAX_RULE_FILE_BYTES}. */
export function tooLarge(displayName: string): DixianError {
  const message = `file is larger than ${MAX_RULE_FILE_BYTES} bytes`;
  return new DixianError("E_RULESET_JSON", `${displayName}: ${message}`, [{ file: displayName, path: "", message }]);
}

/**
 * Parses the text of a rule-set file, wherever it came from (a file, a map in memory), so every
 * source is checked the same way; a syntax error becomes an E_RULESET_JSON error with its position.
 */
export function parseJsonSource(text: string, displayName: string): JsonSource {
  // UTF-8 needs at least one byte per UTF-16 unit and at most three.
  if (text.length > MAX_RULE_FILE_BYTES || (text.length * 3 > MAX_RULE_FILE_BYTES && utf8Length(text) > MAX_RULE_FILE_BYTES)) throw tooLarge(displayName);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const tooDeep = nestingTooDeepAt(text, MAX_RULE_FILE_DEPTH);
  if (tooDeep >= 0) {
    const at = lineAndColumn(text, tooDeep);
    const message = `nested more than ${MAX_RULE_FILE_DEPTH} levels deep`;
    throw new DixianError("E_RULESET_JSON", `${displayName}:${at.line}:${at.column} ${message}`, [{ file: displayName, path: "", ...at, message }]);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    const problems = (errors.length ? errors : [{ error: 1, offset: 0, length: 0 } as unknown as ParseError]).map((error) => ({
      file: displayName,
      path: "",
      ...lineAndColumn(text, error.offset),
      message: `invalid JSON: ${errors.length ? printParseErrorCode(error.error) : "empty file"}`,
    }));
    const first = problems[0]!;
    throw new DixianError("E_RULESET_JSON", `${displayName}:${first.line}:${first.column} ${first.message}`, problems);
  }
  const duplicates: Node[] = [];
  const value = nodeValue(root, duplicates);
  if (duplicates.length > 0) {
    const problems = duplicates.map((key) => ({
      file: displayName, path: "", ...lineAndColumn(text, key.offset), message: `duplicate key "${String(key.value)}": the last one would silently win`,
    }));
    throw new DixianError("E_RULESET_JSON", `${displayName}:${problems[0]!.line}:${problems[0]!.column} ${problems[0]!.message}`, problems);
  }
  let locate: ((offset: number) => { line: number; column: number }) | null = null;
  return {
    file: displayName,
    value,
    problemAt(path, message) {
      const segments = path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
      let node: Node | undefined;
      for (let length = segments.length; length >= 0 && !node; length--) {
        node = findNodeAtLocation(root, segments.slice(0, length));
      }
      // Point at the property name when the node is a property value: that is where an author looks.
      const target = node?.parent?.type === "property" && node.parent.children?.[1] === node ? node.parent : node;
      locate ??= lineIndex(text);
      return { file: displayName, path: toPointer(path), ...locate(target?.offset ?? 0), message };
    },
  };
}

/** Builds the value from the parse tree with own properties only ("__proto__" stays a plain key); collects repeated keys. */
function nodeValue(node: Node, duplicates: Node[]): unknown {
  switch (node.type) {
    case "object": {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, child] = property.children ?? [];
        if (!key || !child) continue;
        if (Object.prototype.hasOwnProperty.call(result, String(key.value))) duplicates.push(key);
        Object.defineProperty(result, String(key.value), { value: nodeValue(child, duplicates), enumerable: true, writable: true, configurable: true });
      }
      return result;
    }
    case "array":
      return (node.children ?? []).map((child) => nodeValue(child, duplicates));
    default:
      return node.value;
  }
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
