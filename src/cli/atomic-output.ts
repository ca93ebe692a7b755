import {
  closeSync,
  linkSync,
  createWriteStream,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import { OutputError, UsageError } from "./cli-errors.js";

/**
 * Every file the command line writes goes through this module: the data is written to a temporary
 * file beside the target and renamed over it only when the run ends normally. A run that fails, is
 * interrupted (SIGINT, SIGTERM) or is killed leaves the previous file as it was; the temporary file
 * is removed, except after SIGKILL, which no process can catch.
 */

/** An output file being written: `commit` puts it in place, `abort` throws it away. */
export interface AtomicOutput {
  /** Where the data goes until `commit`. */
  stream: Writable;
  /** Ends the stream and renames the temporary file over the target. */
  commit(): Promise<void>;
  /** Ends the stream and removes the temporary file; the target is untouched. Never throws. */
  abort(): Promise<void>;
}

/** Temporary files of this process not yet renamed or removed, to remove on a signal or at exit. */
const liveTemporaries = new Set<string>();
let handlersInstalled = false;

function removeQuietly(path: string): void {
  try {
    // A temporary file, or the temporary folder of writeFolderAtomically.
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Already gone, or never created: nothing to clean up.
  }
  liveTemporaries.delete(path);
}

function removeAllTemporaries(): void {
  for (const path of [...liveTemporaries]) removeQuietly(path);
}

function onSignal(signal: NodeJS.Signals): void {
  removeAllTemporaries();
  uninstallHandlers();
  // Die of the signal as the default handler would, so the parent sees the usual status (130, 143).
  process.kill(process.pid, signal);
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on("exit", removeAllTemporaries);
}

function uninstallHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off("exit", removeAllTemporaries);
}

function settled(path: string): void {
  liveTemporaries.delete(path);
  if (liveTemporaries.size === 0) uninstallHandlers();
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Where the data really goes: a symlink's target (so the link survives), and whether the target
 * is a device or pipe (`/dev/null`, `/dev/stdout`), which is written directly: it cannot be
 * replaced by renaming, and has no previous contents to keep.
 */
function resolveTarget(path: string): { target: string; direct: boolean; mode: number } {
  const stats = statOrNull(path);
  if (stats?.isDirectory()) throw new UsageError("outputIsFolder", { path });
  if (stats && !stats.isFile()) return { target: path, direct: true, mode: 0o666 };
  let target = resolve(path);
  try {
    target = realpathSync(path);
  } catch {
    // Not there yet: the folder must be (it is checked when the temporary file is created).
  }
  return { target, direct: false, mode: stats ? stats.mode & 0o777 : 0o666 };
}

function temporaryBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
}

/** The path each output stream writes, so a failed write names its file (a full disk, say). */
const streamTargets = new WeakMap<Writable, string>();

/** A failed write on a stream: an {@link OutputError} naming the file when the stream is an output file's. */
export function outputFailure(stream: Writable, error: Error): Error {
  if (error instanceof OutputError) return error;
  const path = streamTargets.get(stream);
  return path === undefined ? error : cannotWrite(path, error);
}

function cannotWrite(path: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException)?.code;
  return new OutputError(path, code, code ?? (error as Error)?.message ?? String(error));
}

function endStream(stream: Writable): Promise<Error | null> {
  return new Promise((resolveEnd) => {
    if (stream.errored) return resolveEnd(stream.errored);
    if (stream.writableFinished || stream.destroyed) return resolveEnd(null);
    stream.end((error?: Error | null) => resolveEnd(error ?? null));
  });
}

/**
 * Opens an output file for writing (waiting until the temporary file is open, so a bad folder
 * fails before any work).
 */
export async function openAtomicOutput(path: string): Promise<AtomicOutput> {
  const { target, direct, mode } = resolveTarget(path);
  const written = direct ? target : temporaryBeside(target);
  if (!direct) {
    installHandlers();
    liveTemporaries.add(written);
  }
  const stream = createWriteStream(written, direct ? { flags: "w" } : { flags: "wx", mode });
  streamTargets.set(stream, path);
  // Keep a listener for the whole life of the stream: an unhandled 'error' event would crash the process.
  stream.on("error", () => undefined);
  try {
    await new Promise<void>((resolveOpen, reject) => {
      stream.once("ready", () => resolveOpen());
      stream.once("error", reject);
    });
  } catch (error) {
    if (!direct) {
      removeQuietly(written);
      settled(written);
    }
    throw cannotWrite(path, error);
  }
  let done = false;
  return {
    stream,
    async commit() {
      if (done) return;
      done = true;
      const error = await endStream(stream);
      if (direct) {
        if (error) throw cannotWrite(path, error);
        return;
      }
      try {
        if (error) throw error;
        renameSync(written, target);
      } catch (failure) {
        removeQuietly(written);
        throw cannotWrite(path, failure);
      } finally {
        settled(written);
      }
    },
    async abort() {
      if (done) return;
      done = true;
      await endStream(stream);
      if (!direct) {
        removeQuietly(written);
        settled(written);
      }
    },
  };
}

/** Writes a whole file at once, by the same temporary-file-and-rename route. */
export function writeFileAtomically(path: string, data: string | Uint8Array): void {
  writeFilesAtomically([{ path, data }]);
}

