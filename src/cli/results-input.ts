import { closeSync, openSync, readSync } from "node:fs";
import { basename, extname } from "node:path";
import { parse } from "csv-parse";
import { DixianError } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import type { ScreeningResult } from "../results/result-types.js";
import { ResultRowError, ResultRowReader, type ResultRecord, type RowVocabulary } from "../reporting/result-rows.js";
import { rejectionReason, TABLE_OUTPUT_COLUMNS } from "../results/table-row.js";
import { openInput, UsageError, type CliIo } from "./io.js";
import { readHouseholdSources } from "../sources/read-households.js";
import { decodeTable } from "../sources/table-decode.js";
import { openWorkbookTables } from "../sources/workbook-source.js";

/**
 * Reads screening results from any file `dixian screen` writes: NDJSON or a JSON array (the results
 * themselves), or the CSV and XLSX tables for people (`--format csv|xlsx`, Chinese or English
 * headers, rejected households included), told apart by their first bytes. Each record comes with
 * where it is, for messages. Repeated household ids refuse the file (E_REPORT_DUPLICATE_ID) once it
 * has been read, naming the ids and their lines.
 */

/** A record of a results file and where it is (its line or row). */
export interface LocatedRecord {
  record: ResultRecord;
  line: number | undefined;
}

/** The sheet the results workbook keeps them in, in either language. */
const RESULT_SHEETS = { results: ["筛查结果", "results"] } as const;

type Kind = "json" | "csv" | "xlsx";

/** What a file is, from its first bytes (and its name, for a workbook). */
function sniff(path: string): Kind | null {
  if (path === "-") return "json";
  const head = Buffer.alloc(64);
  const fd = openSync(path, "r");
  let length: number;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const bytes = head.subarray(0, length);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx";
  const text = bytes
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (text.startsWith("{") || text.startsWith("[")) return "json";
  if (extname(path).toLowerCase() === ".csv" || /^(户编号|householdId)/.test(text) || bytes[0] === 0xef) return "csv";
  // GB18030 bytes of a CSV header start with 户 (0xBB 0xA7).
  if (bytes[0] === 0xbb && bytes[1] === 0xa7) return "csv";
  return null;
}

export async function* readResultRecords(
  path: string,
  io: CliIo,
  language: Language,
  vocabulary: RowVocabulary = {},
): AsyncGenerator<LocatedRecord> {
  const kind = sniff(path);
  if (kind === null) throw new UsageError("resultsFormatUnknown", { path });
  const records = kind === "json" ? jsonRecords(path, io, language) : tableRecords(path, kind, language, vocabulary);
  yield* withoutRepeatedIds(records, path, language);
}

async function* jsonRecords(path: string, io: CliIo, language: Language): AsyncGenerator<LocatedRecord> {
  for await (const item of readHouseholdSources(openInput(path, io), language)) {
    if (item.kind === "error")
      throw new UsageError("resultLineProblem", { path, line: item.line, problem: item.message });
    let value: unknown;
    try {
      value = item.kind === "line" ? JSON.parse(item.text) : item.value;
    } catch {
      throw new UsageError("notJsonResult", { path, line: item.kind === "line" ? item.line : "?" });
    }
    if (!isScreeningResult(value))
      throw new UsageError("notScreeningResult", {
        where: item.kind === "line" && item.line !== undefined ? `${path}:${item.line}` : path,
      });
    yield { record: { kind: "result", result: value }, line: item.line };
  }
}

function isScreeningResult(value: unknown): value is ScreeningResult {
  const result = value as ScreeningResult | null;
  return (
    !!result &&
    typeof result.householdId === "string" &&
    typeof result.flag === "string" &&
    Array.isArray(result.riskTypes) &&
    Array.isArray(result.measures) &&
    typeof result.guarantees === "object" &&
    Array.isArray(result.reasons) &&
    typeof result.figures === "object" &&
    typeof result.ruleSet === "object"
  );
}

/**
 * The rows of a CSV (UTF-8 or GB18030, strictly decoded) or of the results sheet of a workbook, each
 * with the line (CSV) or row (sheet) it starts on.
 */
