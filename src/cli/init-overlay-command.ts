import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { DixianError, NoParameterInForceError } from "../errors.js";
import { compileRuleSet } from "../evaluation/compile.js";
import { Decimal, isDecimalText } from "../input/decimal.js";
import { message, type Language } from "../messages/catalogue.js";
import { runRuleTest } from "../rule-tests/run.js";
import { ruleTestFileSchema } from "../rule-tests/schema.js";
import { BUILT_IN_PREFIX, builtInRulesRoot } from "../rulesets/built-in.js";
import {
  draftFiles,
  exampleTestFile,
  overlayRuleSetFiles,
  type OverlaySpec,
  type OverlayValue,
} from "../rulesets/overlay-files.js";
import { overrideValue, parameterInForce, parameterValueProblem } from "../rulesets/parameters.js";
import { loadRuleSetFiles } from "../rulesets/resolve-rule-set.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { INIT_OVERLAY_OPTIONS } from "../rulesets/supply-advice.js";
import { writeFolderAtomically } from "./atomic-output.js";
import { EXIT, UsageError, write, writeText, type CliIo } from "./io.js";
import { LANGUAGES, oneOf, parseOptions, required } from "./options.js";
import { loadRuleSetArgument } from "./rule-set-arg.js";
import { missingOn } from "./validate-command.js";

export const INIT_OVERLAY_HELP = `Usage: dixian init-overlay DIR --extends builtin:NAME|PATH --source "DOCUMENT"
           [--threshold YEAR=VALUE]... [--dibao-standard YEAR=VALUE]... [--status provisional|partial|confirmed]
           [--id ID] [--lang zh|en]

Writes a county overlay into a new (or empty) folder DIR: ruleset.json (extends the rule set named),
parameters.json (each YEAR=VALUE a value in force from YEAR-01-01 until YEAR-12-31, added to the
inherited parameter with "merge": "addValues", with its source and status) and tests/example.json
(a household identified under the threshold on YEAR-06-30). The overlay is checked before anything
is written: it validates on YEAR-06-30 for every year given and its example test passes. The way to
supply a 2026 value the shipped rule sets lack (docs/policy.md §2.9).
建立县级规则集：在新的（或空的）文件夹中写出 ruleset.json、parameters.json（各年取值及出处、状态）和一个示例测试。

  dixian init-overlay 我的县 --extends builtin:yunnan --threshold 2026=9000 --dibao-standard 2026=6000 \\
    --source "某县 2026 年防止返贫监测范围的通知"

Options:
  --extends RULES          the rule set to extend: builtin:NAME, or a rule-set folder   继承的规则集
  --threshold YEAR=VALUE   the monitoring threshold for a year (repeatable)           监测标准（可重复）
  --dibao-standard YEAR=VALUE  the rural dibao standard for a year (repeatable)       低保标准（可重复）
  --source DOCUMENT        the document the values come from (required)              出处（必填）
  --status STATUS          provisional (default: a value used before it is published),
                           partial (a county notice) or confirmed (the province's document)  状态
  --id ID                  rule set id (default: from the folder name)               规则集标识
  --lang zh|en             language of messages and of the example test (default zh)  语言（默认中文）
  -h, --help               show this help

Exit status: 0 written and checked; 1 written, but the example test fails on the rule set extended;
2 bad arguments, or an overlay that would not validate (nothing written).`;

