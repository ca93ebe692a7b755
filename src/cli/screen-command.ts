import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { ENGINE_NAMES } from "../evaluation/types.js";
import { prepareRuleSet, type Rejection } from "../batch/screen.js";
import { refuseClashingPaths } from "./atomic-output.js";
import { EXIT, openInput, openOutput, UsageError, withOutputs, write, writeText, type CliIo } from "./io.js";
import { inputFiles } from "../sources/input-files.js";
import { LANGUAGES, oneOf, parseOptions, required, singleInput } from "./options.js";
import { message, type Language } from "../messages/catalogue.js";
import { OUTPUT_FORMATS, resultFormatter } from "../batch/output-format.js";
import { screenSources } from "../batch/workers.js";
import { createProgress } from "./progress.js";
import { readHouseholdSources, type SourceItem } from "../sources/read-households.js";
import { assertRuleSetHash } from "../rulesets/hash.js";
import { loadRuleSetArgument, SET_HELP, SET_OPTION, setOverrides } from "./rule-set-arg.js";
import { TABLE_ENCODINGS } from "../sources/table-decode.js";
import { isTableInput, readTableSources } from "../sources/table-input.js";
import { printableValue } from "../results/printable.js";
import { openResultSink } from "./xlsx-writer.js";
import { reportFiles, writeReport } from "./report-command.js";
import { rejectionReason } from "../results/table-row.js";

export const SCREEN_HELP = `Usage: dixian screen --rules <rule-set dir> --as-of <YYYY-MM-DD> [options] <input | ->

Screens households and writes one result per household, in input order. Input is NDJSON (one
household per line), a JSON array, one JSON object, or county tables: a folder (or its
households.csv) with households.csv, members.csv and optional events.csv, or one .xlsx workbook
with a sheet per table; UTF-8 or GB18030/GBK (see docs/tables.md).
按规则集筛查农户，逐户输出结果（顺序与输入一致）。

Options:
  --rules DIR          rule-set directory, or builtin:NAME (builtin:yunnan)  规则集目录
  --as-of DATE         assessment date YYYY-MM-DD                            评估日
  --format FORMAT      ndjson (default), json, csv (Excel, UTF-8 with BOM)   输出格式
                       or xlsx; csv and xlsx list every household, rejected ones included
  --encoding ENC       tables: utf8 or gb18030 (default: detected)          表格编码
  --out FILE           write results to FILE instead of standard output     结果文件
  --rejects FILE       write rejected households (NDJSON) to FILE           不合格记录文件
  --report DIR         also write the monthly report of the results (needs --out) 同时生成月度报告
  --lang zh|en         language of labels, reasons, CSV headers and messages 语言（默认中文）
  --explain            include every rule's outcome in "explanation"        附带规则解释
  --workers N          screening threads, main included (default: cores)    并行线程数
  --engine NAME        compiled (default) or json-rules-engine (reference)  规则求值引擎
  --expect-hash HASH   refuse a rule set whose resolved hash differs        校验规则集哈希
${SET_HELP}
  --quiet              no progress bar and no summary on standard error     不输出进度和统计
  -h, --help           show this help

Exit status: 0 all screened; 1 some households rejected; 2 bad arguments, rule set or input.`;

