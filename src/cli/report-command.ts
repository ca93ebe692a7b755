import { existsSync, mkdirSync, statSync } from "node:fs";
import { refuseClashingPaths, writeFilesAtomically } from "./atomic-output.js";
import { DixianError } from "../errors.js";
import { message } from "../results/messages.js";
import { join } from "node:path";
import type { Flag } from "../input/enums.js";
import { MonthlyReportBuilder } from "../reporting/monthly-report.js";
import { monthlyReportHtml } from "../reporting/report-html.js";
import { reportWorkbook } from "../reporting/report-xlsx.js";
import type { ScreeningResult } from "../results/result-types.js";
import { EXIT, openInput, UsageError, write, type CliIo } from "./io.js";
import { LANGUAGES, oneOf, parseOptions } from "./options.js";
import type { Language } from "../results/language.js";
import { readHouseholdSources } from "./read-households.js";

export const REPORT_HELP = `Usage: dixian report <results> [--previous <last month's results>] --out DIR [--lang zh|en]

Writes the monthly analysis (一月一分析) of screening results (NDJSON or a JSON array from
"dixian screen"): DIR/report.json, a self-contained DIR/report.html (prints on A4) and DIR/report.xlsx.
The page is titled with the township (or county) and month and counts 户 and 人: this month's changes
first (new identifications, eliminations, overdue verification of leads), the data-check problems,
totals by flag with percentages, villages × flags, categories, risk types, 3+1 problems, measures by
group with their names, and the first households to identify or eliminate with their reasons
(report.xlsx lists them all). With --previous, what changed since last month.
生成月度分析报告（JSON 和可离线打开的 HTML）。`;

/**
 * The results of a file, in order. A household listed twice would be counted twice in every total,
 * so repeated ids refuse the file (E_REPORT_DUPLICATE_ID) naming each id and its lines, once the
 * whole file has been read.
 */
async function* results(path: string, io: CliIo, language: Language): AsyncGenerator<ScreeningResult> {
  const linesById = new Map<string, (number | string)[]>();
  let position = 0;
  for await (const result of readResults(path, io, language)) {
    position++;
    const where = result.line ?? position;
    const lines = linesById.get(result.value.householdId);
    if (lines) lines.push(where);
    else linesById.set(result.value.householdId, [where]);
    yield result.value;
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

async function* readResults(
  path: string,
  io: CliIo,
  language: Language,
): AsyncGenerator<{ value: ScreeningResult; line: number | undefined }> {
  for await (const item of readHouseholdSources(openInput(path, io), language)) {
    if (item.kind === "error")
      throw new UsageError("resultLineProblem", { path, line: item.line, problem: item.message });
    let value: unknown;
    try {
      value = item.kind === "line" ? JSON.parse(item.text) : item.value;
    } catch {
      throw new UsageError("notJsonResult", { path, line: item.kind === "line" ? item.line : "?" });
    }
    const result = value as ScreeningResult;
    if (
      !result ||
      typeof result.householdId !== "string" ||
      typeof result.flag !== "string" ||
      !Array.isArray(result.riskTypes) ||
      !Array.isArray(result.measures) ||
      typeof result.guarantees !== "object" ||
      !Array.isArray(result.reasons) ||
      typeof result.figures !== "object" ||
      typeof result.ruleSet !== "object"
    ) {
      throw new UsageError("notScreeningResult", {
        where: item.kind === "line" && item.line !== undefined ? `${path}:${item.line}` : path,
      });
    }
    yield { value: result, line: item.line };
  }
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

/** `dixian report`: the monthly analysis of screening results. */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    previous: { type: "string" },
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
  for (const path of [positionals[0]!, values.previous])
    if (path && path !== "-" && !existsSync(path)) throw new UsageError("notFound", { path });
  const inputs = [positionals[0]!, values.previous]
    .filter((path): path is string => !!path)
    .map((path) => ({ label: "input", path }));
  refuseClashingPaths(
    inputs,
    ["report.json", "report.html", "report.xlsx"].map((name) => ({ label: "--out", path: join(values.out!, name) })),
  );
  const builder = new MonthlyReportBuilder(positionals[0]!, values.previous ?? null);
  for await (const result of results(positionals[0]!, io, language)) builder.add(result);
  if (values.previous) {
    const previous = new Map<string, Flag>();
    for await (const result of results(values.previous, io, language)) previous.set(result.householdId, result.flag);
    builder.compareWith(previous);
  }
  const report = builder.build();
  ensureDirectory(values.out);
  // All built before any is written, so a failure leaves every file of the last report in place.
  const html = monthlyReportHtml(report, language);
  const workbook = await reportWorkbook(report, language);
  // The three files are one report: replaced together, or (a full disk) not at all.
  writeFilesAtomically([
    { path: join(values.out, "report.xlsx"), data: workbook },
    { path: join(values.out, "report.html"), data: html },
    { path: join(values.out, "report.json"), data: JSON.stringify(report, null, 2) + "\n" },
  ]);
  await write(
    io.stdout,
    `${join(values.out, "report.json")}\n${join(values.out, "report.html")}\n${join(values.out, "report.xlsx")}\n`,
  );
  return EXIT.ok;
}
