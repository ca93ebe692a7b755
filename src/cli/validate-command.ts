import { DixianError, formatLocation } from "../errors.js";
import { calendarDateIssue } from "../input/calendar-date.js";
import { message } from "../results/messages.js";
import { LANGUAGES, oneOf, parseOptions } from "./options.js";
import { loadRuleSetArgument } from "./rule-set-arg.js";
import { valueInForce } from "../rulesets/parameters.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { ParameterValue } from "../rulesets/schema.js";
import { EXIT, UsageError, write, type CliIo } from "./io.js";

export const VALIDATE_HELP = `Usage: dixian validate [--as-of YYYY-MM-DD] [--lang zh|en] <rule-set dir>...

Checks rule sets: JSON syntax, schema, and every reference (facts and their params, operators,
parameters and their periods, risk types, measures, named conditions, extends). Each problem names
the file, line, column and JSON path. Warns about parameter values in force whose status is not
"confirmed" (on --as-of, or each parameter's latest value when no date is given).
校验规则集：语法、结构和引用，错误给出文件、行列和 JSON 路径；对未证实的参数取值给出警告。

Options:
  --as-of DATE    warn about the values in force on DATE               评估日
  --lang zh|en    language of the problems and warnings (default zh)   语言（默认中文）
  -h, --help      show this help

Exit status: 0 no errors (warnings allowed); 2 errors found.`;

/** The parameter values to warn about: in force on `asOf`, or each parameter's latest value. */
function unconfirmedValues(ruleSet: RuleSet, asOf: string | undefined): { name: string; value: ParameterValue }[] {
  const found: { name: string; value: ParameterValue }[] = [];
  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    const value = asOf ? valueInForce(parameter, asOf) : parameter.values[parameter.values.length - 1];
    if (value && value.status !== "confirmed") found.push({ name, value });
  }
  return found;
}

/** `dixian validate`: loads each rule set and reports every problem. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    "as-of": { type: "string" }, lang: { type: "string", default: "zh" }, help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, VALIDATE_HELP + "\n");
    return EXIT.ok;
  }
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  if (positionals.length === 0) throw new UsageError("atLeastOneRuleSet");
  const asOf = values["as-of"];
  const dateIssue = asOf === undefined ? null : calendarDateIssue(asOf);
  if (dateIssue) throw new UsageError("optionProblem", { option: "--as-of", problemId: dateIssue.id, ...dateIssue.values });
  const colon = message("colon", language);
  let failed = false;
  for (const dir of positionals) {
    try {
      const ruleSet = loadRuleSetArgument(dir, language);
      for (const { name, value } of unconfirmedValues(ruleSet, asOf)) {
        const origin = ruleSet.origins.get(`parameter:${name}`) ?? { file: dir, path: `/${name}` };
        const warning = { location: formatLocation(origin), name, value: String(value.value), from: value.from, status: value.status };
        await write(io.stderr, message("validateWarning", language, warning) + "\n");
      }
      const summary = { dir, id: ruleSet.id, version: ruleSet.version, layers: ruleSet.layers.join(" → "), rules: ruleSet.rules.length, hash: ruleSet.hash };
      await write(io.stdout, message("validateOk", language, summary) + "\n");
    } catch (error) {
      if (!(error instanceof DixianError)) throw error;
      failed = true;
      const problems = error.problems.length ? error.problems : [{ file: dir, path: "", message: error.message }];
      for (const problem of problems) await write(io.stderr, `${formatLocation(problem)}${colon}${problem.message}\n`);
    }
  }
  return failed ? EXIT.failure : EXIT.ok;
}
