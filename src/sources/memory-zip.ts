import { unzipSync } from "fflate";
import { ZipLimitError, type WorkbookZip, type ZipLimits } from "./zip-entries.js";

/** Bytes handed to the XML parser at a time, so a sheet is parsed in steps as a file's stream is. */
const CHUNK_BYTES = 64 * 1024;

/**
 * A workbook's zip held in memory (a file chosen in the workbench page), read with fflate. The same
 * limits as a file's zip are checked first, from the central directory and before anything is
 * inflated: the size, the number of entries and the total of their declared uncompressed sizes.
 * An entry is inflated into a buffer of its declared size, so a zip that lies about a size cannot
 * take more memory than it declared (what it inflates beyond is cut off, and the XML left is not
 * readable). Throws {@link ZipLimitError} for a limit, fflate's error for bytes that are not a zip.
 */
export function memoryZip(bytes: Uint8Array, limits: ZipLimits): WorkbookZip {
  if (bytes.length > limits.fileBytes) throw new ZipLimitError({ kind: "fileTooLarge", size: bytes.length });
  const sizes = new Map<string, number>();
  let count = 0;
  let total = 0;
  let tooLarge: { size: number; entry: string } | null = null;
  unzipSync(bytes, {
    filter(entry) {
      count++;
      if (count > limits.entries || tooLarge) return false;
      total += entry.originalSize;
      if (total > limits.unpackedBytes) tooLarge = { size: total, entry: entry.name };
      else if (!sizes.has(entry.name)) sizes.set(entry.name, entry.originalSize);
      return false;
    },
  });
  if (count > limits.entries) throw new ZipLimitError({ kind: "tooManyEntries", count });
  if (tooLarge) throw new ZipLimitError({ kind: "unpacksTooLarge", ...(tooLarge as { size: number; entry: string }) });
  return {
    sizes,
    chunks(name) {
      if (!sizes.has(name)) return undefined;
      // eslint-disable-next-line @typescript-eslint/require-await -- an entry in memory is read at once
      return (async function* () {
        // The first entry of the name, as a file's zip is read.
        let taken = false;
        const entry = unzipSync(bytes, {
          filter: (candidate) => candidate.name === name && !taken && (taken = true),
        })[name]!;
        for (let start = 0; start < entry.length; start += CHUNK_BYTES)
          yield entry.subarray(start, start + CHUNK_BYTES);
      })();
    },
    close: () => undefined,
  };
}
