import { strToU8, zipSync } from "fflate";
import { HOUSEHOLD_COLUMNS, MEMBER_COLUMNS } from "../../src/sources/table-columns.js";
import { columnName } from "../../src/sources/workbook-xml.js";
import { householdsToTables } from "./table-copies.js";
import { contractExample } from "./households.js";

/**
 * `.xlsx` files written part by part, for what a spreadsheet program may put in a workbook and a
 * library's writer never would: formulas without saved results, error values, merged ranges, a
 * declared used range of a million rows, a cell far away, sheets named twice.
 */
export type RawCell =
  | string
  | number
  | { formula: string; value?: string | number; type?: "str" | "e" | "b"; shared?: boolean }
  | { xml: string };

export interface RawSheet {
  name: string;
  rows: RawCell[][];
  /** Row numbers, when they are not 1, 2, 3 … */
  rowNumbers?: number[];
  dimension?: string;
  merges?: string[];
  /** XML put inside sheetData after the rows. */
  extraRows?: string;
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function cellXml(cell: RawCell, ref: string): string {
  if (typeof cell === "number") return `<c r="${ref}"><v>${cell}</v></c>`;
  if (typeof cell === "string")
    return cell === "" ? "" : `<c r="${ref}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`;
  if ("xml" in cell) return cell.xml.replace("{ref}", ref);
  const type = cell.type ? ` t="${cell.type}"` : typeof cell.value === "string" ? ' t="str"' : "";
  const formula = cell.shared ? `<f t="shared" si="0"/>` : `<f>${escape(cell.formula)}</f>`;
  const value = cell.value === undefined ? "" : `<v>${escape(String(cell.value))}</v>`;
  return `<c r="${ref}"${type}>${formula}${value}</c>`;
}

function sheetXml(sheet: RawSheet): string {
  const rows = sheet.rows
    .map((cells, index) => {
      const number = sheet.rowNumbers?.[index] ?? index + 1;
      return `<row r="${number}">${cells.map((cell, column) => cellXml(cell, `${columnName(column + 1)}${number}`)).join("")}</row>`;
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    (sheet.dimension ? `<dimension ref="${sheet.dimension}"/>` : "") +
    `<sheetData>${rows}${sheet.extraRows ?? ""}</sheetData>` +
    (sheet.merges?.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join("")}</mergeCells>`
      : "") +
    `</worksheet>`
  );
}

/** The bytes of a workbook with these sheets (inline strings, no styles). */
export function rawWorkbook(sheets: RawSheet[]): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join("") +
        `</Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
        sheets
          .map((sheet, i) => `<sheet name="${escape(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join("") +
        `</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join("") +
        `</Relationships>`,
    ),
  };
  sheets.forEach((sheet, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheet))));
  return zipSync(files);
}

/** The contract example as the two required tables (English headers, codes), rows as text cells. */
export function exampleTables(count = 1): { households: RawCell[][]; members: RawCell[][] } {
  const households = Array.from({ length: count }, (_, i) => ({ ...contractExample(), id: `LH-${i + 1}` }));
  const tables = householdsToTables(households);
  return {
    households: [tables.households.header, ...tables.households.rows],
    members: [tables.members.header, ...tables.members.rows],
  };
}

/** The 0-based column of a table's English header. */
export const columnOf = (table: "households" | "members", en: string) =>
  (table === "households" ? HOUSEHOLD_COLUMNS : MEMBER_COLUMNS).findIndex((column) => column.en === en);
