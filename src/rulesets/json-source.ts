import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { DixianError, toPointer, type Problem } from "../errors.js";
import { message, type MessageId, type Language } from "../messages/catalogue.js";

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
      if (c === 92)
        i++; // backslash: skip the escaped character
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

/** jsonc-parser's error codes by name (a const enum, so not readable under isolatedModules). */
const PARSE_ERROR_MESSAGES: Record<string, MessageId> = {
  InvalidSymbol: "jsonInvalidSymbol",
  InvalidNumberFormat: "jsonInvalidNumberFormat",
  PropertyNameExpected: "jsonPropertyNameExpected",
  ValueExpected: "jsonValueExpected",
  ColonExpected: "jsonColonExpected",
  CommaExpected: "jsonCommaExpected",
  CloseBraceExpected: "jsonCloseBraceExpected",
  CloseBracketExpected: "jsonCloseBracketExpected",
  EndOfFileExpected: "jsonEndOfFileExpected",
  InvalidCommentToken: "jsonComment",
  UnexpectedEndOfComment: "jsonUnterminatedComment",
  UnexpectedEndOfString: "jsonUnterminatedString",
  UnexpectedEndOfNumber: "jsonUnexpectedEndOfNumber",
  InvalidUnicode: "jsonInvalidUnicode",
  InvalidEscapeCharacter: "jsonInvalidEscape",
  InvalidCharacter: "jsonInvalidCharacter",
};

/** The offset just after the last non-blank character before `offset` (-1 when there is none). */
function endOfPreviousToken(text: string, offset: number): number {
  let i = Math.min(offset, text.length) - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i + 1;
}

/**
 * One syntax error, where the author has to look. jsonc-parser reports a missing comma at the
 * token after it (often the next line), so the problem is placed at the end of the value before
 * it and names that line; a comma before a closing bracket is named as a trailing comma.
 */
function syntaxProblem(
  text: string,
  error: ParseError,
  locate: (offset: number) => { line: number; column: number },
  file: string,
  language: Language,
): Problem {
  const at = locate(error.offset);
  const end = endOfPreviousToken(text, error.offset);
  const before = end > 0 ? locate(end) : at;
  const describe = (detail: string, position: { line: number; column: number }) => ({
    file,
    path: "",
    ...position,
    message: message("invalidJson", language, { detail }),
  });
  const code = printParseErrorCode(error.error);
  if (code === "CommaExpected" && end > 0) {
    const id = before.line === at.line ? "jsonMissingCommaInLine" : "jsonMissingComma";
    return describe(message(id, language, { line: before.line, nextLine: at.line, nextColumn: at.column }), before);
  }
  const closing = text[error.offset];
  if (
    (code === "PropertyNameExpected" || code === "ValueExpected") &&
    end > 0 &&
    text[end - 1] === "," &&
    (closing === "}" || closing === "]")
  ) {
    const comma = locate(end - 1);
    return describe(message("jsonTrailingComma", language, comma), comma);
  }
  const id = PARSE_ERROR_MESSAGES[code] ?? "jsonSyntax";
  return describe(message(id, language), at);
}

/** The error for a file over {@link MAX_RULE_FILE_BYTES}, in `language`. */
export function tooLarge(displayName: string, language: Language = "zh"): DixianError {
  const problem = message("fileTooLarge", language, { bytes: MAX_RULE_FILE_BYTES });
  return new DixianError("E_RULESET_JSON", `${displayName}: ${problem}`, [
    { file: displayName, path: "", message: problem },
  ]);
}

/**
 * Parses the text of a rule-set file, wherever it came from (a file, a map in memory), so every
 * source is checked the same way; a syntax error becomes an E_RULESET_JSON error with its position.
 * Messages are in `language` (Chinese by default).
 */
export function parseJsonSource(text: string, displayName: string, language: Language = "zh"): JsonSource {
  // UTF-8 needs at least one byte per UTF-16 unit and at most three.
  if (
    text.length > MAX_RULE_FILE_BYTES ||
    (text.length * 3 > MAX_RULE_FILE_BYTES && utf8Length(text) > MAX_RULE_FILE_BYTES)
  )
    throw tooLarge(displayName, language);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const tooDeep = nestingTooDeepAt(text, MAX_RULE_FILE_DEPTH);
  if (tooDeep >= 0) {
    const at = lineAndColumn(text, tooDeep);
    const problem = message("nestedTooDeep", language, { depth: MAX_RULE_FILE_DEPTH });
    throw new DixianError("E_RULESET_JSON", `${displayName}:${at.line}:${at.column} ${problem}`, [
      { file: displayName, path: "", ...at, message: problem },
    ]);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    const locate = lineIndex(text);
    // The parser may report one slip twice (a trailing comma ends both a value and an object).
    const seen = new Set<string>();
    const problems = errors.length
      ? errors
          .map((error) => syntaxProblem(text, error, locate, displayName, language))
          .filter((problem) => {
            const key = `${problem.line}:${problem.column}:${problem.message}`;
            return seen.has(key) ? false : (seen.add(key), true);
          })
      : [
          {
            file: displayName,
            path: "",
            line: 1,
            column: 1,
            message: message("invalidJson", language, { detail: message("jsonEmptyFile", language) }),
          },
        ];
    const first = problems[0]!;
    throw new DixianError("E_RULESET_JSON", `${displayName}:${first.line}:${first.column} ${first.message}`, problems);
  }
  const duplicates: Node[] = [];
  const value = nodeValue(root, duplicates);
  if (duplicates.length > 0) {
    const problems = duplicates.map((key) => ({
      file: displayName,
      path: "",
      ...lineAndColumn(text, key.offset),
      message: message("duplicateKey", language, { key: String(key.value) }),
    }));
    throw new DixianError(
      "E_RULESET_JSON",
      `${displayName}:${problems[0]!.line}:${problems[0]!.column} ${problems[0]!.message}`,
      problems,
    );
  }
  let locate: ((offset: number) => { line: number; column: number }) | null = null;
  return {
    file: displayName,
    value,
    problemAt(path, problem) {
      const segments = path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
      let node: Node | undefined;
      for (let length = segments.length; length >= 0 && !node; length--) {
        node = findNodeAtLocation(root, segments.slice(0, length));
      }
      // Point at the property name when the node is a property value: that is where an author looks.
      const target = node?.parent?.type === "property" && node.parent.children?.[1] === node ? node.parent : node;
      locate ??= lineIndex(text);
      return { file: displayName, path: toPointer(path), ...locate(target?.offset ?? 0), message: problem };
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
        Object.defineProperty(result, String(key.value), {
          value: nodeValue(child, duplicates),
          enumerable: true,
          writable: true,
          configurable: true,
        });
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
