import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { refuseClashingPaths, writeFilesAtomically } from "./atomic-output.js";
import type { Flag } from "../input/enums.js";
import { catalogueLabels, MonthlyReportBuilder, type MonthlyReport } from "../reporting/monthly-report.js";
import { monthlyReportHtml } from "../reporting/report-html.js";
import { suppliedParameters } from "../reporting/report-parameters.js";
import { reportWorkbook } from "../reporting/report-xlsx.js";
import { measureNames, type MeasureNames } from "../reporting/result-rows.js";
import { BUILT_IN_RULE_SETS } from "../rulesets/built-in-names.js";
import { shippedCatalogue } from "../rulesets/catalogue.js";
import { loadBuiltInRuleSet } from "../rulesets/from-json.js";
import { applyOverrides } from "../rulesets/overrides.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { EXIT, UsageError, write, type CliIo } from "./io.js";
import { LANGUAGES, oneOf, parseOptions } from "./options.js";
import type { Language } from "../messages/catalogue.js";
import { readRejections, readResultRecords } from "./results-input.js";
import { loadRuleSetArgument, SET_HELP, SET_OPTION, setOverrides } from "./rule-set-arg.js";

export const REPORT_HELP = `Usage: dixian report <results> [--previous <results>] [--rejects FILE] [--rules DIR] --out DIR [--lang zh|en]

Writes the monthly analysis (一月一分析) of screening results: DIR/report.json, a self-contained
DIR/report.html (prints on A4) and DIR/report.xlsx. Reads what "dixian screen" wrote: NDJSON or a
JSON array, or the CSV or XLSX table (--format csv|xlsx, Chinese or English headers; rejected
households included there, for NDJSON give --rejects). The page is titled with the township (or
county) and month and counts 户 and 人: the parameters set by hand or supplied by a county, census
coverage, the identification pipeline, this month's changes (new identifications, eliminations,
overdue tasks), the week's work by village, visits, the data-check problems, totals by flag,
villages × flags, categories, risk types, 3+1 problems, measures by group, and the first households
to identify or to start elimination with their reasons (report.xlsx lists them all, and the
worklist). With --previous, what changed since last month. --rules names the rule set the results
came from (a shipped one is found by itself), for the names of measures and groups and the
parameters a county supplied.
生成月度分析报告（JSON、可离线打开的 HTML 和工作簿）。

Options:
  --previous FILE      last month's results, any of the formats above
  --rejects FILE       rejected households (NDJSON, as "dixian screen --rejects" writes them)
  --rules DIR          the rule set the results came from, or builtin:NAME
${SET_HELP}
  --out DIR            folder for report.json, report.html and report.xlsx
  --lang zh|en         language of the report (default Chinese)`;

/** What a report is made of; `dixian report` and `dixian screen --report` both make one with it. */
export interface ReportSources {
  results: string;
  previous?: string;
  rejects?: string;
  /** Households rejected in the same run, for results written as NDJSON (tables list their own). */
  rejected?: readonly { householdId: string | null; reason: string }[];
  ruleSet: RuleSet | null;
  out: string;
  language: Language;
}

/** A shipped rule set's measures know every shipped name, local ones included. */
const SHIPPED_NAMES = BUILT_IN_RULE_SETS[BUILT_IN_RULE_SETS.length - 1]!;

/** The shipped rule set the results name, with their overrides, when its hash is theirs; else null. */
function shippedRuleSetOf(report: MonthlyReport): RuleSet | null {
  const [ruleSet] = report.ruleSets;
  if (report.ruleSets.length !== 1 || !ruleSet) return null;
  const name = BUILT_IN_RULE_SETS.find((candidate) => candidate.split("/").pop() === ruleSet.id);
  if (!name) return null;
  try {
    const shipped = loadBuiltInRuleSet(name);
    const used = ruleSet.overrides ? applyOverrides(shipped, ruleSet.overrides) : shipped;
    return used.hash === ruleSet.hash ? used : null;
  } catch {
    return null;
  }
}

