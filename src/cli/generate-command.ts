import { parseArgs } from "node:util";
import { calendarDateProblem } from "../input/calendar-date.js";
import { generateHouseholds } from "../population/generate-households.js";
import { parameterInForce } from "../rulesets/parameters.js";
import { EXIT, openOutput, UsageError, withOutputs, write, type CliIo } from "./io.js";
import { loadRuleSetArgument } from "./rule-set-arg.js";

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
  --out FILE       write to FILE instead of standard output`;

/** `dixian generate`: a seeded synthetic population. */
export async function generateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      households: { type: "string" }, seed: { type: "string" }, "as-of": { type: "string", default: "2025-06-30" },
      rules: { type: "string", default: "builtin:yunnan" }, out: { type: "string" }, help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    await write(io.stdout, GENERATE_HELP + "\n");
    return EXIT.ok;
  }
  const households = Number(values.households);
  const seed = Number(values.seed);
  if (!Number.isInteger(households) || households < 0 || households > 100_000_000) throw new UsageError("--households must be a whole number");
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31) throw new UsageError("--seed must be a whole number from 0 to 2^31");
  const asOf = values["as-of"];
  if (calendarDateProblem(asOf)) throw new UsageError(`--as-of: ${calendarDateProblem(asOf)}`);
  const threshold = parameterInForce(loadRuleSetArgument(values.rules), "threshold", asOf);
  const output = await openOutput(values.out, io.stdout);
  await withOutputs([output], async () => {
    let buffer = "";
    for (const household of generateHouseholds({ households, seed, asOf, referenceIncome: Number(threshold.value) })) {
      buffer += JSON.stringify(household) + "\n";
      if (buffer.length > 1 << 16) {
        await write(output.stream, buffer);
        buffer = "";
      }
    }
    await write(output.stream, buffer);
  });
  return EXIT.ok;
}
