import { createReadStream } from "node:fs";
import { printableText } from "../results/printable.js";
import { openAtomicOutput, outputFailure } from "./atomic-output.js";
import type { Readable, Writable } from "node:stream";

/** The streams a command uses; tests pass their own. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Exit codes: 0 success, 1 some households rejected or tests failed, 2 bad usage or rule set. */
export const EXIT = { ok: 0, rejected: 1, failure: 2 } as const;

export { OutputError, UsageError } from "./cli-errors.js";

/** Writes text or bytes, waiting when the stream's buffer is full (so output of any size streams); rejects if the stream fails. */
export async function write(stream: Writable, text: string | Uint8Array): Promise<void> {
  if (stream.errored) throw outputFailure(stream, stream.errored);
  if (text.length === 0) return;
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off("drain", done);
      stream.off("error", done);
      if (error) reject(outputFailure(stream, error));
      else resolve();
    };
    stream.once("drain", done);
    stream.once("error", done);
  });
}

/** Writes text meant for a person (messages, summaries, explanations), with control characters escaped. */
export function writeText(stream: Writable, text: string): Promise<void> {
  return write(stream, printableText(text));
}

/** Opens the input: a file path, or `-` for standard input. */
export function openInput(path: string, io: CliIo): AsyncIterable<Buffer | string> {
  return path === "-" ? io.stdin : createReadStream(path);
}

/** An output: the stream to write to, `commit` when the run ended normally, `abort` when it did not. */
export interface Output {
  stream: Writable;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Opens an output file (waiting until it is open, so a bad path fails before any work) by way of
 * a temporary file renamed into place on `commit` (see atomic-output), or returns the given stream
 * when no path is set.
 */
export async function openOutput(path: string | undefined, fallback: Writable): Promise<Output> {
  if (!path) return { stream: fallback, commit: () => Promise.resolve(), abort: () => Promise.resolve() };
  return openAtomicOutput(path);
}

/**
 * Runs `work` on an output and commits it when `work` returns, or aborts it (the previous file
 * stays as it was) when `work` throws.
 */
export async function withOutputs<T>(outputs: readonly (Output | null)[], work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    for (const output of outputs) await output?.abort();
    throw error;
  }
  for (const [index, output] of outputs.entries()) {
    try {
      await output?.commit();
    } catch (error) {
      for (const later of outputs.slice(index + 1)) await later?.abort();
      throw error;
    }
  }
  return result;
}
