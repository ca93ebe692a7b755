import { SaxesParser } from "saxes";

/**
 * The parts of an `.xlsx` workbook that table input reads (ECMA-376, SpreadsheetML), parsed as
 * streams of XML events with saxes, so no part is ever held whole: the workbook's sheet names, the
 * shared strings, which cell styles are dates, and each sheet's rows, merged ranges and used range.
 */

type XmlEvent =
  | { type: "open"; name: string; attributes: Record<string, string> }
  | { type: "text"; text: string }
  | { type: "close"; name: string };

/** Without its namespace prefix: some writers (the Open XML SDK) spell `<x:row>`. */
const local = (name: string) => name.slice(name.indexOf(":") + 1);

/** The XML events of an entry, a chunk's worth at a time. */
export async function* xmlEvents(chunks: AsyncIterable<Buffer>): AsyncGenerator<XmlEvent[]> {
  const parser = new SaxesParser();
  const decoder = new TextDecoder("utf-8");
  let events: XmlEvent[] = [];
  const failures: Error[] = [];
  parser.on("error", (error) => failures.push(error));
  parser.on("opentag", (node) => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(node.attributes as Record<string, string>))
      attributes[local(name)] = value;
    events.push({ type: "open", name: local(node.name), attributes });
    // A self-closing tag is reported as open and close alike.
    if (node.isSelfClosing) events.push({ type: "close", name: local(node.name) });
  });
  parser.on("text", (text) => events.push({ type: "text", text }));
  parser.on("cdata", (text) => events.push({ type: "text", text }));
  parser.on("closetag", (node) => {
    if (!node.isSelfClosing) events.push({ type: "close", name: local(node.name) });
  });
  for await (const chunk of chunks) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failures.length) throw failures[0]!;
    if (events.length) yield events;
    events = [];
  }
  parser.write(decoder.decode());
  parser.close();
  if (failures.length) throw failures[0]!;
  if (events.length) yield events;
}

/** A sheet as the workbook lists it: its name and the zip entry of its XML. */
export interface SheetEntry {
  name: string;
  path: string;
}

/** Resolves a relationship target (relative to `xl/`, or absolute from the package root). */
function resolveTarget(target: string, base = "xl/"): string {
  const parts = (target.startsWith("/") ? target.slice(1) : base + target).split("/");
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === "..") resolved.pop();
    else if (part !== "." && part !== "") resolved.push(part);
  }
  return resolved.join("/");
}

/** Id → target of a relationships part. */
export async function readRelationships(chunks: AsyncIterable<Buffer>, base: string): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  for await (const events of xmlEvents(chunks))
    for (const event of events)
      if (event.type === "open" && event.name === "Relationship" && event.attributes.Id && event.attributes.Target)
        targets.set(event.attributes.Id, resolveTarget(event.attributes.Target, base));
  return targets;
}

/** The sheets of `xl/workbook.xml`, in order, and whether dates count from 1904. */
export async function readWorkbookPart(
  chunks: AsyncIterable<Buffer>,
  relationships: ReadonlyMap<string, string>,
): Promise<{ sheets: SheetEntry[]; date1904: boolean }> {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  for await (const events of xmlEvents(chunks)) {
    for (const event of events) {
      if (event.type !== "open") continue;
      if (event.name === "workbookPr") date1904 = ["1", "true"].includes(event.attributes.date1904 ?? "");
      if (event.name === "sheet" && event.attributes.name !== undefined) {
        const path = relationships.get(event.attributes.id ?? "");
        if (path) sheets.push({ name: event.attributes.name, path });
      }
    }
  }
  return { sheets, date1904 };
}

/** The shared strings, each the plain text of its runs (phonetic guides left out). */
export async function readSharedStrings(chunks: AsyncIterable<Buffer>): Promise<string[]> {
  const strings: string[] = [];
  let text = "";
  let inText = false;
  let phonetic = 0;
  for await (const events of xmlEvents(chunks)) {
    for (const event of events) {
      if (event.type === "open") {
        if (event.name === "si") text = "";
        else if (event.name === "rPh") phonetic++;
        else if (event.name === "t") inText = phonetic === 0;
      } else if (event.type === "text") {
        if (inText) text += event.text;
      } else if (event.name === "t") inText = false;
      else if (event.name === "rPh") phonetic--;
      else if (event.name === "si") strings.push(text);
    }
  }
  return strings;
}

/** Built-in number formats that show dates (with the ids Chinese, Japanese and Korean Excel use for theirs). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Whether a custom number format shows a date or time: a date code outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, "")
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "");
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** The indexes of the cell formats (`cellXfs`) that show dates. */
export async function readDateStyles(chunks: AsyncIterable<Buffer>): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const dates = new Set<number>();
  let inCellXfs = false;
  let index = 0;
  for await (const events of xmlEvents(chunks)) {
    for (const event of events) {
      if (event.type === "open" && event.name === "numFmt")
        custom.set(Number(event.attributes.numFmtId), event.attributes.formatCode ?? "");
      else if (event.type === "open" && event.name === "cellXfs") inCellXfs = true;
      else if (event.type === "close" && event.name === "cellXfs") inCellXfs = false;
      else if (event.type === "open" && event.name === "xf" && inCellXfs) {
        const id = Number(event.attributes.numFmtId ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id)) dates.add(index);
        index++;
      }
    }
  }
  return dates;
}

/** What reading a sheet's cells needs from the rest of the workbook. */
export interface CellContext {
  sharedStrings: readonly string[];
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
}