/** Builds the report of `sources` and writes its three files together (or, on a failure, none). */
export async function writeReport(sources: ReportSources, io: CliIo): Promise<string[]> {
  const { language } = sources;
  const names: MeasureNames = measureNames((sources.ruleSet ?? loadBuiltInRuleSet(SHIPPED_NAMES)).measures);
  // Table rows name risk types and 3+1 items by their labels: read with the rule set's catalogue, else the shipped one.
  const reading = { measures: names, catalogue: sources.ruleSet ?? shippedCatalogue() };
  const builder = new MonthlyReportBuilder(sources.results, sources.previous ?? null);
  for await (const { record } of readResultRecords(sources.results, io, language, reading)) builder.addRecord(record);
  for (const rejection of sources.rejected ?? []) builder.addRejected(rejection.householdId, null, rejection.reason);
  if (sources.rejects)
    for await (const record of readRejections(sources.rejects, io, language)) builder.addRecord(record);
  if (sources.previous) {
    const previous = new Map<string, Flag>();
    for await (const { record } of readResultRecords(sources.previous, io, language, reading))
      if (record.kind === "result") previous.set(record.result.householdId, record.result.flag);
    builder.compareWith(previous);
  }
  const built = builder.build();
  const ruleSet = sources.ruleSet ?? shippedRuleSetOf(built);
  const asOf = built.asOf[built.asOf.length - 1];
  // The labels of the rule set the results came from (--rules, or the shipped one their hash names), else the shipped catalogue's.
  const catalogue = ruleSet ?? shippedCatalogue();
  const report: MonthlyReport = {
    ...built,
    parameters: ruleSet && asOf ? suppliedParameters(ruleSet, asOf, language) : built.parameters,
    ...catalogueLabels(catalogue, language),
  };
  ensureDirectory(sources.out);
  // All built before any is written, so a failure leaves every file of the last report in place.
  const html = monthlyReportHtml(report, language);
  const workbook = await reportWorkbook(report, language);
  const files = ["report.xlsx", "report.html", "report.json"].map((name) => join(sources.out, name));
  // The three files are one report: replaced together, or (a full disk) not at all.
  writeFilesAtomically([
    { path: files[0]!, data: workbook },
    { path: files[1]!, data: html },
    { path: files[2]!, data: JSON.stringify(report, null, 2) + "\n" },
  ]);
  return files;
}

/**
 * Creates the output folder (its parent must exist). Not `recursive: true`: on some special file
 * systems (/proc) Node's recursive mkdir never returns.
 */
function ensureDirectory(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError("outNotFolder", { dir });
    return;
  }
  try {
    mkdirSync(dir);
  } catch (error) {
    throw new UsageError("cannotCreateOut", {
      dir,
      detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
    });
  }
}

/** The three files a report folder gets, for refusing an input that is one of them. */
export function reportFiles(out: string): { label: string; path: string }[] {
  return ["report.json", "report.html", "report.xlsx"].map((name) => ({ label: "--out", path: join(out, name) }));
}

/** `dixian report`: the monthly analysis of screening results. */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    previous: { type: "string" },
    rejects: { type: "string" },
    rules: { type: "string" },
    set: SET_OPTION,
    out: { type: "string" },
    lang: { type: "string", default: "zh" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, REPORT_HELP + "\n");
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("oneResultsFile");
  if (!values.out) throw new UsageError("optionRequired", { option: "--out DIR" });
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  const inputs = [positionals[0]!, values.previous, values.rejects].filter((path): path is string => !!path);
  for (const path of inputs) if (path !== "-" && !existsSync(path)) throw new UsageError("notFound", { path });
  refuseClashingPaths(
    inputs.map((path) => ({ label: "input", path })),
    reportFiles(values.out),
  );
  const ruleSet = values.rules
    ? loadRuleSetArgument(values.rules, setOverrides(values.set, "--set", language), language)
    : null;
  const files = await writeReport(
    {
      results: positionals[0]!,
      previous: values.previous,
      rejects: values.rejects,
      ruleSet,
      out: values.out,
      language,
    },
    io,
  );
  await write(io.stdout, files.slice().reverse().join("\n") + "\n");
  return EXIT.ok;
}
