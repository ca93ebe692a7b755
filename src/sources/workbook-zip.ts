import { statSync } from "node:fs";
import yauzl from "yauzl";

/** A workbook's zip, opened for reading entries by name (random access, through its central directory). */
export interface WorkbookZip {
  /** Uncompressed size of each entry, as the central directory declares it (enforced while reading). */
  sizes: ReadonlyMap<string, number>;
  /** The entry's bytes, streamed; undefined when there is no such entry. */
  chunks(name: string): AsyncIterable<Buffer> | undefined;
  close(): void;
}

/** Why a zip cannot be read, with the numbers the caller turns into a message. */
export type ZipProblem =
  | { kind: "fileTooLarge"; size: number }
  | { kind: "tooManyEntries"; count: number }
  | { kind: "unpacksTooLarge"; size: number; entry: string };

export class ZipLimitError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.kind);
  }
}

export interface ZipLimits {
  fileBytes: number;
  entries: number;
  /** Uncompressed bytes of all entries together. */
  unpackedBytes: number;
}

function open(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    // validateEntrySizes: an entry that inflates to more than its declared size is an error, so the
    // declared sizes checked below bound what reading can produce (a zip bomb cannot lie its way past).
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

function listEntries(zip: yauzl.ZipFile, limits: ZipLimits): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    zip.on("entry", (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      if (entries.size >= limits.entries)
        return reject(new ZipLimitError({ kind: "tooManyEntries", count: zip.entryCount }));
      if (total > limits.unpackedBytes)
        return reject(new ZipLimitError({ kind: "unpacksTooLarge", size: total, entry: entry.fileName }));
      if (!entries.has(entry.fileName)) entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", reject);
    zip.readEntry();
  });
}

/**
 * Opens a workbook's zip after checking, before anything is inflated, its size on disk, its number
 * of entries and the total of their declared uncompressed sizes. Throws {@link ZipLimitError} for a
 * limit, or yauzl's error for a file that is not a zip.
 */
export async function openWorkbookZip(file: string, limits: ZipLimits): Promise<WorkbookZip> {
  const size = statSync(file).size;
  if (size > limits.fileBytes) throw new ZipLimitError({ kind: "fileTooLarge", size });
  const zip = await open(file);
  let entries: Map<string, yauzl.Entry>;
  try {
    if (zip.entryCount > limits.entries) throw new ZipLimitError({ kind: "tooManyEntries", count: zip.entryCount });
    entries = await listEntries(zip, limits);
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    sizes: new Map([...entries].map(([name, entry]) => [name, entry.uncompressedSize])),
    chunks(name) {
      const entry = entries.get(name);
      if (!entry) return undefined;
      return (async function* () {
        const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
          zip.openReadStream(entry, (error, readable) => (error ? reject(error) : resolve(readable))),
        );
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
        } finally {
          (stream as unknown as { destroy?: () => void }).destroy?.();
        }
      })();
    },
    close: () => zip.close(),
  };
}