/** `dixian screen`: streams households through a rule set. */
export async function screenCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    rules: { type: "string" },
    "as-of": { type: "string" },
    format: { type: "string", default: "ndjson" },
    encoding: { type: "string" },
    out: { type: "string" },
    rejects: { type: "string" },
    report: { type: "string" },
    lang: { type: "string", default: "zh" },
    explain: { type: "boolean", default: false },
    workers: { type: "string" },
    engine: { type: "string", default: "compiled" },
    "expect-hash": { type: "string" },
    set: SET_OPTION,
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, SCREEN_HELP + "\n");
    return EXIT.ok;
  }
  const rulesArgument = required(values.rules, "--rules <rule-set dir>");
  const asOf = required(values["as-of"], "--as-of <YYYY-MM-DD>");
  const format = oneOf(values.format, "--format", OUTPUT_FORMATS);
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  const engine = oneOf(values.engine, "--engine", ENGINE_NAMES);
  const encoding = values.encoding === undefined ? undefined : oneOf(values.encoding, "--encoding", TABLE_ENCODINGS);
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new UsageError("badWorkers", { value: String(values.workers) });
  const inputPath = singleInput(positionals, "whatInput");
  if (inputPath !== "-" && statSync(inputPath).isDirectory() && !isTableInput(inputPath)) {
    throw new UsageError("folderWithoutTables", { path: inputPath });
  }
  // The report is made from the results file as written, exactly as "dixian report" makes it.
  if (values.report && !values.out) throw new UsageError("reportNeedsOut");
  refuseClashingPaths(
    inputFiles(inputPath).map((path) => ({ label: "input", path })),
    [
      { label: "--out", path: values.out },
      { label: "--rejects", path: values.rejects },
      ...(values.report ? reportFiles(values.report) : []),
    ].filter((entry): entry is { label: string; path: string } => !!entry.path),
  );

  const ruleSet = loadRuleSetArgument(rulesArgument, setOverrides(values.set, "--set", language), language);
  if (values["expect-hash"] !== undefined) assertRuleSetHash(ruleSet, values["expect-hash"], language);
  prepareRuleSet(ruleSet, asOf, language);

  let bytesRead = 0;
  const totalBytes = inputPath !== "-" && statSync(inputPath).isFile() ? statSync(inputPath).size : 0;
  let sources: AsyncIterable<SourceItem>;
  if (inputPath !== "-" && isTableInput(inputPath))
    sources = readTableSources(inputPath, { language, encoding, catalogue: ruleSet });
  else {
    const counted = async function* (input: AsyncIterable<Buffer | string>) {
      for await (const chunk of input) {
        bytesRead += chunk.length;
        yield chunk;
      }
    };
    sources = readHouseholdSources(counted(openInput(inputPath, io)), language);
  }
  const progress = createProgress(io.stderr, values.quiet, {
    language,
    fraction: () => (totalBytes ? bytesRead / totalBytes : null),
  });

  const formatter = resultFormatter(format, ruleSet, language);
  const output = await openOutput(values.out, io.stdout);
  const sink = await openResultSink(format, output.stream, language, ruleSet);
  const rejectsOutput = values.rejects ? await openOutput(values.rejects, io.stderr) : null;
  const counts = { read: 0, screened: 0, rejected: 0 };
  // Tables list their rejected households; for NDJSON and JSON the report is told of them here.
  const rejectedForReport: { householdId: string | null; reason: string }[] = [];
  const tablesListRejections = format === "csv" || format === "xlsx";
  const config = { asOf, language, explain: values.explain, format, engine };
  try {
    await withOutputs([output, rejectsOutput], async () => {
      await sink.write(formatter.start);
      for await (const chunk of screenSources(sources, config, workers, ruleSet)) {
        // A chunk's text is written at once; results are separated as the format says, rejected rows are not.
        let text = "";
        for (const entry of chunk.entries) {
          counts.read++;
          if (!entry.rejection) {
            text += (counts.screened++ ? formatter.separator : "") + entry.text;
            continue;
          }
          counts.rejected++;
          if (entry.text) text += entry.text;
          const { rejection } = entry;
          if (rejectsOutput) await write(rejectsOutput.stream, JSON.stringify(rejection) + "\n");
          else await write(io.stderr, describeRejection(rejection, language) + "\n");
          if (values.report && !tablesListRejections)
            rejectedForReport.push({
              householdId: rejection.householdId ?? null,
              reason: rejectionReason(rejection, language),
            });
        }
        if (text) await sink.write(text);
        progress.tick(counts.read);
      }
      await sink.write(formatter.end(counts.screened));
      await sink.end();
    });
  } finally {
    progress.finish();
  }
  if (!values.quiet) {
    await writeText(
      io.stderr,
      message("screenSummary", language, { ...counts, ruleSet: ruleSet.id, hash: ruleSet.hash, asOf }) + "\n",
    );
  }
  if (values.report) {
    const files = await writeReport(
      { results: values.out!, rejected: rejectedForReport, ruleSet, out: values.report, language },
      io,
    );
    if (!values.quiet) await writeText(io.stderr, files.slice().reverse().join("\n") + "\n");
  }
  return counts.rejected > 0 ? EXIT.rejected : EXIT.ok;
}

/** One line per rejection, in `language`: where it is, which household, and every bad field. */
export function describeRejection(rejection: Rejection, language: Language = "zh"): string {
  const where = rejection.source
    ? rejection.source
    : rejection.line !== undefined
      ? message("whereLine", language, { line: rejection.line })
      : message("whereIndex", language, { index: rejection.index });
  const who = rejection.householdId ? message("whoId", language, { id: rejection.householdId }) : "";
  const colon = message("colon", language);
  const issues = rejection.issues
    .map((issue) => `${issue.where ?? (issue.path || "/")}${colon}${issue.message}`)
    .join(message("reasonSeparator", language));
  // One line whatever the id or message holds: control characters and line breaks are escaped.
  return printableValue(message("rejectedLine", language, { where, who, issues }));
}
