import { message } from "../results/messages.js";
import type { Language } from "../results/result-types.js";
import { EVENT_COLUMNS, HOUSEHOLD_COLUMNS, LEAD_COLUMNS, MEMBER_COLUMNS, type Column } from "./table-columns.js";

/** The files of county table input (docs/tables.md). */
export const TABLE_FILES = { households: "households.csv", members: "members.csv", events: "events.csv", leads: "leads.csv" } as const;

/** Where a household of table input came from, to name file, row and column in rejections. */
export interface TableOrigin {
  dir: string;
  householdRow: number;
  memberRows: number[];
  eventRows: number[];
  leadRows: number[];
}

/** Names the file, row and column a JSON path of a table household came from, in `language`. */
export function tableLocation(origin: TableOrigin, pointer: string, language: Language = "zh"): string {
  const path = pointer.split("/").slice(1);
  const describe = (file: string, row: number | undefined, layout: readonly Column[], rest: string[]) => {
    const exact = layout.find((column) => column.path.length > 0 && column.path.join("/") === rest.join("/"));
    const under = layout.filter((column) => column.path.length > 0 && column.path.join("/").startsWith(rest.join("/")));
    const columnText = exact
      ? message("tableColumn", language, { en: exact.en, zh: exact.zh })
      : under.length && rest.length ? message("tableColumns", language, { columns: under.map((column) => column[language]).join(message("listSeparator", language)) }) : "";
    return message("tableRow", language, { file, row: row ?? "?" }) + columnText;
  };
  if (path[0] === "leads" && path.length >= 2) return describe(TABLE_FILES.leads, origin.leadRows[Number(path[1])], LEAD_COLUMNS, path.slice(2));
  if ((path[0] === "members" || path[0] === "events") && path.length >= 2) {
    const rows = path[0] === "members" ? origin.memberRows : origin.eventRows;
    const file = path[0] === "members" ? TABLE_FILES.members : TABLE_FILES.events;
    return describe(file, rows[Number(path[1])], path[0] === "members" ? MEMBER_COLUMNS : EVENT_COLUMNS, path.slice(2));
  }
  return describe(TABLE_FILES.households, origin.householdRow, HOUSEHOLD_COLUMNS, path);
}
