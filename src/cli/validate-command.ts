import { DixianError, formatLocation } from "../errors.js";
import { calendarDateIssue } from "../input/calendar-date.js";
import { message, type Language } from "../messages/catalogue.js";
import { LANGUAGES, oneOf, parseOptions } from "./options.js";
import { loadRuleSetArgument, SET_HELP, SET_OPTION, setOverrides } from "./rule-set-arg.js";
import { valueInForce } from "../rulesets/parameters.js";
import { parametersUsedBy } from "../rulesets/parameter-references.js";
import { supplyAdvice } from "../rulesets/supply-advice.js";
import { compileFigures, RESULT_FIGURES } from "../facts/figures.js";
import { figuresUsedBy } from "../rulesets/figure-references.js";
import type { Problem } from "../errors.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { ParameterValue } from "../rulesets/schema.js";
import { EXIT, UsageError, write, writeText, type CliIo } from "./io.js";

export const VALIDATE_HELP = `Usage: dixian validate [--as-of YYYY-MM-DD] [--lang zh|en] [--set NAME=VALUE]... <rule-set dir>...

Checks rule sets: JSON syntax, schema, and every reference (facts and their params, operators,
parameters and their periods, risk types, measures, named conditions, extends). Each problem names
the file, line, column and JSON path. Warns about parameter values in force whose status is not
"confirmed" (on --as-of, or each parameter's latest value when no date is given) that the rule set
writes itself (an overlay is not warned about the values it inherits). With --as-of,
also fails when a parameter the rules use has no value in force on that date, or a figure they
read has no definition in force, naming the parameter or figure and the file where it belongs.
校验规则集：语法、结构和引用，错误给出文件、行列和 JSON 路径；对本规则集自己写的未证实参数取值给出警告；
指定 --as-of 时，规则用到的参数在该日没有生效取值也是错误。

Options:
  --as-of DATE         check the values in force on DATE                    按该日检查生效取值
  --lang zh|en         language of the problems and warnings (default zh)   语言（默认中文）
${SET_HELP}
  -h, --help           show this help

Exit status: 0 no errors (warnings allowed); 2 errors found.`;

/**
 * The parameter values to warn about: in force on `asOf`, or each parameter's latest value — only
 * those the rule set's own files write. An inherited value is the base rule set's to confirm (its
 * own `validate` warns about it); an overlay cannot change it, so repeating the warning there is noise.
 */
function unconfirmedValues(ruleSet: RuleSet, asOf: string | undefined): { name: string; value: ParameterValue }[] {
  const found: { name: string; value: ParameterValue }[] = [];
  for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
    const written = Object.hasOwn(ruleSet.ownLayer.parameterValues, name)
      ? ruleSet.ownLayer.parameterValues[name]!
      : [];
    const value = asOf ? valueInForce(parameter, asOf) : parameter.values[parameter.values.length - 1];
    if (value && value.status !== "confirmed" && written.includes(value.from)) found.push({ name, value });
  }
  return found;
}

/**
 * What screening on `asOf` would lack: each parameter the rules use with no value in force (and
 * no override), and a figure read with no definition in force — each located where it belongs.
 */
export function missingOn(ruleSet: RuleSet, asOf: string, language: Language): Problem[] {
  const problems: Problem[] = [];
  for (const name of parametersUsedBy(ruleSet)) {
    if (ruleSet.overrides && Object.hasOwn(ruleSet.overrides, name)) continue;
    if (valueInForce(ruleSet.parameters[name]!, asOf)) continue;
    // An optional parameter may lack a value: the rules using it then do not apply (docs/rule-sets.md).
    if (ruleSet.parameters[name]!.optional === true) continue;
    const origin = ruleSet.origins.get(`parameter:${name}`) ?? { file: ruleSet.id, path: `/${name}` };
    problems.push({
      ...origin,
      message:
        message("parameterNotInForceOn", language, { name, asOf }) +
        supplyAdvice(ruleSet, name, asOf, origin.file, language),
    });
  }
  try {
    compileFigures(
      ruleSet,
      asOf,
      new Set([...RESULT_FIGURES, ...figuresUsedBy(ruleSet).map((use) => use.id)]),
      language,
    );
  } catch (error) {
    if (!(error instanceof DixianError)) throw error;
    problems.push(
      ...(error.problems.length ? error.problems : [{ file: ruleSet.id, path: "", message: error.message }]),
    );
  }
  return problems;
}

/** `dixian validate`: loads each rule set and reports every problem. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    "as-of": { type: "string" },
    lang: { type: "string", default: "zh" },
    set: SET_OPTION,
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, VALIDATE_HELP + "\n");
    return EXIT.ok;
  }
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  if (positionals.length === 0) throw new UsageError("atLeastOneRuleSet");
  const asOf = values["as-of"];
  const dateIssue = asOf === undefined ? null : calendarDateIssue(asOf);
  if (dateIssue)
    throw new UsageError("optionProblem", { option: "--as-of", problemId: dateIssue.id, ...dateIssue.values });
  const overrides = setOverrides(values.set, "--set", language);
  const colon = message("colon", language);
  let failed = false;
  for (const dir of positionals) {
    try {
      const ruleSet = loadRuleSetArgument(dir, overrides, language);
      const missing = asOf ? missingOn(ruleSet, asOf, language) : [];
      if (missing.length) {
        failed = true;
        for (const problem of missing)
          await writeText(io.stderr, `${formatLocation(problem)}${colon}${problem.message}\n`);
        continue;
      }
      for (const { name, value } of unconfirmedValues(ruleSet, asOf)) {
        const origin = ruleSet.origins.get(`parameter:${name}`) ?? { file: dir, path: `/${name}` };
        const warning = {
          location: formatLocation(origin),
          name,
          value: String(value.value),
          from: value.from,
          status: value.status,
        };
        await writeText(io.stderr, message("validateWarning", language, warning) + "\n");
      }
      const summary = {
        dir,
        id: ruleSet.id,
        version: ruleSet.version,
        layers: ruleSet.layers.join(" → "),
        rules: ruleSet.rules.length,
        hash: ruleSet.hash,
      };
      await writeText(io.stdout, message("validateOk", language, summary) + "\n");
    } catch (error) {
      if (!(error instanceof DixianError)) throw error;
      failed = true;
      const problems = error.problems.length ? error.problems : [{ file: dir, path: "", message: error.message }];
      for (const problem of problems)
        await writeText(io.stderr, `${formatLocation(problem)}${colon}${problem.message}\n`);
    }
  }
  return failed ? EXIT.failure : EXIT.ok;
}
