import { existsSync } from "node:fs";
import { extname } from "node:path";
import { stringify } from "csv-stringify/sync";
import { addToWorklist, WorklistBuilder } from "../reporting/worklist.js";
import { worklistHeader, worklistRows, worklistText } from "../reporting/worklist-table.js";
import { worklistWorkbook } from "../reporting/worklist-workbook.js";
import { neutralizeCell } from "../results/spreadsheet-safety.js";
import type { TableCell } from "../results/table-row.js";
import { refuseClashingPaths } from "./atomic-output.js";
import { EXIT, openOutput, UsageError, withOutputs, write, writeText, type CliIo } from "./io.js";
import { LANGUAGES, oneOf, parseOptions } from "./options.js";
import { readRejections, readResultRecords } from "./results-input.js";
import { loadRuleSetArgument } from "./rule-set-arg.js";
import { measureNames } from "../reporting/result-rows.js";

export const WORKLIST_HELP = `Usage: dixian worklist <results> [--rejects FILE] [--rules DIR] [--days N] [--format text|csv|xlsx] [--out FILE] [--lang zh|en]

The township's week (工作清单), village by village: the tasks of leads that are overdue or due within
the next N days (7 by default) with the lead, department, due date and days late; the households to
visit and how often; the elimination procedures to start; the referrals to departments; the
households each data check names; and the households that were rejected, with their reason.
Reads the results "dixian screen" wrote: NDJSON or JSON, or its CSV or XLSX table (rejected
households included there; for NDJSON give --rejects). Writes text (default), or a sortable table
with dates as dates: --format csv|xlsx, or an --out ending in .csv or .xlsx. A CSV or XLSX table
names risk types and 3+1 problems by their labels, read with the shipped national catalogue; give
--rules (a folder or builtin:NAME) for results of a rule set that adds risk types of its own.
按村列出本周工作：到期和已逾期的线索任务、走访、启动风险消除程序、转介、数据校验和不合格农户。`;

const FORMATS = ["text", "csv", "xlsx"] as const;

/** `dixian worklist`: what to do this week, from any results file. */
export async function worklistCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    rejects: { type: "string" },
    rules: { type: "string" },
    days: { type: "string", default: "7" },
    format: { type: "string" },
    out: { type: "string" },
    lang: { type: "string", default: "zh" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, WORKLIST_HELP + "\n");
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("oneResultsFile");
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 0 || days > 366) throw new UsageError("badDays", { value: values.days });
  const byName = values.out ? extname(values.out).toLowerCase().slice(1) : "";
  const format = oneOf(values.format ?? (byName === "csv" || byName === "xlsx" ? byName : "text"), "--format", FORMATS);
  if (format === "xlsx" && !values.out) throw new UsageError("optionRequired", { option: "--out FILE.xlsx" });
  const [path] = positionals as [string];
  for (const input of [path, values.rejects])
    if (input && input !== "-" && !existsSync(input)) throw new UsageError("notFound", { path: input });
  refuseClashingPaths(
    [path, values.rejects]
      .filter((input): input is string => !!input)
      .map((input) => ({ label: "input", path: input })),
    values.out ? [{ label: "--out", path: values.out }] : [],
  );

  const ruleSet = values.rules ? loadRuleSetArgument(values.rules, {}, language) : null;
  const vocabulary = ruleSet ? { catalogue: ruleSet, measures: measureNames(ruleSet.measures) } : {};
  const builder = new WorklistBuilder(days);
  for await (const { record } of readResultRecords(path, io, language, vocabulary)) addToWorklist(builder, record);
  if (values.rejects)
    for await (const record of readRejections(values.rejects, io, language)) addToWorklist(builder, record);
  const worklist = builder.build();

  const output = await openOutput(values.out, io.stdout);
  await withOutputs([output], async () => {
    if (format === "xlsx") await write(output.stream, await worklistWorkbook(worklist, language));
    else if (format === "csv") {
      const cell = (value: TableCell) =>
        typeof value === "string" ? neutralizeCell(value) : "number" in value ? value.number : value.date;
      const lines = [worklistHeader(language), ...worklistRows(worklist, language).map((row) => row.map(cell))];
      await write(output.stream, "\uFEFF" + stringify(lines, { quoted_match: /[",\r\n;]/, record_delimiter: "\r\n" }));
    } else await writeText(output.stream, worklistText(worklist, language));
  });
  return EXIT.ok;
}