/** A file's temporary copy written whole and synced, not yet renamed into place. */
function writeTemporary(path: string, data: string | Uint8Array): { target: string; written: string; direct: boolean } {
  const { target, direct, mode } = resolveTarget(path);
  const written = direct ? target : temporaryBeside(target);
  if (!direct) {
    installHandlers();
    liveTemporaries.add(written);
  }
  let fd: number | null = null;
  try {
    fd = openSync(written, direct ? "w" : "wx", mode);
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    if (!direct && fstatSync(fd).isFile()) fsyncSync(fd);
    closeSync(fd);
    fd = null;
    return { target, written, direct };
  } catch (error) {
    if (fd !== null) closeSync(fd);
    if (!direct) {
      removeQuietly(written);
      settled(written);
    }
    throw cannotWrite(path, error);
  }
}

/**
 * Writes a set of files that belong together (a report's JSON, HTML and workbook): all of them are
 * replaced, or none. Every file is written to its temporary copy first, so a disk that fills up
 * midway leaves every previous file in place; then each previous file is kept under a hard link
 * while the new ones are renamed in, and put back if a rename fails.
 */
export function writeFilesAtomically(files: readonly { path: string; data: string | Uint8Array }[]): void {
  const written: { path: string; target: string; written: string; direct: boolean }[] = [];
  const discard = () => {
    for (const file of written)
      if (!file.direct) {
        removeQuietly(file.written);
        settled(file.written);
      }
  };
  try {
    for (const { path, data } of files) written.push({ path, ...writeTemporary(path, data) });
  } catch (error) {
    discard();
    throw error;
  }
  const replaced: { target: string; backup: string | null }[] = [];
  try {
    for (const file of written) {
      if (file.direct) continue;
      let backup: string | null = null;
      if (statOrNull(file.target)) {
        backup = temporaryBeside(file.target);
        liveTemporaries.add(backup);
        try {
          linkSync(file.target, backup);
        } catch (error) {
          removeQuietly(backup);
          throw cannotWrite(file.path, error);
        }
      }
      try {
        renameSync(file.written, file.target);
      } catch (error) {
        if (backup) removeQuietly(backup);
        throw cannotWrite(file.path, error);
      }
      settled(file.written);
      replaced.push({ target: file.target, backup });
    }
  } catch (error) {
    // Put back what was there before the files already renamed in; a file that is new goes.
    for (const { target, backup } of replaced.reverse()) {
      try {
        if (backup) renameSync(backup, target);
        else unlinkSync(target);
      } catch {
        // Nothing more can be done: the error below names the file that failed.
      }
      if (backup) settled(backup);
    }
    discard();
    throw error;
  }
  for (const { backup } of replaced)
    if (backup) {
      removeQuietly(backup);
      settled(backup);
    }
}

/** Writes one whole file into a folder being built, and makes sure it is on disk before the folder is renamed. */
function writeNewFile(path: string, data: string): void {
  const fd = openSync(path, "wx", 0o666);
  try {
    const bytes = Buffer.from(data, "utf8");
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a new folder whole (`dixian init-overlay`): its files, by path relative to it, go into a
 * temporary folder beside it, which is renamed into place once every file is written — so an
 * interrupted or failed run leaves no half-written folder. The folder must not exist, or be
 * empty; the folders above it are made when missing.
 */
export function writeFolderAtomically(path: string, files: Readonly<Record<string, string>>): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const written = temporaryBeside(target);
  installHandlers();
  liveTemporaries.add(written);
  try {
    mkdirSync(written);
    for (const [relative, data] of Object.entries(files)) {
      const file = join(written, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeNewFile(file, data);
    }
    try {
      renameSync(written, target);
    } catch (error) {
      // An empty folder already there: some systems rename over it, others need it removed first.
      const empty = statOrNull(target)?.isDirectory() === true && readdirSync(target).length === 0;
      if (!empty) throw error;
      rmdirSync(target);
      renameSync(written, target);
    }
  } catch (error) {
    removeQuietly(written);
    throw cannotWrite(path, error);
  } finally {
    settled(written);
  }
}

/** A file named on the command line, with the option (or "input") that named it. */
export interface NamedPath {
  label: string;
  path: string;
}

/** The identity of a path: device and inode when it exists, else its resolved location. */
function identity(path: string): string {
  if (path === "-") {
    try {
      const stats = fstatSync(0);
      return stats.isFile() ? `${stats.dev}:${stats.ino}` : "stdin";
    } catch {
      return "stdin";
    }
  }
  const stats = statOrNull(path);
  if (stats) return `${stats.dev}:${stats.ino}`;
  let folder = resolve(dirname(path));
  try {
    folder = realpathSync(folder);
  } catch {
    // A folder that does not exist: the open will say so.
  }
  return `path:${join(folder, basename(path))}`;
}

/**
 * Refuses outputs that name an input or each other (the same file by inode, through symlinks or
 * hard links alike), before anything is opened: writing the results over the households being
 * read, or two outputs into one file, loses data.
 */
export function refuseClashingPaths(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): void {
  const seen = new Map<string, NamedPath>();
  for (const input of inputs) {
    const id = identity(input.path);
    if (id !== "stdin" && !seen.has(id)) seen.set(id, input);
  }
  for (const output of outputs) {
    const stats = output.path === "-" ? null : statOrNull(output.path);
    // Devices (/dev/null) may be named more than once.
    if (stats && !stats.isFile() && !stats.isDirectory()) continue;
    const id = identity(output.path);
    const clash = seen.get(id);
    if (clash)
      throw new UsageError("outputClashes", {
        label: output.label,
        path: output.path,
        otherLabel: clash.label,
        otherPath: clash.path,
      });
    seen.set(id, output);
  }
}
