import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { explanationText } from "../results/explain-text.js";
import type { Language } from "../results/result-types.js";
import { loadRuleSetArgument } from "./rule-set-arg.js";
import { prepareRuleSet, screenBatch } from "../screening/screen.js";
import { EXIT, openInput, UsageError, write, type CliIo } from "./io.js";
import { readHouseholds } from "./read-households.js";
import { describeRejection } from "./screen-command.js";

export const EXPLAIN_HELP = `Usage: dixian explain --rules <rule-set dir> --as-of <YYYY-MM-DD> [--lang zh|en] [--json] <household file | ->

Explains the screening of one household (or each household of a file): the figures and the
threshold in force with its source, every stage's rules met / not met / not evaluated with the
values compared and the parameters used, the flag with its reasons, the measures with theirs.
逐条解释一户的筛查：数值与监测标准、各阶段规则是否满足及比较的数值、标记理由、措施理由。

Options:
  --rules DIR     rule-set directory, or builtin:NAME     规则集目录
  --as-of DATE    assessment date YYYY-MM-DD              评估日
  --lang zh|en    language (default zh)                   语言
  --json          the structured result with its explanation, as JSON
  --engine NAME   compiled (default) or json-rules-engine
  -h, --help      show this help`;

/** `dixian explain`: a readable explanation of a household's screening. */
export async function explainCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      rules: { type: "string" }, "as-of": { type: "string" }, lang: { type: "string", default: "zh" },
      json: { type: "boolean", default: false }, engine: { type: "string", default: "compiled" }, help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    await write(io.stdout, EXPLAIN_HELP + "\n");
    return EXIT.ok;
  }
  if (!values.rules) throw new UsageError("--rules <rule-set dir> is required");
  if (!values["as-of"]) throw new UsageError("--as-of <YYYY-MM-DD> is required");
  if (values.lang !== "zh" && values.lang !== "en") throw new UsageError(`--lang must be zh or en, not "${values.lang}"`);
  if (values.engine !== "compiled" && values.engine !== "json-rules-engine") throw new UsageError(`--engine must be compiled or json-rules-engine, not "${values.engine}"`);
  if (positionals.length !== 1) throw new UsageError("give one household file, or - for standard input");
  if (positionals[0] !== "-" && !existsSync(positionals[0]!)) throw new UsageError(`input file not found: ${positionals[0]}`);
  const ruleSet = loadRuleSetArgument(values.rules);
  const asOf = values["as-of"];
  prepareRuleSet(ruleSet, asOf);
  const language = values.lang as Language;
  let rejected = 0;
  let first = true;
  for await (const entry of screenBatch(readHouseholds(openInput(positionals[0]!, io)), { ruleSet, asOf, lang: language, explain: true, engine: values.engine === "json-rules-engine" ? "json-rules-engine" : "compiled" })) {
    if (!entry.ok) {
      rejected++;
      await write(io.stderr, describeRejection(entry.rejection) + "\n");
      continue;
    }
    const text = values.json ? JSON.stringify(entry.result, null, 2) + "\n" : explanationText(entry.result, ruleSet, language);
    await write(io.stdout, (first ? "" : "\n") + text);
    first = false;
  }
  return rejected > 0 ? EXIT.rejected : EXIT.ok;
}
