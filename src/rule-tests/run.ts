import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DixianError, type ProblemWords } from "../errors.js";
import { expandUnionIssues, issueLanguage, issueText } from "../messages/zod-issues.js";
import { type Language, message } from "../messages/catalogue.js";
import { loadRuleSet, type LoadOptions } from "../rulesets/load.js";
import { applyOverrides } from "../rulesets/overrides.js";
import { readJsonSource } from "../rulesets/read-json-file.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { screen } from "../batch/screen.js";
import type { EngineName } from "../evaluation/types.js";
import { compareResult, type Mismatch } from "./compare.js";
import { ruleDefinitionKey } from "./rule-definition.js";
import { ruleTestFileSchema, type RuleTest } from "../rulesets/rule-test-schema.js";

/** The outcome of one rule test. */
export interface RuleTestOutcome {
  file: string;
  name: string;
  passed: boolean;
  mismatches: Mismatch[];
  /** The rules whose conditions were met while screening (for coverage). */
  rulesMet: string[];
  /** Each rule met as its definition (see `ruleDefinitionKey`), so coverage can tell a rule an overlay replaced from the rule it replaces. */
  definitionsMet: string[];
  /** The rules left out because an optional parameter they use had no value (for coverage). */
  rulesWithoutValue: string[];
  ruleSetId: string | null;
}

/** Every `*.json` test file under a path: the file itself, a `tests/` folder of a rule set, or a folder. */
export function findTestFiles(path: string): string[] {
  const stats = statSync(path);
  if (stats.isFile()) return [path];
  const testsDir = existsSync(join(path, "ruleset.json")) ? join(path, "tests") : path;
  if (!existsSync(testsDir)) return [];
  return readdirSync(testsDir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = join(testsDir, entry.name);
      if (entry.isDirectory()) return findTestFiles(full);
      return entry.name.endsWith(".json") ? [full] : [];
    })
    .sort();
}

/** The rule set a test file runs: its `ruleSet` (relative to the file), else the rule set the file lies in. */
function ruleSetDirFor(file: string, declared: string | undefined, language: Language): string {
  if (declared) return resolve(dirname(file), declared);
  let dir = dirname(resolve(file));
  for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) if (existsSync(join(dir, "ruleset.json"))) return dir;
  throw new DixianError("E_RULESET_NOT_FOUND", message("testFileOutsideRuleSet", language, { file }));
}

/** Reads and validates a test file; schema problems are thrown with their lines, in `language`. */
export function readTestFile(file: string, language: Language = "zh"): { ruleSetDir: string; tests: RuleTest[] } {
  const source = readJsonSource(file, file);
  const parsed = ruleTestFileSchema.safeParse(source.value, issueLanguage(language));
  if (!parsed.success) {
    const problems: ProblemWords[] = expandUnionIssues(parsed.error.issues).map((issue) => {
      const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
      return source.problemAt(path, issueText(issue, language));
    });
    throw new DixianError("E_RULESET_SCHEMA", message("invalidTestFile", language, { file }), problems);
  }
  return { ruleSetDir: ruleSetDirFor(file, parsed.data.ruleSet, language), tests: parsed.data.tests };
}

/**
 * Runs every test of the given files (rule sets are loaded once per directory, into `ruleSets` when
 * given; `options.overrides` apply to each of them). Problems with the files and mismatches are
 * worded in `options.lang` (Chinese by default); each test screens in its own `lang` (Chinese when
 * it gives none), which its `reasonsContain` is written in.
 */
export async function runRuleTests(
  files: readonly string[],
  ruleSets: Map<string, RuleSet> = new Map(),
  options: LoadOptions = {},
): Promise<RuleTestOutcome[]> {
  const language = options.lang ?? "zh";
  const outcomes: RuleTestOutcome[] = [];
  for (const file of files) {
    const { ruleSetDir, tests } = readTestFile(file, language);
    let ruleSet = ruleSets.get(ruleSetDir);
    if (!ruleSet) ruleSets.set(ruleSetDir, (ruleSet = loadRuleSet(ruleSetDir, { ...options, lang: language })));
    for (const test of tests) outcomes.push(await runRuleTest(file, ruleSet, test, "compiled", language));
  }
  return outcomes;
}

/** Runs one test: screens its household and compares the result (or the error) with the expectation. */
export async function runRuleTest(
  file: string,
  ruleSet: RuleSet,
  test: RuleTest,
  engine: EngineName = "compiled",
  language: Language = "zh",
): Promise<RuleTestOutcome> {
  const base = { file, name: test.name, ruleSetId: ruleSet.id };
  try {
    const result = await screen(test.household, {
      ruleSet: test.set ? applyOverrides(ruleSet, test.set) : ruleSet,
      asOf: test.asOf,
      lang: test.lang ?? "zh",
      explain: true,
      engine,
    });
    const mismatches = compareResult(result, test.expect, language);
    const rulesMet = result.explanation.filter((rule) => rule.status === "met").map((rule) => rule.rule);
    const definitionsMet = rulesMet.map((id) => ruleDefinitionKey(ruleSet, id));
    const rulesWithoutValue = result.explanation
      .filter((rule) => rule.parametersWithoutValue?.length)
      .map((rule) => rule.rule);
    return { ...base, passed: mismatches.length === 0, mismatches, rulesMet, definitionsMet, rulesWithoutValue };
  } catch (error) {
    if (!(error instanceof DixianError)) throw error;
    const passed = test.expect.error === error.code;
    const expected = test.expect.error ?? message("expectedNoError", language);
    return {
      ...base,
      passed,
      mismatches: passed
        ? []
        : [{ field: "error", expected, actual: `${error.code}: ${error.inLanguage(language).message}` }],
      rulesMet: [],
      definitionsMet: [],
      rulesWithoutValue: [],
    };
  }
}
