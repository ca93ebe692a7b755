import { existsSync, mkdirSync, statSync } from "node:fs";
import { refuseClashingPaths, writeFileAtomically } from "./atomic-output.js";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Flag } from "../input/enums.js";
import { MonthlyReportBuilder } from "../reporting/monthly-report.js";
import { monthlyReportHtml } from "../reporting/report-html.js";
import type { ScreeningResult } from "../results/result-types.js";
import { EXIT, openInput, UsageError, write, type CliIo } from "./io.js";
import { LANGUAGES, oneOf } from "./options.js";
import { readHouseholdSources } from "./read-households.js";

export const REPORT_HELP = `Usage: dixian report <results> [--previous <last month's results>] --out DIR [--lang zh|en]

Writes the monthly analysis (一月一分析) of screening results (NDJSON or a JSON array from
"dixian screen"): DIR/report.json and a self-contained DIR/report.html with inline charts — totals by
flag, villages × flags, categories, risk types, 3+1 problems, measures needed and in place by group,
and the households to identify or eliminate with their reasons. With --previous, what changed since.
生成月度分析报告（JSON 和可离线打开的 HTML）。`;

async function* results(path: string, io: CliIo): AsyncGenerator<ScreeningResult> {
  for await (const item of readHouseholdSources(openInput(path, io))) {
    if (item.kind === "error") throw new UsageError(`${path} line ${item.line}: ${item.message}`);
    let value: unknown;
    try {
      value = item.kind === "line" ? JSON.parse(item.text) : item.value;
    } catch {
      throw new UsageError(`${path} line ${item.kind === "line" ? item.line : "?"}: not a JSON result`);
    }
    const result = value as ScreeningResult;
    if (!result || typeof result.householdId !== "string" || typeof result.flag !== "string" || !Array.isArray(result.riskTypes)
      || !Array.isArray(result.measures) || typeof result.guarantees !== "object" || !Array.isArray(result.reasons) || typeof result.figures !== "object" || typeof result.ruleSet !== "object") {
      throw new UsageError(`${path}${item.kind === "line" ? ` line ${item.line}` : ""}: not a screening result (run "dixian screen" first)`);
    }
    yield result;
  }
}

/**
 * Creates the output folder (its parent must exist). Not `recursive: true`: on some special file
 * systems (/proc) Node's recursive mkdir never returns.
 */
function ensureDirectory(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--out ${dir} is not a folder`);
    return;
  }
  try {
    mkdirSync(dir);
  } catch (error) {
    throw new UsageError(`cannot create --out ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** `dixian report`: the monthly analysis of screening results. */
export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { previous: { type: "string" }, out: { type: "string" }, lang: { type: "string", default: "zh" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    await write(io.stdout, REPORT_HELP + "\n");
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("give one results file");
  if (!values.out) throw new UsageError("--out DIR is required");
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  for (const path of [positionals[0]!, values.previous]) if (path && path !== "-" && !existsSync(path)) throw new UsageError(`not found: ${path}`);
  const inputs = [positionals[0]!, values.previous].filter((path): path is string => !!path).map((path) => ({ label: "input", path }));
  refuseClashingPaths(inputs, ["report.json", "report.html"].map((name) => ({ label: "--out", path: join(values.out!, name) })));
  const builder = new MonthlyReportBuilder(positionals[0]!, values.previous ?? null);
  for await (const result of results(positionals[0]!, io)) builder.add(result);
  if (values.previous) {
    const previous = new Map<string, Flag>();
    for await (const result of results(values.previous, io)) previous.set(result.householdId, result.flag);
    builder.compareWith(previous);
  }
  const report = builder.build();
  ensureDirectory(values.out);
  // Both built before either is written, so a failure leaves both files of the last report in place.
  const html = monthlyReportHtml(report, language);
  writeFileAtomically(join(values.out, "report.json"), JSON.stringify(report, null, 2) + "\n");
  writeFileAtomically(join(values.out, "report.html"), html);
  await write(io.stdout, `${join(values.out, "report.json")}\n${join(values.out, "report.html")}\n`);
  return EXIT.ok;
}
