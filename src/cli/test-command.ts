import { existsSync } from "node:fs";
import { message } from "../messages/catalogue.js";
import { LANGUAGES, oneOf, parseOptions } from "./options.js";
import { ruleCoverage } from "../rule-tests/coverage.js";
import { findTestFiles, runRuleTests } from "../rule-tests/run.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { EXIT, UsageError, write, writeText, type CliIo } from "./io.js";
import { SET_HELP, SET_OPTION, setOverrides } from "./rule-set-arg.js";

export const TEST_HELP = `Usage: dixian test [--coverage] [--lang zh|en] [--set NAME=VALUE]... <rule-set dir or test file>...

Runs rule tests written as data: for a rule-set directory, every JSON file in its tests/ folder; or
the test files given. Shows each failing case with expected versus actual and ends with
"N passed, N failed".
运行以数据编写的规则测试，列出失败用例的期望值与实际值。

Options:
  --coverage   list the rules that no test made fire: those the rule set
               writes itself must fire; inherited ones are listed apart  列出没有被用例触发的规则
               and are not a failure                        （继承的规则单独列出，不算失败）
  --lang zh|en language of the report (default zh)         语言（默认中文）
${SET_HELP}
               (applies to every rule set the tests load)
  -h, --help   show this help

Exit status: 0 all passed (and, with --coverage, every rule the rule sets write themselves fired);
1 a test failed (or such a rule never fired); 2 bad arguments or files.`;

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** `dixian test`: runs rule tests and reports failures and coverage. */
export async function testCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    coverage: { type: "boolean", default: false },
    lang: { type: "string", default: "zh" },
    set: SET_OPTION,
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, TEST_HELP + "\n");
    return EXIT.ok;
  }
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  if (positionals.length === 0) throw new UsageError("atLeastOneTestPath");
  const overrides = setOverrides(values.set, "--set", language);
  const files: string[] = [];
  for (const path of positionals) {
    if (!existsSync(path)) throw new UsageError("notFound", { path });
    files.push(...findTestFiles(path));
  }
  if (files.length === 0) throw new UsageError("noTestFiles", { paths: positionals.join(", ") });

  const ruleSets = new Map<string, RuleSet>();
  const outcomes = await runRuleTests(files, ruleSets, { overrides, lang: language });
  const expected = message("testExpected", language);
  const actual = message("testActual", language);
  let failed = 0;
  for (const outcome of outcomes) {
    if (outcome.passed) continue;
    failed++;
    await writeText(io.stdout, message("testFailed", language, { file: outcome.file, name: outcome.name }) + "\n");
    for (const mismatch of outcome.mismatches) {
      await writeText(
        io.stdout,
        `  ${mismatch.field}\n    ${expected} ${show(mismatch.expected)}\n    ${actual} ${show(mismatch.actual)}\n`,
      );
    }
  }
  let uncovered = 0;
  if (values.coverage) {
    const coverage = ruleCoverage([...ruleSets.values()], outcomes);
    const { missing, withoutValue, inherited } = coverage;
    uncovered = missing.length;
    await writeText(
      io.stdout,
      missing.length === 0
        ? message("coverageAll", language, { count: coverage.own - withoutValue.length }) + "\n"
        : `${message("coverageMissing", language, { count: missing.length })}\n${missing.map((m) => `  ${m.ruleSet}: ${m.rule}`).join("\n")}\n`,
    );
    if (withoutValue.length) {
      await writeText(
        io.stdout,
        message("coverageWithoutValue", language, { count: withoutValue.length, rules: withoutValue.join(", ") }) +
          "\n",
      );
    }
    // Inherited rules are the base rule set's to test: listed so an author sees them, never a failure.
    for (const { ruleSet, rules } of inherited) {
      await writeText(
        io.stdout,
        message("coverageInherited", language, { ruleSet, count: rules.length, rules: rules.join(", ") }) + "\n",
      );
    }
  }
  await writeText(io.stdout, message("testSummary", language, { passed: outcomes.length - failed, failed }) + "\n");
  return failed > 0 || uncovered > 0 ? EXIT.rejected : EXIT.ok;
}
