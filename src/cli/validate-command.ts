import { parseArgs } from "node:util";
import { DixianError, formatLocation } from "../errors.js";
import { calendarDateProblem } from "../input/calendar-date.js";
import { loadRuleSetArgument, SET_HELP, SET_OPTION, setOverrides } from "./rule-set-arg.js";
import { valueInForce } from "../rulesets/parameters.js";
import { parametersUsedBy } from "../rulesets/parameter-references.js";
import { compileFigures, RESULT_FIGURES } from "../facts/figures.js";
import { figuresUsedBy } from "../rulesets/figure-references.js";
import type { Problem } from "../errors.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { ParameterValue } from "../rulesets/schema.js";
import { EXIT, UsageError, write, writeText, type CliIo } from "./io.js";

export const VALIDATE_HELP = `Usage: dixian validate [--as-of YYYY-MM-DD] [--set NAME=VALUE]... <rule-set dir>...

Checks rule sets: JSON syntax, schema, and every reference (facts and their params, operators,
parameters and their periods, risk types, measures, named conditions, extends). Each problem names
the file, line, column and JSON path. Warns about parameter values in force whose status is not
"confirmed" (on --as-of, or each parameter's latest value when no date is given). With --as-of,
also fails when a parameter the rules use has no value in force on that date, or a figure they
read has no definition in force, naming the parameter or figure and the file where it belongs.
校验规则集：语法、结构和引用，错误给出文件、行列和 JSON 路径；对未证实的参数取值给出警告；
指定 --as-of 时，规则用到的参数在该日没有生效取值也是错误。

Options:
  --as-of DATE         check the values in force on DATE                    按该日检查生效取值
${SET_HELP}

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

/**
 * What screening on `asOf` would lack: each parameter the rules use with no value in force (and
 * no override), and a figure read with no definition in force — each located where it belongs.
 */
function missingOn(ruleSet: RuleSet, asOf: string): Problem[] {
  const problems: Problem[] = [];
  for (const name of parametersUsedBy(ruleSet)) {
    if (ruleSet.overrides && Object.hasOwn(ruleSet.overrides, name)) continue;
    if (valueInForce(ruleSet.parameters[name]!, asOf)) continue;
    const origin = ruleSet.origins.get(`parameter:${name}`) ?? { file: ruleSet.id, path: `/${name}` };
    problems.push({
      ...origin,
      message: `parameter "${name}" has no value in force on ${asOf}: screening on that date fails. Add a value dated for ${asOf} in ${origin.file}, ` +
        `supply one in a county overlay that extends this rule set, or give --set ${name}=VALUE ` +
        `(参数 ${name} 在 ${asOf} 没有生效取值：请在 ${origin.file} 中增加取值，或由县级规则集提供，或用 --set ${name}=取值)`,
    });
  }
  try {
    compileFigures(ruleSet, asOf, new Set([...RESULT_FIGURES, ...figuresUsedBy(ruleSet).map((use) => use.id)]));
  } catch (error) {
    if (!(error instanceof DixianError)) throw error;
    problems.push(...(error.problems.length ? error.problems : [{ file: ruleSet.id, path: "", message: error.message }]));
  }
  return problems;
}

/** `dixian validate`: loads each rule set and reports every problem. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { "as-of": { type: "string" }, set: SET_OPTION, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    await write(io.stdout, VALIDATE_HELP + "\n");
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("give at least one rule-set directory");
  const asOf = values["as-of"];
  if (asOf !== undefined && calendarDateProblem(asOf)) throw new UsageError(`--as-of: ${calendarDateProblem(asOf)}`);
  const overrides = setOverrides(values.set);
  let failed = false;
  for (const dir of positionals) {
    try {
      const ruleSet = loadRuleSetArgument(dir, overrides);
      const missing = asOf ? missingOn(ruleSet, asOf) : [];
      if (missing.length) {
        failed = true;
        for (const problem of missing) await write(io.stderr, `${formatLocation(problem)}: ${problem.message}\n`);
        continue;
      }
      for (const { name, value } of unconfirmedValues(ruleSet, asOf)) {
        const origin = ruleSet.origins.get(`parameter:${name}`) ?? { file: dir, path: `/${name}` };
        await writeText(io.stderr, `${formatLocation(origin)}: warning: parameter ${name} = ${String(value.value)} (from ${value.from}) has status "${value.status}", not "confirmed"\n`);
      }
      await writeText(io.stdout, `ok ${dir}: ${ruleSet.id} ${ruleSet.version} (${ruleSet.layers.join(" → ")}), ${ruleSet.rules.length} rules, ${ruleSet.hash}\n`);
    } catch (error) {
      if (!(error instanceof DixianError)) throw error;
      failed = true;
      const problems = error.problems.length ? error.problems : [{ file: dir, path: "", message: error.message }];
      for (const problem of problems) await writeText(io.stderr, `${formatLocation(problem)}: ${problem.message}\n`);
    }
  }
  return failed ? EXIT.failure : EXIT.ok;
}