const STATUSES = ["provisional", "partial", "confirmed"] as const;
const ID = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** `--threshold 2026=9000 …` as values of `name`, each checked like a value of the parameter. */
function parseValues(
  texts: readonly string[],
  option: string,
  name: string,
  base: RuleSet,
  language: Language,
): OverlayValue[] {
  const values: OverlayValue[] = [];
  for (const text of texts) {
    const match = /^\s*([1-9]\d{3})\s*=\s*(\S+)\s*$/.exec(text);
    if (!match) throw new UsageError("initOverlayYearValue", { option, text });
    const [, year, value] = match as unknown as [string, string, string];
    const earlier = values.find((entry) => entry.year === year);
    if (earlier) throw new UsageError("initOverlayYearTwice", { option, year, first: earlier.value, second: value });
    const parameter = Object.hasOwn(base.parameters, name) ? base.parameters[name] : undefined;
    if (!parameter) throw new UsageError("initOverlayNoSuchParameter", { base: base.id, name, option });
    const typed = overrideValue(parameter.type, value);
    // Checked as the parameter's own values are (money: at most two places, greater than 0, …).
    const problem = parameterValueProblem(parameter.type, typed, language);
    if (problem) throw new UsageError("initOverlayBadValue", { option, year, value, problem });
    // A threshold or a standard of zero (or less) is a slip, never a policy, whatever the type says.
    if (isDecimalText(String(typed)) && new Decimal(String(typed)).lte(0))
      throw new UsageError("initOverlayNotPositive", { option, year, value });
    values.push({ name, year, value });
  }
  return values;
}

/** A folder that is missing or empty; anything else is refused (nothing is overwritten). */
function checkFolder(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)
    throw new UsageError("initOverlayDirNotEmpty", { dir });
}

/** The rule set id: `--id`, or the folder's name with what an id cannot hold taken out. */
function overlayId(dir: string, given: string | undefined): { id: string; derived: boolean } {
  if (given !== undefined) {
    if (!ID.test(given)) throw new UsageError("initOverlayBadId", { id: given });
    return { id: given, derived: false };
  }
  const name = basename(resolve(dir));
  const id = name
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^[^A-Za-z]+/, "")
    .replace(/[-.]+$/, "");
  return ID.test(id) ? { id, derived: id !== name } : { id: "county-overlay", derived: true };
}

/** `extends` as the overlay's ruleset.json writes it: `builtin:NAME`, or the rule set's folder relative to DIR. */
function extendsValue(dir: string, argument: string): string {
  if (argument.startsWith(BUILT_IN_PREFIX)) return argument;
  const path = relative(resolve(dir), resolve(argument));
  return isAbsolute(path) ? path : path.split(sep).join("/");
}

/**
 * `$schema` of each file: the installed package's schema/ folder, relative to the file (so an
 * editor finds it wherever the overlay lies), or a file: URL when no relative path exists (another
 * drive). Null when the schema folder cannot be found (a bundled copy of dixian).
 */
function schemaPaths(dir: string): OverlaySpec["schema"] {
  let schemaDir: string;
  try {
    schemaDir = join(dirname(builtInRulesRoot()), "schema");
  } catch {
    return null;
  }
  if (!existsSync(join(schemaDir, "ruleset.schema.json"))) return null;
  return (name, depth) => {
    const target = join(schemaDir, `${name}.schema.json`);
    const from = depth ? join(resolve(dir), "tests") : resolve(dir);
    const path = relative(from, target);
    return isAbsolute(path) ? pathToFileURL(target).href : path.split(sep).join("/");
  };
}

/**
 * Checks the overlay as it will load, on YEAR-06-30 for every year given: it compiles (every
 * parameter in force), and `validate --as-of` finds nothing missing.
 */
function checkDates(ruleSet: RuleSet, years: readonly string[], language: Language): void {
  for (const year of years) {
    const asOf = `${year}-06-30`;
    try {
      compileRuleSet(ruleSet, asOf, language);
    } catch (error) {
      if (!(error instanceof NoParameterInForceError)) throw error;
      const name = error.missing.parameter;
      const option = Object.hasOwn(INIT_OVERLAY_OPTIONS, name) ? INIT_OVERLAY_OPTIONS[name] : undefined;
      if (option) throw new UsageError("initOverlayMissingOn", { asOf, name, option, year });
      throw error;
    }
    const problems = missingOn(ruleSet, asOf, language);
    if (problems.length)
      throw new DixianError("E_NO_PARAMETER_IN_FORCE", message("initOverlayNotUsable", language, { asOf }), problems);
  }
}

