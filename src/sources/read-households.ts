import type { ErrorCode } from "../errors.js";
import { parseTree, printParseErrorCode, type ParseError } from "jsonc-parser";
import { findDuplicateKeys, type DuplicateKey } from "../input/duplicate-keys.js";
import { message, renderText, type MessageText, type Language } from "../messages/catalogue.js";
import { parseSourceItem, type SourceItem } from "./source-item.js";

export type { SourceItem } from "./source-item.js";
export { parseSourceItem } from "./source-item.js";

/** Longest line accepted in NDJSON input; a longer one is rejected without being held in memory. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Largest JSON array (or pretty-printed object) read as a whole; larger inputs must be NDJSON. */
export const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;

/**
 * A whole-input problem (not one household): the input is not JSON, NDJSON or a JSON array. Given
 * a {@link MessageText}, it is worded in the command line's language when printed (`message` is
 * the English text); given a string, that string is printed.
 */
export class InputFormatError extends Error {
  readonly text: MessageText | null;
  constructor(
    text: string | MessageText,
    /** The code printed with the message (docs/errors.md): E_INPUT_JSON unless a more precise one applies. */
    readonly code: ErrorCode = "E_INPUT_JSON",
  ) {
    super(typeof text === "string" ? text : renderText(text, "en"));
    this.text = typeof text === "string" ? null : text;
  }
}

const NEWLINE = 0x0a;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads household sources from a byte stream: NDJSON (one household per line; blank lines skipped;
 * CRLF accepted; a BOM ignored), a JSON array, or one JSON object (pretty-printed or not). Lines are
 * split on bytes and decoded strictly, so invalid UTF-8 is reported for its line rather than
 * silently replaced; a line longer than {@link MAX_LINE_BYTES} is reported without being held.
 * Problems are worded in `language`.
 */
export async function* readHouseholdSources(
  input: AsyncIterable<Buffer | string>,
  language: Language = "zh",
): AsyncGenerator<SourceItem> {
  let mode = "detect" as "detect" | "lines" | "document";
  let documentParts: string[] = [];
  let documentBytes = 0;
  let documentStartLine = 0;
  let documentMayBeLines = false;
  let lineNumber = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversized = false;
  let first = true;

  /** The input turned out not to be one JSON document: report what was gathered line by line. */
  function* documentAsLines(): Generator<SourceItem> {
    mode = "lines";
    const parts = documentParts;
    documentParts = [];
    for (const [offset, text] of parts.entries())
      if (text.trim()) yield { kind: "line", line: documentStartLine + offset, text };
  }

  function* takeLine(bytes: Buffer): Generator<SourceItem> {
    lineNumber++;
    if (first) {
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      first = false;
    }
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      if (mode === "document") yield* documentAsLines();
      mode = "lines";
      yield { kind: "error", line: lineNumber, message: message("lineNotUtf8", language) };
      return;
    }
    if (text.endsWith("\r")) text = text.slice(0, -1);
    if (mode === "document") {
      documentBytes += bytes.length + 1;
      if (documentBytes > MAX_DOCUMENT_BYTES)
        throw new InputFormatError({ id: "documentTooLarge", values: { bytes: MAX_DOCUMENT_BYTES } });
      documentParts.push(text);
      return;
    }
    const trimmed = text.trim();
    if (trimmed === "") return;
    if (mode === "detect") {
      if (trimmed.startsWith("[") || (trimmed.startsWith("{") && !parses(trimmed))) {
        mode = "document";
        documentMayBeLines = true;
        documentStartLine = lineNumber;
        documentParts = [text];
        documentBytes = bytes.length;
        return;
      }
      mode = "lines";
    }
    yield { kind: "line", line: lineNumber, text };
  }

  for await (const chunk of input) {
    let buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    for (let newline = buffer.indexOf(NEWLINE); newline >= 0; newline = buffer.indexOf(NEWLINE)) {
      const piece = buffer.subarray(0, newline);
      buffer = buffer.subarray(newline + 1);
      if (oversized) {
        lineNumber++;
        oversized = false;
        pending = [];
        pendingBytes = 0;
        if (mode === "document") yield* documentAsLines();
        mode = "lines";
        yield { kind: "error", line: lineNumber, message: message("lineTooLong", language, { bytes: MAX_LINE_BYTES }) };
        continue;
      }
      const line = pending.length ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      pendingBytes = 0;
      yield* takeLine(line);
    }
    if (buffer.length && !oversized) {
      pending.push(Buffer.from(buffer));
      pendingBytes += buffer.length;
      if (pendingBytes > MAX_LINE_BYTES) {
        oversized = true;
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (oversized) {
    lineNumber++;
    if (mode === "document") yield* documentAsLines();
    yield { kind: "error", line: lineNumber, message: message("lineTooLong", language, { bytes: MAX_LINE_BYTES }) };
  } else if (pendingBytes > 0) {
    yield* takeLine(Buffer.concat(pending));
  }
  if (mode !== "document") return;

  const documentText = documentParts.join("\n");
  documentParts = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(documentText);
  } catch (error) {
    // A JSON array is one document: a syntax error in it is one error at its position, not a
    // rejection per line.
    if (!documentMayBeLines || documentText.trimStart().startsWith("[")) {
      const at = syntaxErrorPosition(documentText);
      if (!at) throw new InputFormatError({ id: "inputNotJson", values: { detail: (error as Error).message } });
      throw new InputFormatError({
        id: "inputNotJsonAt",
        values: { line: documentStartLine + at.line - 1, column: at.column, detail: at.message },
      });
    }
    // It began like one JSON object but is not one: read it as NDJSON, so every line is accounted for.
    for (const [offset, text] of documentText.split("\n").entries()) {
      if (text.trim()) yield { kind: "line", line: documentStartLine + offset, text };
    }
    return;
  }
  const duplicates = new Map(findDuplicateKeys(documentText).map((duplicate) => [duplicate.element, duplicate]));
  const lineOf = (offset: number) => documentStartLine + countNewlines(documentText, offset);
  const duplicateItem = (duplicate: DuplicateKey): SourceItem => ({
    kind: "error",
    line: lineOf(duplicate.offset),
    message: duplicateKeyMessage(duplicate, language),
    path: duplicate.path,
  });
  if (Array.isArray(parsed)) {
    for (const [index, value] of parsed.entries()) {
      const duplicate = duplicates.get(index);
      yield duplicate ? duplicateItem(duplicate) : { kind: "value", value };
    }
  } else {
    const duplicate = duplicates.get(-1);
    yield duplicate ? duplicateItem(duplicate) : { kind: "value", line: documentStartLine, value: parsed };
  }
}

function duplicateKeyMessage(duplicate: DuplicateKey, language: Language): string {
  return message("duplicateKey", language, { key: duplicate.key });
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/** Line, column (1-based) and description of the first syntax error of a text that is not JSON. */
function syntaxErrorPosition(text: string): { line: number; column: number; message: string } | null {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return null;
  const lineStart = text.lastIndexOf("\n", first.offset - 1) + 1;
  return {
    line: countNewlines(text, first.offset) + 1,
    column: first.offset - lineStart + 1,
    message: printParseErrorCode(first.error),
  };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Reads households (parsed) from a byte stream; see {@link readHouseholdSources}. */
export async function* readHouseholds(
  input: AsyncIterable<Buffer | string>,
  language: Language = "zh",
): AsyncGenerator<unknown> {
  for await (const item of readHouseholdSources(input, language)) yield parseSourceItem(item, language);
}
