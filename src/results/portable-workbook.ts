import { strToU8, zipSync, type Zippable } from "fflate";
import { neutralizeCell } from "./spreadsheet-safety.js";
import type { TableCell, TableColumnSpec } from "./table-row.js";

/**
 * A small `.xlsx` writer that runs anywhere (the workbench page writes its results workbook with
 * it): the same sheet content as the command line's exceljs workbooks (`results/workbook-writer.ts`)
 * — a bold, frozen header, the columns' widths and formats (money with two places, counts whole,
 * dates as YYYY-MM-DD date cells, lists wrapped), text neutralised against formulas, numbers as
 * numbers — built as SpreadsheetML parts and zipped with fflate. The bytes depend only on the
 * content: every date in the file is fixed, as in the command line's workbooks.
 */

/** One sheet: its name, its columns (width, kind), the header's texts, and its rows. */
export interface WorkbookSheet {
  name: string;
  columns: readonly TableColumnSpec[];
  header: readonly string[];
  rows: Iterable<readonly TableCell[]>;
}

/** Zip entries' date and the document's dates: results must not say when they were written. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const MS_PER_DAY = 86_400_000;
/** Days from Excel's day 0 (1899-12-30 in the 1900 date system) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cell formats (`cellXfs`): the kinds of column, then the same in bold for the header. */
const STYLE_INDEX = { text: 0, count: 1, list: 2, money: 3, date: 4 } as const;
const BOLD = 5;

const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="10">' +
  [0, 1]
    .map((font) =>
      [
        `<xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0"${font ? ' applyFont="1"' : ""}/>`,
        `<xf numFmtId="1" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${font ? ' applyFont="1"' : ""}/>`,
        `<xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0" applyAlignment="1"${font ? ' applyFont="1"' : ""}><alignment vertical="top" wrapText="1"/></xf>`,
        `<xf numFmtId="2" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${font ? ' applyFont="1"' : ""}/>`,
        `<xf numFmtId="164" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${font ? ' applyFont="1"' : ""}/>`,
      ].join(""),
    )
    .join("") +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

/**
 * Text as XML: the five entities escaped, and characters XML cannot hold (control characters, lone
 * surrogates) written as SpreadsheetML's `_xHHHH_`, which spreadsheet programs read back as the character.
 */
export function xmlText(text: string): string {
  return text
    .replace(/[&<>"]/g, (char) => (char === "&" ? "&amp;" : char === "<" ? "&lt;" : char === ">" ? "&gt;" : "&quot;"))
    .replace(
      // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 does not allow
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
    );
}

/** Column 28 → `AB`. */
function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A date `YYYY-MM-DD` as Excel's day number (1900 date system). */
export function excelDay(date: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY + EXCEL_EPOCH_DAYS;
}

function cellXml(cell: TableCell, ref: string, style: number): string {
  const s = style ? ` s="${style}"` : "";
  if (typeof cell === "string") {
    if (cell === "") return "";
    return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(neutralizeCell(cell))}</t></is></c>`;
  }
  if ("number" in cell) return `<c r="${ref}"${s}><v>${String(Number(cell.number))}</v></c>`;
  return `<c r="${ref}"${s}><v>${excelDay(cell.date)}</v></c>`;
}

function sheetXml(sheet: WorkbookSheet): string {
  const styles = sheet.columns.map((column) => STYLE_INDEX[column.kind ?? "text"]);
  const parts: string[] = [
    XML_HEAD,
    `<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">`,
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    '<selection pane="bottomLeft"/></sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="15"/><cols>',
    ...sheet.columns.map(
      (column, index) =>
        `<col min="${index + 1}" max="${index + 1}" width="${column.width}" customWidth="1"${styles[index] ? ` style="${styles[index]}"` : ""}/>`,
    ),
    "</cols><sheetData>",
    `<row r="1">`,
    ...sheet.header.map((text, index) => cellXml(text, `${columnName(index + 1)}1`, BOLD + styles[index]!)),
    "</row>",
  ];
  let number = 1;
  for (const row of sheet.rows) {
    number++;
    parts.push(`<row r="${number}">`);
    row.forEach((cell, index) => parts.push(cellXml(cell, `${columnName(index + 1)}${number}`, styles[index] ?? 0)));
    parts.push("</row>");
  }
  parts.push("</sheetData></worksheet>");
  return parts.join("");
}

/** A workbook of the sheets, as the bytes of an `.xlsx` file. */
export function workbookFile(sheets: readonly WorkbookSheet[]): Uint8Array {
  const file = (text: string): [Uint8Array, { mtime: Date }] => [strToU8(text), { mtime: FIXED_DATE }];
  const stamp = FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, "Z");
  const entries: Zippable = {
    "[Content_Types].xml": file(
      XML_HEAD +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, index) =>
              `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join("") +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        "</Types>",
    ),
    "_rels/.rels": file(
      XML_HEAD +
        `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        "</Relationships>",
    ),
    "docProps/core.xml": file(
      XML_HEAD +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>dixian</dc:creator><cp:lastModifiedBy>dixian</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
        "</cp:coreProperties>",
    ),
    "xl/workbook.xml": file(
      XML_HEAD +
        `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>` +
        sheets
          .map((sheet, index) => `<sheet name="${xmlText(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 2}"/>`)
          .join("") +
        "</sheets></workbook>",
    ),
    "xl/_rels/workbook.xml.rels": file(
      XML_HEAD +
        `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        sheets
          .map(
            (_, index) =>
              `<Relationship Id="rId${index + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
          )
          .join("") +
        "</Relationships>",
    ),
    "xl/styles.xml": file(STYLES),
  };
  sheets.forEach((sheet, index) => (entries[`xl/worksheets/sheet${index + 1}.xml`] = file(sheetXml(sheet))));
  return zipSync(entries, { level: 6 });
}
