import { PassThrough, Readable } from "node:stream";
import { runCli } from "../../src/cli/main.js";

/**
 * Runs the command line in-process with the given standard input (text, or bytes as they are, which
 * may be invalid UTF-8); returns what it wrote.
 */
export async function runCliCaptured(
  argv: string[],
  stdin: string | Buffer = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk) => out.push(chunk));
  stderr.on("data", (chunk) => err.push(chunk));
  const code = await runCli(argv, {
    stdin: Readable.from([typeof stdin === "string" ? Buffer.from(stdin) : stdin]),
    stdout,
    stderr,
  });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}
