import { createReadStream, createWriteStream } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { renderText, type MessageId, type MessageText, type MessageValues } from "../results/messages.js";

/** The streams a command uses; tests pass their own. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Exit codes: 0 success, 1 some households rejected or tests failed, 2 bad usage or rule set. */
export const EXIT = { ok: 0, rejected: 1, failure: 2 } as const;

/**
 * A command-line usage error: printed with the command's help hint, exit 2. It keeps its message
 * unworded, so it is printed in the language of the command line (`--lang`) however early it
 * was found; `message` is the English text.
 */
export class UsageError extends Error {
  readonly text: MessageText;
  constructor(
    id: MessageId,
    values?: MessageValues,
    /** An unknown name and the names known, for a "did you mean" in the printed message. */
    readonly suggest?: { name: string; known: readonly string[] },
  ) {
    super(renderText({ id, values }, "en"));
    this.text = { id, values };
  }
}

/**
 * An output that cannot be written (a missing folder, a closed pipe): reported, never a stack
 * trace. `detail` is the system's error code or message; `message` is the English text.
 */
export class OutputError extends Error {
  constructor(readonly target: string, readonly code: string | undefined, readonly detail: string) {
    super(renderText({ id: "cannotWrite", values: { target, detail } }, "en"));
  }
}

/** Writes text, waiting when the stream's buffer is full (so output of any size streams); rejects if the stream fails. */
export async function write(stream: Writable, text: string): Promise<void> {
  if (stream.errored) throw stream.errored;
  if (text === "") return;
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off("drain", done);
      stream.off("error", done);
      if (error) reject(error);
      else resolve();
    };
    stream.once("drain", done);
    stream.once("error", done);
  });
}

/** Opens the input: a file path, or `-` for standard input. */
export function openInput(path: string, io: CliIo): AsyncIterable<Buffer | string> {
  return path === "-" ? io.stdin : createReadStream(path);
}

/**
 * Opens an output file (waiting until it is open, so a bad path fails before any work), or returns
 * the given stream when no path is set.
 */
export async function openOutput(path: string | undefined, fallback: Writable): Promise<{ stream: Writable; close(): Promise<void> }> {
  if (!path) return { stream: fallback, close: async () => undefined };
  const stream = createWriteStream(path);
  // Keep a listener for the whole life of the stream: an unhandled 'error' event would crash the process.
  stream.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", (error: NodeJS.ErrnoException) => reject(new OutputError(path, error.code, error.code ?? error.message)));
  });
  return {
    stream,
    close: () => new Promise<void>((resolve, reject) => {
      if (stream.errored) return reject(new OutputError(path, undefined, stream.errored.message));
      stream.end((error?: Error | null) => (error ? reject(new OutputError(path, undefined, error.message)) : resolve()));
    }),
  };
}
