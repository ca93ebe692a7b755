import { message, type MessageId, type MessageValues, type Language } from "../messages/catalogue.js";
import { didYouMean } from "../messages/suggestion.js";
import { hasOwn, setOwn } from "./own.js";
import type { RuleTableEntry } from "./schema.js";

/**
 * Decision tables (判定表) in rule files: one rule written once, with a table whose every row makes
 * one ordinary rule. The rule's texts and values name the row's cells as `{{column}}`; the rule a
 * row makes has the id `<table id>.<row id>`. Screening, the hash and every tool see only the
 * rules the rows make, so a table and the rules written out one by one are the same rule set.
 */

/** A cell named in a rule: `{{code}}`. A text that is exactly one cell takes the cell's value as it is (a list, a number, null). */
const CELL = /\{\{([^{}]*)\}\}/g;
const WHOLE_CELL = /^\{\{([A-Za-z][A-Za-z0-9_]*)\}\}$/;

/**
 * At most this many JSON values (objects, lists, texts, numbers …) in all the rules one table makes: a
 * rule of a few hundred values over a few thousand rows fits, while a hostile file (a large rule, or a
 * large list in a cell named many times, over thousands of rows) cannot make gigabytes from 16 MB.
 */
export const MAX_TABLE_VALUES = 2_000_000;

/** The fields of a table entry that are the rule every row makes (all but `id` and `table`). */
const RULE_FIELDS = ["label", "basis", "priority", "conditions", "event", "reason"] as const;

/** A problem inside a table: where in the rule file (relative to the file), and its words. */
export interface TableProblem {
  path: PropertyKey[];
  message: string;
}

/** The rule one row makes, with how to find, for a path inside it, where the author wrote that part. */
export interface TableRowRule {
  /** The rule as written out for the row (not yet checked against the rule schema). */
  rule: Record<string, unknown>;
  /** The row's index in `table.rows`. */
  row: number;
  /**
   * Where a path inside the rule was written, as a path in the rule file: the row for the rule
   * itself and its id, the cell for a value that came from one, else the table's rule.
   */
  locate: (path: readonly PropertyKey[]) => PropertyKey[];
}

/**
 * The rules a table entry's rows make, in row order. `at` is the entry's path in the file
 * (`["rules", 3]`). Problems (a row without a cell, an unknown column, a cell put into text that is
 * not text or a number) come with the path of the row, cell or text; when there are any, no rule
 * is returned.
 */
