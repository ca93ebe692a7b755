import { message, type Language } from "../messages/catalogue.js";
import { EVENT_COLUMNS, HOUSEHOLD_COLUMNS, LEAD_COLUMNS, MEMBER_COLUMNS, type Column } from "./table-columns.js";

/** The files of county table input (docs/tables.md). */
export const TABLE_FILES = {
  households: "households.csv",
  members: "members.csv",
  events: "events.csv",
  leads: "leads.csv",
} as const;

/** Where a household of table input came from, to name file, row and column in rejections. */
export interface TableOrigin {
  dir: string;
  /** The names of the tables in messages (a workbook's sheets); the CSV file names when absent. */
  files?: { households: string; members: string; events: string; leads: string };
  householdRow: number;
  memberRows: number[];
  eventRows: number[];
  leadRows: number[];
  /** Values the workbook saved as formula results, each a note for the household's result (W_FORMULA_VALUE). */
  notes?: string[];
}

/**
 * Names the file (or workbook sheet), row and column a JSON path of a table household came from, in
 * `language`: `members.csv row 3 column labor (劳动技能)` or `members.csv 第 3 行 劳动技能（labor）列`.
 */
export function tableLocation(origin: TableOrigin, pointer: string, language: Language = "zh"): string {
  const path = pointer.split("/").slice(1);
  const files = origin.files ?? TABLE_FILES;
  const describe = (file: string, row: number | undefined, layout: readonly Column[], rest: string[]) => {
    const exact = layout.find((column) => column.path.length > 0 && column.path.join("/") === rest.join("/"));
    const under = layout.filter((column) => column.path.length > 0 && column.path.join("/").startsWith(rest.join("/")));
    const columnText = exact
      ? message("tableColumn", language, { en: exact.en, zh: exact.zh })
      : under.length && rest.length
        ? message("tableColumns", language, {
            columns: under.map((column) => column[language]).join(message("listSeparator", language)),
          })
        : "";
    return message("tableRow", language, { file, row: row ?? "?" }) + columnText;
  };
  if (path[0] === "leads" && path.length >= 2)
    return describe(files.leads, origin.leadRows[Number(path[1])], LEAD_COLUMNS, path.slice(2));
  if ((path[0] === "members" || path[0] === "events") && path.length >= 2) {
    const rows = path[0] === "members" ? origin.memberRows : origin.eventRows;
    const file = path[0] === "members" ? files.members : files.events;
    return describe(file, rows[Number(path[1])], path[0] === "members" ? MEMBER_COLUMNS : EVENT_COLUMNS, path.slice(2));
  }
  return describe(files.households, origin.householdRow, HOUSEHOLD_COLUMNS, path);
}

/** The column a JSON path of a table household came from (a list item's column too), if any. */
export function tableColumnAt(pointer: string): Column | undefined {
  const path = pointer.split("/").slice(1);
  const [layout, rest] =
    path[0] === "leads" && path.length >= 2
      ? [LEAD_COLUMNS, path.slice(2)]
      : path[0] === "members" && path.length >= 2
        ? [MEMBER_COLUMNS, path.slice(2)]
        : path[0] === "events" && path.length >= 2
          ? [EVENT_COLUMNS, path.slice(2)]
          : [HOUSEHOLD_COLUMNS, path];
  const field = /^\d+$/.test(rest[rest.length - 1] ?? "") ? rest.slice(0, -1) : rest;
  return layout.find((column) => column.path.length > 0 && column.path.join("/") === field.join("/"));
}
