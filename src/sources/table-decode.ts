import { createReadStream } from "node:fs";
import { basename } from "node:path";
import iconv from "iconv-lite";
import type { Language } from "../messages/catalogue.js";
import { decodeLine, EncodingSniffer, REPLACEMENT, type Gb18030Codec, type TableEncoding } from "./text-encoding.js";

export { TABLE_ENCODINGS, TableDecodeError, type TableEncoding } from "./text-encoding.js";

const NEWLINE = 0x0a;

/** Byte lines of a file (split on LF, which neither UTF-8 nor GB18030 uses inside a character). */
async function* byteLines(file: string): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline >= 0; newline = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, newline + 1);
      yield pending.length ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      start = newline + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length) yield Buffer.concat(pending);
}

/** GB18030 by iconv-lite, which turns what is not GB18030 into U+FFFD. */
const gb18030Text = (bytes: Uint8Array) =>
  iconv.decode(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), "gb18030", { stripBOM: false });
const ICONV_GB18030: Gb18030Codec = {
  isText: (bytes) => !gb18030Text(bytes).includes(REPLACEMENT),
  decode: gb18030Text,
};

/**
 * Which encoding a table is in: UTF-8 when every byte is valid UTF-8 (a BOM counts as UTF-8), else
 * GB18030 (what Chinese Excel writes for "CSV"). Bytes that are text in both, and say different
 * things in each (anything but ASCII), cannot be told apart: the caller must name the encoding, and
 * the error (E_INPUT_ENCODING) shows the first line both ways. Reads the file once, without keeping it.
 */
export async function detectEncoding(file: string): Promise<TableEncoding> {
  const sniffer = new EncodingSniffer(ICONV_GB18030);
  for await (const line of byteLines(file)) if (sniffer.line(line)) return "gb18030";
  return sniffer.finish(basename(file));
}

/**
 * The text of a table, line by line as read (streamed): strictly decoded, so a byte sequence that is
 * not text in the encoding is an error naming file, line and encoding, never U+FFFD in a result.
 * A UTF-8 BOM is dropped. `encoding` undefined: detected with {@link detectEncoding}; `detected`
 * says the caller detected it (for the message).
 */
export async function* decodeTable(
  file: string,
  encoding: TableEncoding | undefined,
  language: Language,
  detected = encoding === undefined,
): AsyncGenerator<string> {
  const chosen = encoding ?? (await detectEncoding(file));
  const where = { name: basename(file), language, detected };
  let line = 0;
  for await (const bytes of byteLines(file)) yield decodeLine(bytes, ++line, chosen, ICONV_GB18030, where);
}