export function expandRuleTable(
  entry: RuleTableEntry,
  at: readonly PropertyKey[],
  language: Language,
): { rules: TableRowRule[]; problems: TableProblem[] } {
  const problems: TableProblem[] = [];
  const say = (id: MessageId, values?: MessageValues) => message(id, language, values);
  const columns = entry.table.columns;
  const known = ["id", ...Object.keys(columns)];
  const rowsAt = [...at, "table", "rows"];

  // Cells the rule names that are no column: reported once, at the text that names them.
  const template = Object.fromEntries(
    RULE_FIELDS.filter((field) => entry[field] !== undefined).map((field) => [field, entry[field]]),
  );
  walkStrings(template, [], (text, path) => {
    for (const name of cellNames(text))
      if (!known.includes(name))
        problems.push({
          path: [...at, ...path],
          message: say("ruleTableUnknownColumn", { name, table: entry.id }) + didYouMean(name, known, language),
        });
  });
  if (problems.length) return { rules: [], problems };

  const rules: TableRowRule[] = [];
  const seen = new Map<string, number>();
  let budget = MAX_TABLE_VALUES;
  const tooLarge = () =>
    problems.push({
      path: [...at, "table", "rows"],
      message: say("ruleTableTooLarge", { table: entry.id, maximum: MAX_TABLE_VALUES }),
    });
  for (const [index, row] of entry.table.rows.entries()) {
    const rowAt = [...rowsAt, index];
    const before = seen.get(row.id);
    if (before !== undefined) {
      problems.push({
        path: [...rowAt, "id"],
        message: say("ruleTableDuplicateRow", { id: row.id, table: entry.id, row: before + 1 }),
      });
      continue;
    }
    seen.set(row.id, index);
    for (const key of Object.keys(row))
      if (!known.includes(key))
        problems.push({
          path: [...rowAt, key],
          message: say("ruleTableUnknownCell", { name: key, table: entry.id }) + didYouMean(key, known, language),
        });
    const cells: Record<string, unknown> = {};
    for (const name of known) {
      if (hasOwn(row, name)) cells[name] = (row as Record<string, unknown>)[name];
      else if (hasOwn(columns, name) && columns[name]!.default !== undefined) cells[name] = columns[name]!.default;
      else problems.push({ path: rowAt, message: say("ruleTableMissingCell", { name, table: entry.id, row: row.id }) });
    }
    if (problems.length) continue;
    // Where each value that came from a cell was written: the row's cell, or the column's default.
    const cellPaths = new Map<string, PropertyKey[]>();
    const cellAt = (name: string): PropertyKey[] =>
      hasOwn(row, name) ? [...rowAt, name] : [...at, "table", "columns", name, "default"];
    const fill = (value: unknown, path: PropertyKey[]): unknown => {
      budget--;
      if (typeof value === "string") {
        const whole = WHOLE_CELL.exec(value);
        if (whole) {
          cellPaths.set(pointer(path), cellAt(whole[1]!));
          budget -= valueCount(cells[whole[1]!], budget);
          return budget < 0 ? null : structuredClone(cells[whole[1]!]);
        }
        return value.replace(CELL, (_text, name: string) => {
          const cell = cells[name];
          if (typeof cell === "string" || typeof cell === "number") return String(cell);
          problems.push({ path: cellAt(name), message: say("ruleTableCellNotText", { name, table: entry.id }) });
          return "";
        });
      }
      if (Array.isArray(value)) return value.map((item, i) => fill(item, [...path, i]));
      if (value !== null && typeof value === "object") {
        const filled: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) setOwn(filled, key, fill(item, [...path, key]));
        return filled;
      }
      return value;
    };
    const rule: Record<string, unknown> = { id: `${entry.id}.${row.id}` };
    for (const [field, value] of Object.entries(template)) if (budget >= 0) rule[field] = fill(value, [field]);
    if (budget < 0) {
      tooLarge();
      break;
    }
    rules.push({
      rule,
      row: index,
      locate: (path) => {
        if (path.length === 0) return rowAt;
        if (path.length === 1 && path[0] === "id") return [...rowAt, "id"];
        // The longest part of the path that came from a cell, then the rest inside that cell.
        for (let length = path.length; length > 0; length--) {
          const cell = cellPaths.get(pointer(path.slice(0, length)));
          if (cell) return [...cell, ...path.slice(length)];
        }
        return [...at, ...path];
      },
    });
  }
  return problems.length ? { rules: [], problems } : { rules, problems };
}

/** How many JSON values a value holds (itself included), counted up to `limit` + 1 with an explicit stack. */
function valueCount(value: unknown, limit: number): number {
  let count = 0;
  const pending = [value];
  while (pending.length && count <= limit) {
    const next = pending.pop();
    count++;
    // One push at a time: spreading a list of a million values would overflow the call's arguments.
    if (next !== null && typeof next === "object") for (const item of Object.values(next)) pending.push(item);
  }
  return count;
}

/** Whether a rule-file entry is a table (it has a `table`). */
export function isRuleTable(entry: unknown): boolean {
  return entry !== null && typeof entry === "object" && !Array.isArray(entry) && hasOwn(entry, "table");
}

/** The column names a text names, `{{name}}` by `{{name}}` (also malformed ones, to report them). */
function cellNames(text: string): string[] {
  return [...text.matchAll(CELL)].map((match) => match[1]!);
}

function walkStrings(value: unknown, path: PropertyKey[], visit: (text: string, path: PropertyKey[]) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, [...path, i], visit));
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) walkStrings(item, [...path, key], visit);
}

function pointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}
