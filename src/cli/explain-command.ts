import { explanationText } from "../results/explain-text.js";
import { loadRuleSetArgument, SET_HELP, SET_OPTION, setOverrides } from "./rule-set-arg.js";
import { prepareRuleSet, screenBatch } from "../batch/screen.js";
import { ENGINE_NAMES } from "../evaluation/types.js";
import { LANGUAGES, oneOf, parseOptions, required, singleInput } from "./options.js";
import { EXIT, openInput, write, type CliIo } from "./io.js";
import { readHouseholds } from "../sources/read-households.js";
import { describeRejection } from "./screen-command.js";

export const EXPLAIN_HELP = `Usage: dixian explain --rules <rule-set dir> --as-of <YYYY-MM-DD> [--lang zh|en] [--json] [--set NAME=VALUE]... <household file | ->

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
${SET_HELP}
  -h, --help      show this help`;

/** `dixian explain`: a readable explanation of a household's screening. */
export async function explainCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    rules: { type: "string" },
    "as-of": { type: "string" },
    lang: { type: "string", default: "zh" },
    json: { type: "boolean", default: false },
    engine: { type: "string", default: "compiled" },
    set: SET_OPTION,
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, EXPLAIN_HELP + "\n");
    return EXIT.ok;
  }
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  const ruleSet = loadRuleSetArgument(
    required(values.rules, "--rules <rule-set dir>"),
    setOverrides(values.set, "--set", language),
    language,
  );
  const asOf = required(values["as-of"], "--as-of <YYYY-MM-DD>");
  const engine = oneOf(values.engine, "--engine", ENGINE_NAMES);
  const input = singleInput(positionals, "whatHouseholdFile");
  prepareRuleSet(ruleSet, asOf, language);
  let rejected = 0;
  let first = true;
  for await (const entry of screenBatch(readHouseholds(openInput(input, io), language), {
    ruleSet,
    asOf,
    lang: language,
    explain: true,
    engine,
  })) {
    if (!entry.ok) {
      rejected++;
      await write(io.stderr, describeRejection(entry.rejection, language) + "\n");
      continue;
    }
    const text = values.json
      ? JSON.stringify(entry.result, null, 2) + "\n"
      : explanationText(entry.result, ruleSet, language);
    await write(io.stdout, (first ? "" : "\n") + text);
    first = false;
  }
  return rejected > 0 ? EXIT.rejected : EXIT.ok;
}
