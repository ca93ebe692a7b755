import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { rulesNeverFired } from "../rule-tests/coverage.js";
import { findTestFiles, runRuleTests } from "../rule-tests/run.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { EXIT, UsageError, write, writeText, type CliIo } from "./io.js";
import { SET_HELP, SET_OPTION, setOverrides } from "./rule-set-arg.js";

export const TEST_HELP = `Usage: dixian test [--coverage] [--set NAME=VALUE]... <rule-set dir or test file>...

Runs rule tests written as data: for a rule-set directory, every JSON file in its tests/ folder; or
the test files given. Shows each failing case with expected versus actual and ends with
"N passed, N failed".
运行以数据编写的规则测试，列出失败用例的期望值与实际值。

Options:
  --coverage   list the rules that no test made fire        列出没有被任何用例触发的规则
${SET_HELP}
               (applies to every rule set the tests load)
  -h, --help   show this help

Exit status: 0 all passed (and, with --coverage, every rule fired); 1 a test failed; 2 bad arguments or files.`;

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** `dixian test`: runs rule tests and reports failures and coverage. */
export async function testCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { coverage: { type: "boolean", default: false }, set: SET_OPTION, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    await write(io.stdout, TEST_HELP + "\n");
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("give at least one rule-set directory or test file");
  const overrides = setOverrides(values.set);
  const files: string[] = [];
  for (const path of positionals) {
    if (!existsSync(path)) throw new UsageError(`not found: ${path}`);
    files.push(...findTestFiles(path));
  }
  if (files.length === 0) throw new UsageError(`no test files found in ${positionals.join(", ")}`);

  const ruleSets = new Map<string, RuleSet>();
  const outcomes = await runRuleTests(files, ruleSets, { overrides });
  let failed = 0;
  for (const outcome of outcomes) {
    if (outcome.passed) continue;
    failed++;
    await writeText(io.stdout, `FAIL ${outcome.file} › ${outcome.name}\n`);
    for (const mismatch of outcome.mismatches) {
      await writeText(io.stdout, `  ${mismatch.field}\n    expected: ${show(mismatch.expected)}\n    actual:   ${show(mismatch.actual)}\n`);
    }
  }
  let uncovered = 0;
  if (values.coverage) {
    const missing = rulesNeverFired([...ruleSets.values()], outcomes);
    uncovered = missing.length;
    await write(io.stdout, missing.length === 0
      ? `coverage: every rule fired (${new Set([...ruleSets.values()].flatMap((r) => r.rules.map((rule) => rule.id))).size} rules)\n`
      : `coverage: ${missing.length} rule(s) no test fired:\n${missing.map((m) => `  ${m.ruleSet}: ${m.rule}`).join("\n")}\n`);
  }
  await writeText(io.stdout, `${outcomes.length - failed} passed, ${failed} failed\n`);
  return failed > 0 || uncovered > 0 ? EXIT.rejected : EXIT.ok;
}