/** `dixian init-overlay`: a county overlay with the values a county supplies, checked, written whole. */
export async function initOverlayCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    extends: { type: "string" },
    threshold: { type: "string", multiple: true },
    "dibao-standard": { type: "string", multiple: true },
    source: { type: "string" },
    status: { type: "string", default: "provisional" },
    id: { type: "string" },
    lang: { type: "string", default: "zh" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, INIT_OVERLAY_HELP + "\n");
    return EXIT.ok;
  }
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  if (positionals.length !== 1) throw new UsageError("initOverlayNeedsDir");
  const dir = positionals[0]!;
  checkFolder(dir);
  const extendsArgument = required(values.extends, "--extends builtin:NAME|PATH");
  const source = required(values.source?.trim(), '--source "DOCUMENT"');
  if (values.status === "default") throw new UsageError("initOverlayStatusDefault");
  const status = oneOf(values.status, "--status", STATUSES);
  const { id, derived } = overlayId(dir, values.id);
  const base = loadRuleSetArgument(extendsArgument, {}, language);
  const overlayValues = [
    ...parseValues(values.threshold ?? [], "--threshold", "threshold", base, language),
    ...parseValues(values["dibao-standard"] ?? [], "--dibao-standard", "dibaoStandard", base, language),
  ];
  if (overlayValues.length === 0) throw new UsageError("initOverlayNeedsValue");
  const years = [...new Set(overlayValues.map((value) => value.year))].sort();
  const spec: OverlaySpec = {
    name: basename(resolve(dir)),
    id,
    version: `${years[years.length - 1]}.1`,
    extends: extendsValue(dir, extendsArgument),
    values: overlayValues,
    source,
    status,
    schema: schemaPaths(dir),
    language,
  };

  // Checked as it will load (extends resolved from DIR) before anything is written.
  const files = overlayRuleSetFiles(spec, base);
  const ruleSet = loadRuleSetFiles(draftFiles(dir, files), { lang: language });
  checkDates(ruleSet, years, language);
  const thresholdYears = overlayValues.filter((value) => value.name === "threshold").map((value) => value.year);
  const exampleYear = thresholdYears.sort()[0] ?? years[0]!;
  const threshold = String(parameterInForce(ruleSet, "threshold", `${exampleYear}-06-30`, language).value);
  const testText = exampleTestFile(spec, base, exampleYear, threshold);
  const test = ruleTestFileSchema.parse(JSON.parse(testText)).tests[0]!;
  const testFile = join(dir, "tests", "example.json");
  const outcome = await runRuleTest(testFile, ruleSet, test, "compiled", language);

  writeFolderAtomically(dir, { ...files, "tests/example.json": testText });
  const written = ["ruleset.json", "parameters.json", "tests/example.json"].map((file) => `  ${join(dir, file)}`);
  await writeText(
    io.stdout,
    [
      message("initOverlayWritten", language, { dir, id, version: spec.version, extends: spec.extends }),
      ...written,
      ...(derived ? [message("initOverlayIdFromFolder", language, { name: basename(resolve(dir)), id })] : []),
      outcome.passed
        ? message("initOverlayChecked", language, {
            dates: years.map((year) => `${year}-06-30`).join(message("listSeparator", language)),
            test: test.name,
          })
        : message("initOverlayExampleFailed", language, { test: test.name, file: testFile }),
      message("initOverlayNext", language, { dir, asOf: `${exampleYear}-06-30` }),
    ].join("\n") + "\n",
  );
  if (!outcome.passed) {
    for (const mismatch of outcome.mismatches)
      await writeText(
        io.stderr,
        `  ${mismatch.field}: ${JSON.stringify(mismatch.expected)} ≠ ${JSON.stringify(mismatch.actual)}\n`,
      );
    return EXIT.rejected;
  }
  return EXIT.ok;
}
