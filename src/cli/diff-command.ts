import { impactDiff, impactDiffText } from "../reporting/impact-diff.js";
import { prepareRuleSet } from "../batch/screen.js";
import { statSync } from "node:fs";
import { LANGUAGES, oneOf, parseOptions, required, singleInput } from "./options.js";
import { createProgress } from "./progress.js";
import { EXIT, openInput, write, type CliIo } from "./io.js";
import { parseSourceItem, readHouseholdSources } from "../sources/read-households.js";
import { applyOverrides } from "../rulesets/overrides.js";
import { loadRuleSetArgument, SET_OPTION, setOverrides } from "./rule-set-arg.js";
import { TABLE_ENCODINGS } from "../sources/table-decode.js";
import { isTableInput, readTableSources } from "../sources/table-input.js";
import { describeRejection } from "./screen-command.js";

export const DIFF_HELP = `Usage: dixian diff <households> --rules A [--rules-b B] --as-of D [--as-of-b D2] [--json] [--lang zh|en]
           [--set NAME=VALUE]... [--set-a NAME=VALUE]... [--set-b NAME=VALUE]...

Screens the same households two ways — two rule sets, two dates, or both — and reports the flag
transition matrix and every household whose flag changed, with its figures and reasons before and
after. Answers "what happens if the threshold rises to 9000" before the notice is published.
同一批农户按两套规则或两个日期筛查，列出标记变化矩阵和每一户的变化。

Options:
  --rules A       rule set of the first screening
  --rules-b B     rule set of the second (default: A)
  --as-of D       date of the first screening
  --as-of-b D2    date of the second (default: D)
  --json          the full diff as JSON
  --lang zh|en    language of reasons and messages (default zh)
  --quiet         no progress bar on standard error
  --encoding ENC  tables: utf8 or gb18030 (default: detected)
  --set N=V       override a parameter in both screenings (repeatable)     两次筛查都覆盖参数
  --set-a N=V     override a parameter in the first screening only         仅覆盖第一次筛查的参数
  --set-b N=V     override a parameter in the second screening only        仅覆盖第二次筛查的参数
                  (what-if: --rules builtin:yunnan --set-b threshold=9000;
                  two what-ifs: --set-a threshold=9000 --set-b threshold=9500)`;

/** `dixian diff`: the impact of a rule or date change on a population. */
export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    rules: { type: "string" },
    "rules-b": { type: "string" },
    "as-of": { type: "string" },
    "as-of-b": { type: "string" },
    json: { type: "boolean", default: false },
    encoding: { type: "string" },
    lang: { type: "string", default: "zh" },
    quiet: { type: "boolean", default: false },
    set: SET_OPTION,
    "set-a": SET_OPTION,
    "set-b": SET_OPTION,
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, DIFF_HELP + "\n");
    return EXIT.ok;
  }
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  const overrides = setOverrides(values.set, "--set", language);
  const overridesA = setOverrides(values["set-a"], "--set-a", language);
  const overridesB = setOverrides(values["set-b"], "--set-b", language);
  const baseA = loadRuleSetArgument(required(values.rules, "--rules <rule-set dir>"), overrides, language);
  const a = {
    ruleSet: Object.keys(overridesA).length ? applyOverrides(baseA, overridesA, language) : baseA,
    asOf: required(values["as-of"], "--as-of <YYYY-MM-DD>"),
  };
  const input = singleInput(positionals, "whatHouseholds");
  // --set-a stays on the first side: without --rules-b the second starts from the rule set before it.
  const baseB = values["rules-b"] ? loadRuleSetArgument(values["rules-b"], overrides, language) : baseA;
  const b = {
    ruleSet: Object.keys(overridesB).length ? applyOverrides(baseB, overridesB, language) : baseB,
    asOf: values["as-of-b"] ?? a.asOf,
  };
  prepareRuleSet(a.ruleSet, a.asOf, language);
  prepareRuleSet(b.ruleSet, b.asOf, language);
  let bytesRead = 0;
  const totalBytes = input !== "-" && statSync(input).isFile() ? statSync(input).size : 0;
  const counted = async function* (chunks: AsyncIterable<Buffer | string>) {
    for await (const chunk of chunks) {
      bytesRead += chunk.length;
      yield chunk;
    }
  };
  const sources =
    input !== "-" && isTableInput(input)
      ? readTableSources(input, {
          language,
          catalogue: a.ruleSet,
          encoding: values.encoding === undefined ? undefined : oneOf(values.encoding, "--encoding", TABLE_ENCODINGS),
        })
      : readHouseholdSources(counted(openInput(input, io)), language);
  const progress = createProgress(io.stderr, values.quiet, {
    language,
    fraction: () => (totalBytes ? bytesRead / totalBytes : null),
  });
  const items = (async function* () {
    let done = 0;
    for await (const source of sources) {
      yield parseSourceItem(source, language);
      progress.tick(++done);
    }
  })();
  let diff;
  try {
    diff = await impactDiff(items, a, b, language);
  } finally {
    progress.finish();
  }
  for (const rejection of diff.rejected) await write(io.stderr, describeRejection(rejection, language) + "\n");
  await write(io.stdout, values.json ? JSON.stringify(diff, null, 2) + "\n" : impactDiffText(diff));
  return diff.rejected.length ? EXIT.rejected : EXIT.ok;
}
