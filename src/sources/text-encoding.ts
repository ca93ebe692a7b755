import type { Language } from "../messages/catalogue.js";
import { InputFormatError } from "./read-households.js";

/**
 * How a county table's bytes become text, in any runtime: which encoding a table is in (UTF-8 or
 * GB18030, told apart line by line), and strict decoding, so bytes that are not text in the encoding
 * are an error naming the table and line — never U+FFFD in a result. The command line reads lines
 * from a file and decodes GB18030 with iconv-lite (`table-decode.ts`); the workbench page has the
 * file's bytes in memory and the browser's own `TextDecoder("gb18030", { fatal: true })`.
 */

/** Encodings a county table may be saved in: UTF-8 (with or without BOM) or GB18030, the superset of GBK. */
export const TABLE_ENCODINGS = ["utf8", "gb18030"] as const;
export type TableEncoding = (typeof TABLE_ENCODINGS)[number];

const NEWLINE = 0x0a;
export const REPLACEMENT = "\uFFFD";
const ENCODING_NAMES: Record<TableEncoding, string> = { utf8: "UTF-8", gb18030: "GB18030/GBK" };

/** A table whose bytes are not text in its encoding: a whole-input error naming the file, line and encoding. */
export class TableDecodeError extends InputFormatError {}

/** GB18030 as a runtime offers it: whether bytes are GB18030 text, and their text (U+FFFD where they are not). */
export interface Gb18030Codec {
  isText(bytes: Uint8Array): boolean;
  decode(bytes: Uint8Array): string;
}

/** The error for bytes of `name` at `line` that are not text in `encoding`, in `language`. */
export function undecodable(
  name: string,
  line: number,
  encoding: TableEncoding,
  language: Language,
  detected: boolean,
): TableDecodeError {
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

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const hasBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/**
 * Tells a table's encoding from its lines, fed one at a time: UTF-8 when every byte is valid UTF-8
 * (a BOM counts as UTF-8), else GB18030 (what Chinese Excel writes for "CSV"). Bytes that are text in
 * both, and say different things in each (anything but ASCII), cannot be told apart: {@link finish}
 * throws E_INPUT_ENCODING showing the first such line both ways.
 */
export class EncodingSniffer {
  private bom = false;
  private alsoGb18030 = true;
  private sample: { line: number; bytes: Uint8Array } | null = null;
  private number = 0;

  constructor(private readonly gb18030: Gb18030Codec) {}

  /** The next line (with its newline); "gb18030" as soon as a line is not UTF-8, else null. */
  line(bytes: Uint8Array): TableEncoding | null {
    this.number++;
    if (this.number === 1 && hasBom(bytes)) this.bom = true;
    try {
      strictUtf8.decode(bytes);
    } catch {
      return "gb18030";
    }
    if (this.bom || !this.alsoGb18030 || !bytes.some((byte) => byte >= 0x80)) return null;
    if (!this.gb18030.isText(bytes)) this.alsoGb18030 = false;
    else this.sample ??= { line: this.number, bytes };
    return null;
  }

  /** After the last line: "utf8", or the error of a table that reads both ways. */
  finish(name: string): TableEncoding {
    if (!this.bom && this.alsoGb18030 && this.sample) {
      const clip = (text: string) => JSON.stringify(text.replace(/\r?\n$/, "").slice(0, 40));
      throw new TableDecodeError(
        {
          id: "encodingAmbiguous",
          values: {
            file: name,
            line: this.sample.line,
            utf8: clip(strictUtf8.decode(this.sample.bytes)),
            gb18030: clip(this.gb18030.decode(this.sample.bytes)),
          },
        },
        "E_INPUT_ENCODING",
      );
    }
    return "utf8";
  }
}

/**
 * One line's text, strictly decoded (line 1 without its UTF-8 BOM). A line that is not text in the
 * encoding, or that holds U+FFFD already (text damaged before: GBK read as UTF-8 and saved again),
 * is an error naming the table and line.
 */
export function decodeLine(
  bytes: Uint8Array,
  line: number,
  encoding: TableEncoding,
  gb18030: Gb18030Codec,
  where: { name: string; language: Language; detected: boolean },
): string {
  if (line === 1 && hasBom(bytes)) bytes = bytes.subarray(3);
  let text: string;
  if (encoding === "utf8") {
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw undecodable(where.name, line, encoding, where.language, where.detected);
    }
  } else text = gb18030.decode(bytes);
  if (text.includes(REPLACEMENT)) throw undecodable(where.name, line, encoding, where.language, where.detected);
  return text;
}

/** The lines of bytes held in memory, each with its newline (LF is never inside a UTF-8 or GB18030 character). */
export function* byteLinesOf(bytes: Uint8Array): Generator<Uint8Array> {
  let start = 0;
  for (let newline = bytes.indexOf(NEWLINE); newline >= 0; newline = bytes.indexOf(NEWLINE, start)) {
    yield bytes.subarray(start, newline + 1);
    start = newline + 1;
  }
  if (start < bytes.length) yield bytes.subarray(start);
}

/**
 * The text of a table held in memory (the workbench's files), decoded as the command line decodes
 * a file: the encoding given, or detected ({@link EncodingSniffer}); strictly, line by line.
 */
export function decodeTableBytes(
  name: string,
  bytes: Uint8Array,
  encoding: TableEncoding | undefined,
  language: Language,
  gb18030: Gb18030Codec,
): string {
  let chosen = encoding;
  if (!chosen) {
    const sniffer = new EncodingSniffer(gb18030);
    for (const line of byteLinesOf(bytes)) if ((chosen = sniffer.line(line) ?? undefined)) break;
    chosen ??= sniffer.finish(name);
  }
  const where = { name, language, detected: encoding === undefined };
  let number = 0;
  const texts: string[] = [];
  for (const line of byteLinesOf(bytes)) texts.push(decodeLine(line, ++number, chosen, gb18030, where));
  return texts.join("");
}

/** GB18030 with the WHATWG decoder that browsers (and Node with full ICU) have: strict, never U+FFFD. */
export function webGb18030(): Gb18030Codec {
  const strict = new TextDecoder("gb18030", { fatal: true });
  const lenient = new TextDecoder("gb18030");
  return {
    isText(bytes) {
      try {
        strict.decode(bytes);
        return true;
      } catch {
        return false;
      }
    },
    decode: (bytes) => lenient.decode(bytes),
  };
}
