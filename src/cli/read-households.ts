import { LineItem } from "../screening/screen.js";

/** Longest line accepted in NDJSON input; a longer one is rejected without being held in memory. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** A whole-input problem (not one household): the input is not JSON, NDJSON or a JSON array. */
export class InputFormatError extends Error {}

/**
 * Reads households from a byte stream: a JSON array, a single JSON object, or NDJSON (one household
 * per line; blank lines skipped; CRLF accepted; a leading BOM ignored). Yields {@link LineItem}s
 * so a rejection can name its line; a line that is not JSON becomes a LineItem with `jsonError`.
 */
export async function* readHouseholds(input: AsyncIterable<Buffer | string>): AsyncGenerator<LineItem | unknown> {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let pending = "";
  let lineNumber = 0;
  const state = { mode: "unknown" } as { mode: "unknown" | "lines" | "document" };
  const isDocument = () => state.mode === "document";
  let documentText = "";
  let oversized = false;
  let firstLine: { number: number; text: string } | null = null;

  const emitLine = function* (text: string, number: number): Generator<LineItem | unknown> {
    const trimmed = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (trimmed.trim() === "") return;
    if (state.mode === "unknown") {
      const start = trimmed.trimStart();
      if (start.startsWith("[")) {
        state.mode = "document";
        documentText = trimmed + "\n";
        return;
      }
      state.mode = "lines";
      try {
        yield new LineItem(number, JSON.parse(trimmed));
      } catch (error) {
        if (start.startsWith("{")) {
          // Possibly one pretty-printed household: decide once the whole input is read.
          state.mode = "document";
          documentText = trimmed + "\n";
          firstLine = { number, text: trimmed };
          return;
        }
        yield new LineItem(number, undefined, `invalid JSON: ${(error as Error).message}`);
      }
      return;
    }
    try {
      yield new LineItem(number, JSON.parse(trimmed));
    } catch (error) {
      yield new LineItem(number, undefined, `invalid JSON: ${(error as Error).message}`);
    }
  };

  let first = true;
  for await (const chunk of input) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (state.mode === "document") {
      documentText += text;
      continue;
    }
    let start = 0;
    for (let newline = text.indexOf("\n"); newline >= 0; newline = text.indexOf("\n", start)) {
      const piece = text.slice(start, newline);
      start = newline + 1;
      lineNumber++;
      if (oversized) {
        oversized = false;
        pending = "";
        yield new LineItem(lineNumber, undefined, `line is longer than ${MAX_LINE_BYTES} bytes`);
        continue;
      }
      const line = pending + piece;
      pending = "";
      if (isDocument()) documentText += line + "\n";
      else yield* emitLine(line, lineNumber);
    }
    const rest = text.slice(start);
    if (isDocument()) documentText += rest;
    else if (!oversized) {
      pending += rest;
      if (pending.length > MAX_LINE_BYTES) {
        oversized = true;
        pending = "";
      }
    }
  }
  const tail = pending + decoder.decode();
  if (!isDocument()) {
    if (oversized) yield new LineItem(lineNumber + 1, undefined, `line is longer than ${MAX_LINE_BYTES} bytes`);
    else if (tail.length) yield* emitLine(tail, lineNumber + 1);
    if (!isDocument()) return;
  } else documentText += tail;

  let parsed: unknown;
  try {
    parsed = JSON.parse(documentText);
  } catch (error) {
    if (firstLine) {
      // Not one document after all: report the lines as NDJSON would.
      const lines = documentText.split("\n");
      const startAt = (firstLine as { number: number }).number;
      for (const [offset, line] of lines.entries()) {
        const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
        if (trimmed.trim() === "") continue;
        try {
          yield new LineItem(startAt + offset, JSON.parse(trimmed));
        } catch (lineError) {
          yield new LineItem(startAt + offset, undefined, `invalid JSON: ${(lineError as Error).message}`);
        }
      }
      return;
    }
    throw new InputFormatError(`input is not valid JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed)) yield* parsed;
  else yield new LineItem(firstLine ? (firstLine as { number: number }).number : 1, parsed);
}