async function* tableRows(
  path: string,
  kind: "csv" | "xlsx",
  language: Language,
): AsyncGenerator<{ cells: string[]; line: number }> {
  if (kind === "xlsx") {
    const tables = await openWorkbookTables(path, RESULT_SHEETS);
    if (!tables.results)
      throw new UsageError("resultsSheetMissing", { path, sheets: RESULT_SHEETS.results.join(" / ") });
    for await (const row of tables.results.rows()) yield { cells: row.cells, line: row.line };
    return;
  }
  const parser = parse({ bom: true, relax_column_count: true, info: true });
  const feed = (async () => {
    try {
      for await (const text of decodeTable(path, undefined, language)) if (!parser.write(text)) await once(parser);
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  for await (const row of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
    yield { cells: row.record, line: row.info.lines };
  await feed;
}

const once = (parser: NodeJS.EventEmitter) => new Promise<void>((resolve) => parser.once("drain", resolve));

async function* tableRecords(
  path: string,
  kind: "csv" | "xlsx",
  language: Language,
  vocabulary: RowVocabulary,
): AsyncGenerator<LocatedRecord> {
  let reader: ResultRowReader | null = null;
  for await (const { cells, line } of tableRows(path, kind, language)) {
    if (cells.every((cell) => cell.trim() === "")) continue;
    try {
      if (!reader) {
        reader = new ResultRowReader(cells, vocabulary);
        continue;
      }
      yield { record: reader.read(cells), line };
    } catch (error) {
      if (!(error instanceof ResultRowError)) throw error;
      const column = TABLE_OUTPUT_COLUMNS.find((candidate) => candidate.en === error.column);
      throw new UsageError(reader && column ? "resultsRowUnreadable" : "resultsHeaderUnknown", {
        path: basename(path),
        line,
        what: column ? column[reader!.language] : "",
      });
    }
  }
  if (!reader) throw new UsageError("resultsHeaderUnknown", { path: basename(path), line: 1 });
}

/** Passes the records on, then refuses the file if a household id came twice. */
async function* withoutRepeatedIds(
  records: AsyncIterable<LocatedRecord>,
  path: string,
  language: Language,
): AsyncGenerator<LocatedRecord> {
  const linesById = new Map<string, (number | string)[]>();
  let position = 0;
  for await (const located of records) {
    position++;
    const id = located.record.kind === "result" ? located.record.result.householdId : located.record.householdId;
    if (id) {
      const where = located.line ?? position;
      const lines = linesById.get(id);
      if (lines) lines.push(where);
      else linesById.set(id, [where]);
    }
    yield located;
  }
  const repeated = [...linesById].filter(([, lines]) => lines.length > 1);
  if (!repeated.length) return;
  const list = message("listSeparator", language);
  throw new DixianError(
    "E_REPORT_DUPLICATE_ID",
    message("reportDuplicateIds", language, {
      path,
      ids: repeated
        .slice(0, 20)
        .map(([id]) => JSON.stringify(id))
        .join(list),
      lines: repeated
        .slice(0, 20)
        .map(([id, lines]) => message("reportDuplicateIdLines", language, { id, lines: lines.join(list) }))
        .join(message("reasonSeparator", language)),
    }),
  );
}

/** Rejected households as `dixian screen --rejects` writes them (NDJSON), as records. */
export async function* readRejections(path: string, io: CliIo, language: Language): AsyncGenerator<ResultRecord> {
  for await (const item of readHouseholdSources(openInput(path, io), language)) {
    if (item.kind === "error")
      throw new UsageError("resultLineProblem", { path, line: item.line, problem: item.message });
    const rejection = (item.kind === "line" ? JSON.parse(item.text) : item.value) as {
      householdId?: unknown;
      index?: unknown;
      line?: unknown;
      issues?: { path?: string; message?: string; where?: string }[];
    };
    if (!rejection || !Array.isArray(rejection.issues))
      throw new UsageError("notRejection", { where: `${path}:${item.line ?? "?"}` });
    const issues = rejection.issues.map((issue) => ({
      path: issue.path ?? "",
      message: issue.message ?? "",
      ...(typeof issue.where === "string" ? { where: issue.where } : {}),
    }));
    yield {
      kind: "rejected",
      householdId: typeof rejection.householdId === "string" ? rejection.householdId : null,
      village: null,
      reason: rejectionReason(
        {
          line: typeof rejection.line === "number" ? rejection.line : undefined,
          index: typeof rejection.index === "number" ? rejection.index : 0,
          issues,
        },
        language,
      ),
    };
  }
}
