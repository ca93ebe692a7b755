import { createHmac } from "node:crypto";
import {
  EVENT_COLUMNS,
  HOUSEHOLD_COLUMNS,
  LEAD_COLUMNS,
  MEMBER_COLUMNS,
  type Column,
} from "../sources/table-columns.js";
import { build, joinTables, rowText } from "../sources/table-input.js";
import type { TableReadOptions } from "../sources/table-source.js";
import { InputFormatError } from "../sources/read-households.js";
import { message } from "../messages/catalogue.js";
import { readResidentId } from "./resident-id.js";

const dropped = (en: string, zh: string): Column => ({ en, zh, path: [], kind: "text" });

/** households.csv of a county export: the table layout plus personal columns that are dropped. */
export const EXPORT_HOUSEHOLD_COLUMNS: readonly Column[] = [
  ...HOUSEHOLD_COLUMNS,
  dropped("headName", "户主姓名"),
  dropped("phone", "联系电话"),
  dropped("address", "家庭住址"),
];
/** members.csv of a county export: the resident ID number replaces birth date and sex; names and phones are dropped. */
export const EXPORT_MEMBER_COLUMNS: readonly Column[] = [
  ...MEMBER_COLUMNS.filter((column) => column.en !== "birthDate" && column.en !== "sex"),
  { en: "idNumber", zh: "身份证号", path: [], kind: "text", required: true },
  dropped("name", "姓名"),
  dropped("phone", "联系电话"),
];

/**
 * leads.csv of a county export: a lead's free text (`note`) and the department's own warning code
 * (`code`, which leads back to the person in the department's list) are dropped.
 */
export const EXPORT_LEAD_COLUMNS: readonly Column[] = LEAD_COLUMNS.map((column) =>
  column.en === "note" || column.en === "code" ? dropped(column.en, column.zh) : column,
);

/** One anonymized household, or a row that could not be used. */
export type AnonymizedItem =
  { ok: true; household: Record<string, unknown> } | { ok: false; source: string; message: string };

/**
 * Turns a county export with personal data into data-contract households for fixtures: household and
 * member ids become salted hashes (HMAC-SHA256), resident ID numbers are checked and reduced to birth
 * date and sex, and names, phone numbers and addresses are dropped.
 */
export async function* anonymizeExport(
  path: string,
  salt: string,
  options: TableReadOptions = { language: "zh" },
): AsyncGenerator<AnonymizedItem> {
  if (salt.length < 8) throw new InputFormatError({ id: "saltTooShort" });
  const { language } = options;
  const hash = (kind: string, value: string) =>
    `A${createHmac("sha256", salt).update(`${kind}\u0000${value}`).digest("hex").slice(0, 15)}`;
  const layouts = {
    households: EXPORT_HOUSEHOLD_COLUMNS,
    members: EXPORT_MEMBER_COLUMNS,
    events: EVENT_COLUMNS,
    leads: EXPORT_LEAD_COLUMNS,
  };
  for await (const joined of joinTables(path, options, layouts)) {
    if (joined.kind === "orphan") {
      yield { ok: false, source: joined.source, message: joined.message };
      continue;
    }
    const { id: originalId, row, problems, source, files } = joined;
    if (joined.duplicateRows) {
      problems.push(
        message("anonymizeDuplicateId", language, {
          id: originalId,
          rows: joined.duplicateRows.join(message("listSeparator", language)),
        }),
      );
    }
    if (problems.length) {
      yield { ok: false, source, message: problems.join(message("reasonSeparator", language)) };
      continue;
    }
    const household = build(row, EXPORT_HOUSEHOLD_COLUMNS);
    household.id = hash("household", originalId);
    household.members = joined.members.map((memberRow, index) => {
      const member = build(memberRow, EXPORT_MEMBER_COLUMNS);
      const reading = readResidentId(memberRow.cells.idNumber ?? "", language);
      const where =
        rowText(files.members, memberRow.line, language) +
        message("tableColumn", language, { en: "idNumber", zh: "身份证号" });
      if (!reading.ok) problems.push(`${where}${message("colon", language)}${reading.problem}`);
      else Object.assign(member, { birthDate: reading.birthDate, sex: reading.sex });
      member.id = `M${index + 1}`;
      return member;
    });
    if (joined.events.length) household.events = joined.events.map((eventRow) => build(eventRow, EVENT_COLUMNS));
    if (joined.leads.length) household.leads = joined.leads.map((leadRow) => build(leadRow, EXPORT_LEAD_COLUMNS));
    if (problems.length) yield { ok: false, source, message: problems.join(message("reasonSeparator", language)) };
    else yield { ok: true, household };
  }
}
