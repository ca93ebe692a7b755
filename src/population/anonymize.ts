import { createHmac } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { EVENT_COLUMNS, HOUSEHOLD_COLUMNS, LEAD_COLUMNS, MEMBER_COLUMNS, type Column } from "../cli/table-columns.js";
import { build, readRows, type Row } from "../cli/table-input.js";
import { TABLE_FILES } from "../cli/table-location.js";
import { InputFormatError } from "../cli/read-households.js";
import { message } from "../results/messages.js";
import type { Language } from "../results/result-types.js";
import { readResidentId } from "./resident-id.js";

const dropped = (en: string, zh: string): Column => ({ en, zh, path: [], kind: "text" });

/** households.csv of a county export: the table layout plus personal columns that are dropped. */
export const EXPORT_HOUSEHOLD_COLUMNS: readonly Column[] = [...HOUSEHOLD_COLUMNS, dropped("headName", "户主姓名"), dropped("phone", "联系电话"), dropped("address", "家庭住址")];
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
export const EXPORT_LEAD_COLUMNS: readonly Column[] = LEAD_COLUMNS.map((column) => (column.en === "note" || column.en === "code" ? dropped(column.en, column.zh) : column));

/** One anonymized household, or a row that could not be used. */
export type AnonymizedItem = { ok: true; household: Record<string, unknown> } | { ok: false; source: string; message: string };

/**
 * Turns a county export with personal data into data-contract households for fixtures: household and
 * member ids become salted hashes (HMAC-SHA256), resident ID numbers are checked and reduced to birth
 * date and sex, and names, phone numbers and addresses are dropped.
 */
export async function* anonymizeExport(path: string, salt: string, language: Language = "zh"): AsyncGenerator<AnonymizedItem> {
  if (salt.length < 8) throw new InputFormatError({ id: "saltTooShort" });
  const dir = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  const hash = (kind: string, value: string) => `A${createHmac("sha256", salt).update(`${kind}\u0000${value}`).digest("hex").slice(0, 15)}`;
  const members = new Map<string, Row[]>();
  for await (const row of readRows(join(dir, TABLE_FILES.members), EXPORT_MEMBER_COLUMNS)) {
    const rows = members.get(row.cells.householdId!) ?? [];
    rows.push(row);
    members.set(row.cells.householdId!, rows);
  }
  const events = new Map<string, Row[]>();
  if (existsSync(join(dir, TABLE_FILES.events))) {
    for await (const row of readRows(join(dir, TABLE_FILES.events), EVENT_COLUMNS)) {
      const rows = events.get(row.cells.householdId!) ?? [];
      rows.push(row);
      events.set(row.cells.householdId!, rows);
    }
  }
  const leads = new Map<string, Row[]>();
  if (existsSync(join(dir, TABLE_FILES.leads))) {
    for await (const row of readRows(join(dir, TABLE_FILES.leads), EXPORT_LEAD_COLUMNS)) {
      const rows = leads.get(row.cells.householdId!) ?? [];
      rows.push(row);
      leads.set(row.cells.householdId!, rows);
    }
  }
  for await (const row of readRows(join(dir, TABLE_FILES.households), EXPORT_HOUSEHOLD_COLUMNS)) {
    const originalId = row.cells.id ?? "";
    const household = build(row, EXPORT_HOUSEHOLD_COLUMNS);
    household.id = hash("household", originalId);
    const problems: string[] = [];
    household.members = (members.get(originalId) ?? []).map((memberRow, index) => {
      const member = build(memberRow, EXPORT_MEMBER_COLUMNS);
      const reading = readResidentId(memberRow.cells.idNumber ?? "", language);
      const where = message("tableRow", language, { file: TABLE_FILES.members, row: memberRow.line }) + message("tableColumn", language, { en: "idNumber", zh: "身份证号" });
      if (!reading.ok) problems.push(`${where}${message("colon", language)}${reading.problem}`);
      else Object.assign(member, { birthDate: reading.birthDate, sex: reading.sex });
      member.id = `M${index + 1}`;
      return member;
    });
    const householdEvents = events.get(originalId) ?? [];
    if (householdEvents.length) household.events = householdEvents.map((eventRow) => build(eventRow, EVENT_COLUMNS));
    const householdLeads = leads.get(originalId) ?? [];
    if (householdLeads.length) household.leads = householdLeads.map((leadRow) => build(leadRow, EXPORT_LEAD_COLUMNS));
    if (problems.length) yield { ok: false, source: message("tableRow", language, { file: TABLE_FILES.households, row: row.line }), message: problems.join(message("reasonSeparator", language)) };
    else yield { ok: true, household };
  }
}