/** One cell as read: its text, and what makes it not plain data (a formula, an error value). */
export interface SheetCell {
  /** 1-based column. */
  column: number;
  ref: string;
  text: string;
  /** The formula, when the cell has one (its cached result is `text`). */
  formula?: string;
  /** A formula with no saved result: its value cannot be read. */
  noValue?: boolean;
  /** An error value (`#DIV/0!`, `#REF!`). */
  error?: string;
}

export type SheetItem =
  | { kind: "dimension"; ref: string }
  | { kind: "row"; number: number; cells: SheetCell[] }
  | { kind: "merge"; ref: string };

/** `AB12` → column 28, row 12; null when it is not a cell reference. */
export function decodeRef(ref: string): { column: number; row: number } | null {
  const match = /^\$?([A-Za-z]{1,7})\$?(\d{1,10})$/.exec(ref);
  if (!match) return null;
  let column = 0;
  for (const letter of match[1]!.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return { column, row: Number(match[2]) };
}

/** Column 28 → `AB`. */
export function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const MS_PER_DAY = 86_400_000;

/** An Excel date serial as `YYYY-MM-DD` (the 1900 system counts from 1899-12-30, the 1904 system from 1904-01-01). */
function serialDate(serial: number, date1904: boolean): string {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

interface PendingCell {
  ref: string;
  column: number;
  type: string;
  style: number;
  value: string | null;
  formula: string | null;
  inline: string;
}

function finishCell(cell: PendingCell, context: CellContext): SheetCell {
  const done: SheetCell = { column: cell.column, ref: cell.ref, text: "" };
  if (cell.formula !== null) done.formula = cell.formula;
  const value = cell.value;
  if (cell.type === "inlineStr") {
    done.text = cell.inline.trim();
    return done;
  }
  if (value === null) {
    if (cell.formula !== null) done.noValue = true;
    return done;
  }
  switch (cell.type) {
    case "s":
      done.text = (context.sharedStrings[Number(value)] ?? "").trim();
      break;
    case "str":
      done.text = value.trim();
      break;
    case "b":
      done.text = value === "1" || value === "true" ? "true" : "false";
      break;
    case "e":
      done.error = value.trim();
      break;
    case "d":
      done.text = /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value.trim();
      break;
    default: {
      const number = Number(value);
      if (value.trim() === "" || !Number.isFinite(number)) done.text = value.trim();
      else done.text = context.dateStyles.has(cell.style) ? serialDate(number, context.date1904) : String(number);
    }
  }
  return done;
}

/**
 * A sheet's content as items: its declared used range (first, as sheets write it), each row with
 * its non-empty cells, and its merged ranges (after the rows, where sheets keep them). Streamed:
 * one row is held at a time. `check` sees every row number and cell before anything else does, so
 * a limit is enforced before a far-away cell is ever stored.
 */
export async function* sheetItems(
  chunks: AsyncIterable<Buffer>,
  context: CellContext,
  check: (row: number, column: number, ref: string) => void,
): AsyncGenerator<SheetItem> {
  let rowNumber = 0;
  let nextColumn = 1;
  let cells: SheetCell[] | null = null;
  let cell: PendingCell | null = null;
  let reading: "value" | "formula" | "inline" | null = null;
  let phonetic = 0;
  for await (const events of xmlEvents(chunks)) {
    const items: SheetItem[] = [];
    for (const event of events) {
      if (event.type === "open") {
        const { attributes } = event;
        switch (event.name) {
          case "dimension":
            if (attributes.ref) items.push({ kind: "dimension", ref: attributes.ref });
            break;
          case "row":
            rowNumber = attributes.r ? Number(attributes.r) : rowNumber + 1;
            check(rowNumber, 1, `A${rowNumber}`);
            nextColumn = 1;
            cells = [];
            break;
          case "c": {
            const at = attributes.r ? decodeRef(attributes.r) : null;
            const column = at?.column ?? nextColumn;
            const ref = `${columnName(column)}${rowNumber}`;
            check(rowNumber, column, ref);
            nextColumn = column + 1;
            cell = {
              ref,
              column,
              type: attributes.t ?? "n",
              style: Number(attributes.s ?? 0),
              value: null,
              formula: null,
              inline: "",
            };
            break;
          }
          case "v":
            if (cell) {
              reading = "value";
              cell.value = "";
            }
            break;
          case "f":
            if (cell) {
              reading = "formula";
              cell.formula = "";
            }
            break;
          case "rPh":
            phonetic++;
            break;
          case "t":
            if (cell && cell.type === "inlineStr" && phonetic === 0) reading = "inline";
            break;
          case "mergeCell":
            if (attributes.ref) items.push({ kind: "merge", ref: attributes.ref });
            break;
        }
      } else if (event.type === "text") {
        if (!cell || !reading) continue;
        if (reading === "value") cell.value += event.text;
        else if (reading === "formula") cell.formula += event.text;
        else cell.inline += event.text;
      } else {
        switch (event.name) {
          case "v":
          case "f":
          case "t":
            reading = null;
            break;
          case "rPh":
            phonetic--;
            break;
          case "c":
            if (cell && cells) {
              const done = finishCell(cell, context);
              if (done.text !== "" || done.formula !== undefined || done.error !== undefined) cells.push(done);
            }
            cell = null;
            break;
          case "row":
            if (cells) items.push({ kind: "row", number: rowNumber, cells });
            cells = null;
            break;
        }
      }
    }
    yield* items;
  }
}
