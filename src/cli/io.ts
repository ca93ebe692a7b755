import { createReadStream, createWriteStream } from "node:fs";
import type { Readable, Writable } from "node:stream";

/** The streams a command uses; tests pass their own. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Exit codes: 0 success, 1 some households rejected or tests failed, 2 bad usage or rule set. */
export const EXIT = { ok: 0, rejected: 1, failure: 2 } as const;

/** A command-line usage error: printed with the command's help hint, exit 2. */
export class UsageError extends Error {}

/** An output that cannot be written (a missing folder, a closed pipe): reported, never a stack trace. */
export class OutputError extends Error {
  constructor(readonly target: string, readonly code: string | undefined, message: string) {
    super(message);
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
  if (!path) return { stream: fallback, close: () => Promise.resolve() };
  const stream = createWriteStream(path);
  // Keep a listener for the whole life of the stream: an unhandled 'error' event would crash the process.
  stream.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", (error: NodeJS.ErrnoException) => reject(new OutputError(path, error.code, `cannot write ${path}: ${error.code ?? error.message}`)));
  });
  return {
    stream,
    close: () => new Promise<void>((resolve, reject) => {
      if (stream.errored) return reject(new OutputError(path, undefined, `cannot write ${path}: ${stream.errored.message}`));
      stream.end((error?: Error | null) => (error ? reject(new OutputError(path, undefined, `cannot write ${path}: ${error.message}`)) : resolve()));
    }),
  };
}
