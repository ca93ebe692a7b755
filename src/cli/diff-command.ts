import { parseArgs } from "node:util";
import { impactDiff, impactDiffText } from "../reporting/impact-diff.js";
import { prepareRuleSet } from "../screening/screen.js";
import { LANGUAGES, oneOf, required, singleInput } from "./options.js";
import { EXIT, openInput, write, type CliIo } from "./io.js";
import { parseSourceItem, readHouseholdSources } from "./read-households.js";
import { applyOverrides } from "../rulesets/overrides.js";
import { loadRuleSetArgument, SET_OPTION, setOverrides } from "./rule-set-arg.js";
import { isTableInput, readTableSources } from "./table-input.js";
import { describeRejection } from "./screen-command.js";

export const DIFF_HELP = `Usage: dixian diff <households> --rules A [--rules-b B] --as-of D [--as-of-b D2] [--json] [--lang zh|en]
           [--set NAME=VALUE]... [--set-b NAME=VALUE]...

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
  --lang zh|en    language of reasons (default zh)
  --set N=V       override a parameter in both screenings (repeatable)     两次筛查都覆盖参数
  --set-b N=V     override a parameter in the second screening only        仅覆盖第二次筛查的参数
                  (what-if: --rules builtin:yunnan --set-b threshold=9000)`;

/** `dixian diff`: the impact of a rule or date change on a population. */
export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      rules: { type: "string" }, "rules-b": { type: "string" }, "as-of": { type: "string" }, "as-of-b": { type: "string" },
      json: { type: "boolean", default: false }, lang: { type: "string", default: "zh" }, set: SET_OPTION, "set-b": SET_OPTION, help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    await write(io.stdout, DIFF_HELP + "\n");
    return EXIT.ok;
  }
  const overrides = setOverrides(values.set);
  const overridesB = setOverrides(values["set-b"], "--set-b");
  const a = { ruleSet: loadRuleSetArgument(required(values.rules, "--rules <rule-set dir>"), overrides), asOf: required(values["as-of"], "--as-of <YYYY-MM-DD>") };
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  const input = singleInput(positionals, "households input");
  const baseB = values["rules-b"] ? loadRuleSetArgument(values["rules-b"], overrides) : a.ruleSet;
  const b = { ruleSet: Object.keys(overridesB).length ? applyOverrides(baseB, overridesB) : baseB, asOf: values["as-of-b"] ?? a.asOf };
  prepareRuleSet(a.ruleSet, a.asOf);
  prepareRuleSet(b.ruleSet, b.asOf);
  const sources = input !== "-" && isTableInput(input) ? readTableSources(input) : readHouseholdSources(openInput(input, io));
  const items = (async function* () {
    for await (const source of sources) yield parseSourceItem(source);
  })();
  const diff = await impactDiff(items, a, b, language);
  for (const rejection of diff.rejected) await write(io.stderr, describeRejection(rejection) + "\n");
  await write(io.stdout, values.json ? JSON.stringify(diff, null, 2) + "\n" : impactDiffText(diff));
  return diff.rejected.length ? EXIT.rejected : EXIT.ok;
}
