import { parseArgs } from "node:util";
import { DixianError, formatLocation } from "../errors.js";
import { loadRuleSet } from "../rulesets/load.js";
import { EXIT, UsageError, write, type CliIo } from "./io.js";

export const VALIDATE_HELP = `Usage: dixian validate <rule-set dir>...

Checks rule sets: JSON syntax, schema, and every reference (facts, operators, parameters, risk types,
measures, named conditions, extends). Each problem names the file, line, column and JSON path.
校验规则集：语法、结构和引用，错误给出文件、行列和 JSON 路径。

Exit status: 0 no errors; 2 errors found.`;

/** `dixian validate`: loads each rule set and reports every problem. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    await write(io.stdout, VALIDATE_HELP + "\n");
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("give at least one rule-set directory");
  let failed = false;
  for (const dir of positionals) {
    try {
      const ruleSet = loadRuleSet(dir);
      await write(io.stdout, `ok ${dir}: ${ruleSet.id} ${ruleSet.version} (${ruleSet.layers.join(" → ")}), ${ruleSet.rules.length} rules, ${ruleSet.hash}\n`);
    } catch (error) {
      if (!(error instanceof DixianError)) throw error;
      failed = true;
      const problems = error.problems.length ? error.problems : [{ file: dir, path: "", message: error.message }];
      for (const problem of problems) await write(io.stderr, `${formatLocation(problem)}: ${problem.message}\n`);
    }
  }
  return failed ? EXIT.failure : EXIT.ok;
}
