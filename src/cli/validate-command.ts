import { parseArgs } from "node:util";
import { DixianError, formatLocation } from "../errors.js";
import { calendarDateProblem } from "../input/calendar-date.js";
import { loadRuleSetArgument } from "./rule-set-arg.js";
import { valueInForce } from "../rulesets/parameters.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { ParameterValue } from "../rulesets/schema.js";
import { EXIT, UsageError, write, writeText, type CliIo } from "./io.js";

export const VALIDATE_HELP = `Usage: dixian validate [--as-of YYYY-MM-DD] <rule-set dir>...

Checks rule sets: JSON syntax, schema, and every reference (facts and their params, operators,
parameters and their periods, risk types, measures, named conditions, extends). Each problem names
the file, line, column and JSON path. Warns about parameter values in force whose status is not
"confirmed" (on --as-of, or each parameter's latest value when no date is given).
校验规则集：语法、结构和引用，错误给出文件、行列和 JSON 路径；对未证实的参数取值给出警告。

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
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { "as-of": { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    await write(io.stdout, VALIDATE_HELP + "\n");
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("give at least one rule-set directory");
  const asOf = values["as-of"];
  if (asOf !== undefined && calendarDateProblem(asOf)) throw new UsageError(`--as-of: ${calendarDateProblem(asOf)}`);
  let failed = false;
  for (const dir of positionals) {
    try {
      const ruleSet = loadRuleSetArgument(dir);
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
