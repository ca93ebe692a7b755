import { createReadStream } from "node:fs";
import { basename } from "node:path";
import iconv from "iconv-lite";
import type { Language } from "../messages/catalogue.js";
import { InputFormatError } from "./read-households.js";

/** Encodings a county table may be saved in: UTF-8 (with or without BOM) or GB18030, the superset of GBK. */
export const TABLE_ENCODINGS = ["utf8", "gb18030"] as const;
export type TableEncoding = (typeof TABLE_ENCODINGS)[number];

const NEWLINE = 0x0a;
const REPLACEMENT = "\uFFFD";
const ENCODING_NAMES: Record<TableEncoding, string> = { utf8: "UTF-8", gb18030: "GB18030/GBK" };

/** A table whose bytes are not text in its encoding: a whole-input error naming the file, line and encoding. */
export class TableDecodeError extends InputFormatError {}

function undecodable(
  file: string,
  line: number,
  encoding: TableEncoding,
  language: Language,
  detected: boolean,
): TableDecodeError {
  const name = basename(file);
  const hint =
    encoding === "utf8"
      ? language === "en"
        ? "; if the file was saved by Excel as GBK, give --encoding gb18030"
        : "；若文件由 Excel 另存为 GBK，请加 --encoding gb18030"
      : language === "en"
        ? "; save the table again as UTF-8 or GB18030"
        : "；请将表格重新保存为 UTF-8 或 GB18030 编码";
  const how = detected ? (language === "en" ? " (detected)" : "（自动识别）") : "";
  return new TableDecodeError(
    language === "en"
      ? `${name} line ${line} is not valid ${ENCODING_NAMES[encoding]} text${how}${hint}`
      : `${name} 第 ${line} 行不是有效的 ${ENCODING_NAMES[encoding]} 编码文本${how}${hint}`,
  );
}

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

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Whether bytes are GB18030 text: iconv-lite turns what is not into U+FFFD. */
const isGb18030 = (bytes: Buffer) => !iconv.decode(bytes, "gb18030", { stripBOM: false }).includes(REPLACEMENT);

/**
 * Which encoding a table is in: UTF-8 when every byte is valid UTF-8 (a BOM counts as UTF-8), else
 * GB18030 (what Chinese Excel writes for "CSV"). Bytes that are text in both, and say different
 * things in each (anything but ASCII), cannot be told apart: the caller must name the encoding, and
 * the error (E_INPUT_ENCODING) shows the first line both ways. Reads the file once, without keeping it.
 */
export async function detectEncoding(file: string): Promise<TableEncoding> {
  let bom = false;
  let alsoGb18030 = true;
  let sample: { line: number; bytes: Buffer } | null = null;
  let number = 0;
  for await (const line of byteLines(file)) {
    number++;
    if (number === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) bom = true;
    try {
      strictUtf8.decode(line);
    } catch {
      return "gb18030";
    }
    if (bom || !alsoGb18030 || !line.some((byte) => byte >= 0x80)) continue;
    if (!isGb18030(line)) alsoGb18030 = false;
    else sample ??= { line: number, bytes: line };
  }
  if (!bom && alsoGb18030 && sample) {
    const clip = (text: string) => JSON.stringify(text.replace(/\r?\n$/, "").slice(0, 40));
    throw new TableDecodeError(
      {
        id: "encodingAmbiguous",
        values: {
          file: basename(file),
          line: sample.line,
          utf8: clip(strictUtf8.decode(sample.bytes)),
          gb18030: clip(iconv.decode(sample.bytes, "gb18030")),
        },
      },
      "E_INPUT_ENCODING",
    );
  }
  return "utf8";
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
  let line = 0;
  for await (let bytes of byteLines(file)) {
    line++;
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    let text: string;
    if (chosen === "utf8") {
      try {
        text = strictUtf8.decode(bytes);
      } catch {
        throw undecodable(file, line, chosen, language, detected);
      }
    } else {
      // iconv-lite replaces what it cannot decode with U+FFFD: any U+FFFD means the bytes were not GB18030.
      text = iconv.decode(bytes, "gb18030", { stripBOM: false });
    }
    // A U+FFFD already in the file means the text was damaged before (e.g. GBK read as UTF-8 and saved again).
    if (text.includes(REPLACEMENT)) throw undecodable(file, line, chosen, language, detected);
    yield text;
  }
}
