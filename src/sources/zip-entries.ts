/**
 * A workbook's zip as table input reads it, whatever opens it: yauzl on a file for the command line
 * (`workbook-zip.ts`), fflate on bytes in memory for the workbench page (`memory-zip.ts`).
 * Both check the same limits before anything is inflated.
 */

/** A workbook's zip, opened for reading entries by name (random access, through its central directory). */
export interface WorkbookZip {
  /** Uncompressed size of each entry, as the central directory declares it (enforced while reading). */
  sizes: ReadonlyMap<string, number>;
  /** The entry's bytes, streamed; undefined when there is no such entry. */
  chunks(name: string): AsyncIterable<Uint8Array> | undefined;
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
