import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { loadRuleSetArgument } from "./rule-set-arg.js";
import { prepareRuleSet, screenBatch, type Rejection } from "../screening/screen.js";
import type { Language } from "../results/result-types.js";
import { EXIT, openInput, openOutput, UsageError, write, type CliIo } from "./io.js";
import { readHouseholds } from "./read-households.js";

export const SCREEN_HELP = `Usage: dixian screen --rules <rule-set dir> --as-of <YYYY-MM-DD> [options] <input file | ->

Screens households (JSON, JSON array or NDJSON) and writes one result per household, in input order.
按规则集筛查农户，逐户输出结果（顺序与输入一致）。

Options:
  --rules DIR          rule-set directory, or builtin:NAME (builtin:yunnan)  规则集目录
  --as-of DATE         assessment date YYYY-MM-DD                            评估日
  --format FORMAT      ndjson (default) or json                             输出格式
  --out FILE           write results to FILE instead of standard output     结果文件
  --rejects FILE       write rejected households (NDJSON) to FILE           不合格记录文件
  --lang zh|en         language of labels and reasons (default zh)          语言
  --explain            include every rule's outcome in "explanation"        附带规则解释
  --quiet              no summary on standard error                         不输出统计
  -h, --help           show this help

Exit status: 0 all screened; 1 some households rejected; 2 bad arguments or rule set.`;

/** `dixian screen`: streams households through a rule set. */
export async function screenCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      rules: { type: "string" },
      "as-of": { type: "string" },
      format: { type: "string", default: "ndjson" },
      out: { type: "string" },
      rejects: { type: "string" },
      lang: { type: "string", default: "zh" },
      explain: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    await write(io.stdout, SCREEN_HELP + "\n");
    return EXIT.ok;
  }
  if (!values.rules) throw new UsageError("--rules <rule-set dir> is required");
  if (!values["as-of"]) throw new UsageError("--as-of <YYYY-MM-DD> is required");
  if (values.format !== "ndjson" && values.format !== "json") throw new UsageError(`--format must be ndjson or json, not "${values.format}"`);
  if (values.lang !== "zh" && values.lang !== "en") throw new UsageError(`--lang must be zh or en, not "${values.lang}"`);
  if (positionals.length !== 1) throw new UsageError("give exactly one input file, or - for standard input");
  const inputPath = positionals[0]!;
  if (inputPath !== "-" && !existsSync(inputPath)) throw new UsageError(`input file not found: ${inputPath}`);

  const ruleSet = loadRuleSetArgument(values.rules);
  const asOf = values["as-of"];
  prepareRuleSet(ruleSet, asOf);

  const output = openOutput(values.out, io.stdout);
  const rejectsOutput = values.rejects ? openOutput(values.rejects, io.stderr) : null;
  const counts = { read: 0, screened: 0, rejected: 0 };
  const json = values.format === "json";
  if (json) await write(output.stream, "[");
  try {
    for await (const entry of screenBatch(readHouseholds(openInput(inputPath, io)), {
      ruleSet, asOf, lang: values.lang as Language, explain: values.explain,
    })) {
      counts.read++;
      if (entry.ok) {
        const text = JSON.stringify(entry.result);
        await write(output.stream, json ? `${counts.screened ? "," : ""}\n${text}` : text + "\n");
        counts.screened++;
      } else {
        counts.rejected++;
        if (rejectsOutput) await write(rejectsOutput.stream, JSON.stringify(entry.rejection) + "\n");
        await write(io.stderr, describeRejection(entry.rejection) + "\n");
      }
    }
  } finally {
    if (json) await write(output.stream, counts.screened ? "\n]\n" : "]\n");
    await output.close();
    await rejectsOutput?.close();
  }
  if (!values.quiet) {
    await write(io.stderr, `dixian screen: read ${counts.read}, screened ${counts.screened}, rejected ${counts.rejected} (${ruleSet.id} ${ruleSet.hash}, as of ${asOf})\n`);
  }
  return counts.rejected > 0 ? EXIT.rejected : EXIT.ok;
}

/** One line per rejection: where it is, which household, and every bad field. */
export function describeRejection(rejection: Rejection): string {
  const where = rejection.line !== undefined ? `line ${rejection.line}` : `index ${rejection.index}`;
  const who = rejection.householdId ? ` (id ${rejection.householdId})` : "";
  const issues = rejection.issues.map((issue) => `${issue.path || "/"}: ${issue.message}`).join("; ");
  return `rejected ${where}${who}: ${issues}`;
}
