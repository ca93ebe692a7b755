import { calendarDateIssue } from "../input/calendar-date.js";
import { generateHouseholds } from "../population/generate-households.js";
import { parameterInForce } from "../rulesets/parameters.js";
import { EXIT, openOutput, UsageError, withOutputs, write, type CliIo } from "./io.js";
import { loadRuleSetArgument } from "./rule-set-arg.js";
import { LANGUAGES, oneOf, parseOptions } from "./options.js";
import { createProgress } from "./progress.js";

export const GENERATE_HELP = `Usage: dixian generate --households N --seed S [--as-of YYYY-MM-DD] [--rules DIR] [--out FILE]

Writes a deterministic synthetic population (NDJSON), calibrated to the seed township: 8 villages,
about 3.45 people per household, about half formerly poor, per-capita incomes spread around the
threshold of --rules on --as-of, and plausible shares of illness, disability, dropouts, C/D housing,
water problems, disasters, job loss and monitored households. The same options give the same bytes.
生成可复现的模拟农户数据，用于演示、测试和性能测试。

Options:
  --households N   number of households                              户数
  --seed S         seed (whole number)                               随机种子
  --as-of DATE     date the population is made for (2025-06-30)      评估日
  --rules DIR      rule set whose threshold incomes spread around (builtin:yunnan)
  --out FILE       write to FILE instead of standard output
  --lang zh|en     language of messages (default zh)                 语言（默认中文）
  --quiet          no progress bar on standard error                 不显示进度`;

/** `dixian generate`: a seeded synthetic population. */
export async function generateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(
    args,
    {
      households: { type: "string" },
      seed: { type: "string" },
      "as-of": { type: "string", default: "2025-06-30" },
      rules: { type: "string", default: "builtin:yunnan" },
      out: { type: "string" },
      lang: { type: "string", default: "zh" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    false,
  );
  if (values.help) {
    await write(io.stdout, GENERATE_HELP + "\n");
    return EXIT.ok;
  }
  const households = Number(values.households);
  const seed = Number(values.seed);
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  if (!Number.isInteger(households) || households < 0 || households > 100_000_000)
    throw new UsageError("householdsCount");
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31) throw new UsageError("seedRange");
  const asOf = values["as-of"];
  const dateIssue = calendarDateIssue(asOf);
  if (dateIssue)
    throw new UsageError("optionProblem", { option: "--as-of", problemId: dateIssue.id, ...dateIssue.values });
  const threshold = parameterInForce(loadRuleSetArgument(values.rules, {}, language), "threshold", asOf);
  const output = await openOutput(values.out, io.stdout);
  // No bar when the households themselves are written to the terminal: the two would mix.
  const toTerminal = !values.out && (io.stdout as { isTTY?: boolean }).isTTY === true;
  const progress = createProgress(io.stderr, values.quiet || toTerminal, { language, total: households });
  await withOutputs([output], async () => {
    let buffer = "";
    let done = 0;
    for (const household of generateHouseholds({ households, seed, asOf, referenceIncome: Number(threshold.value) })) {
      buffer += JSON.stringify(household) + "\n";
      done++;
      if (buffer.length > 1 << 16) {
        await write(output.stream, buffer);
        buffer = "";
        progress.tick(done);
      }
    }
    await write(output.stream, buffer);
    progress.tick(done);
  }).finally(() => progress.finish());
  return EXIT.ok;
}
