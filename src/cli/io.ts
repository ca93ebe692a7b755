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

/** Writes text, waiting when the stream's buffer is full (so output of any size streams). */
export async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once("drain", resolve));
}

/** Opens the input: a file path, or `-` for standard input. */
export function openInput(path: string, io: CliIo): AsyncIterable<Buffer | string> {
  return path === "-" ? io.stdin : createReadStream(path);
}

/** Opens an output file, or returns the given stream when no path is set. */
export function openOutput(path: string | undefined, fallback: Writable): { stream: Writable; close(): Promise<void> } {
  if (!path) return { stream: fallback, close: async () => undefined };
  const stream = createWriteStream(path);
  return {
    stream,
    close: () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))),
  };
}
