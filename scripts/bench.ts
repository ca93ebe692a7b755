/**
 * `npm run bench`: throughput and memory, measured in one run on this machine, printed and written
 * to out/bench.json so runs can be compared. Not a test: nothing here asserts a time.
 *
 *   BENCH_HOUSEHOLDS   households for the single-worker measurements (default 20000)
 *   BENCH_CLI          households screened by `dixian screen` with each engine (default 20000)
 *   BENCH_CLI_RUNS     runs of `dixian screen` per engine, alternated; medians are reported (default 3)
 *   BENCH_STREAM       households for the all-threads stream and its peak RSS (default 1000000)
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { evaluateClosureRule } from "../src/evaluation/compiled/compiled-stage.js";
import { StageWalk } from "../src/evaluation/stage-walk.js";
import { HouseholdFacts } from "../src/facts/fact-table.js";
import { buildHouseholdContext } from "../src/facts/household-context.js";
import { validateHousehold } from "../src/input/validate-household.js";
import { loadRuleSet } from "../src/index.js";
import { inPlaceMeasures } from "../src/planning/in-place-measures.js";
import { generateHouseholds } from "../src/population/generate-households.js";
import { compiledRuleSet } from "../src/batch/compiled-cache.js";
import { screenSourceItem } from "../src/batch/item-loop.js";

const AS_OF = "2025-06-30";
const households = Number(process.env.BENCH_HOUSEHOLDS ?? 20_000);
const cliSize = Number(process.env.BENCH_CLI ?? 20_000);
const cliRuns = Number(process.env.BENCH_CLI_RUNS ?? 3);
const streamSize = Number(process.env.BENCH_STREAM ?? 1_000_000);
const ruleSet = loadRuleSet("rules/yunnan");
const compiled = compiledRuleSet(ruleSet, AS_OF);
const lines = [...generateHouseholds({ households, seed: 2025, asOf: AS_OF, referenceIncome: 8700 })].map((h) =>
  JSON.stringify(h),
);

/** End to end in one thread, as `dixian screen --workers 1` does per household: parse, validate, screen, serialize. */
async function endToEnd(engine: "compiled" | "json-rules-engine", count: number): Promise<number> {
  const started = performance.now();
  let bytes = 0;
  for (let index = 0; index < count; index++) {
    const entry = await screenSourceItem(
      compiled,
      { kind: "value", value: JSON.parse(lines[index % lines.length]!) },
      index,
      {
        language: "zh",
        explain: false,
        engine,
      },
    );
    if (entry.ok) bytes += JSON.stringify(entry.result).length;
  }
  if (bytes === 0) throw new Error("nothing screened");
  return count / ((performance.now() - started) / 1000);
}

/** Rule evaluation only: every stage's rules, facts included, on prepared household contexts. */
function evaluationOnly(): number {
  const contexts = lines.slice(0, 5000).map((line) => {
    const validation = validateHousehold(JSON.parse(line), AS_OF);
    if (!validation.ok) throw new Error("invalid generated household");
    return buildHouseholdContext(
      validation.household,
      AS_OF,
      inPlaceMeasures(validation.household, compiled.measures),
      compiled.figures,
    );
  });
  const rounds = 4;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const context of contexts) {
      const facts = new HouseholdFacts(compiled.facts, context);
      const walk = new StageWalk(compiled.stages, false, {
        startStage: () => facts.nextStage(),
        finishStage: () => undefined,
      });
      while (walk.next()) evaluateClosureRule(walk, facts);
    }
  }
  return (rounds * contexts.length) / ((performance.now() - started) / 1000);
}

/** Runs the built CLI over a file with all threads; returns seconds and peak RSS (VmHWM) in MB. */
function cliStream(
  file: string,
  workers: number,
  engine = "compiled",
  out = "out/bench-stream.ndjson",
): Promise<{ seconds: number; peakRssMb: number; households: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        "packages/cli/dist/cli.js",
        "screen",
        "--rules",
        "rules/yunnan",
        "--as-of",
        AS_OF,
        "--workers",
        String(workers),
        "--engine",
        engine,
        "--quiet",
        "--out",
        out,
        file,
      ],
      { stdio: "inherit" },
    );
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // the process has just exited
      }
    }, 100);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(poll);
      if (code !== 0) return reject(new Error(`dixian screen exited ${code}`));
      const seconds = (performance.now() - started) / 1000;
      countLines(out).then(
        (screened) => resolve({ seconds, peakRssMb: Math.round(peakKb / 1024), households: screened }),
        reject,
      );
    });
  });
}

/** Counts lines without holding the file (it can be gigabytes). */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    for (let index = (chunk as Buffer).indexOf(10); index >= 0; index = (chunk as Buffer).indexOf(10, index + 1))
      lines++;
  }
  return lines;
}

async function writePopulation(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  let buffer = "";
  for (const household of generateHouseholds({ households: count, seed: 1, asOf: AS_OF, referenceIncome: 8700 })) {
    buffer += JSON.stringify(household) + "\n";
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()));
      buffer = "";
    }
  }
  out.write(buffer);
  await new Promise<void>((r) => out.end(() => r()));
}

mkdirSync("out", { recursive: true });
await endToEnd("compiled", 2000); // warm up both paths
await endToEnd("json-rules-engine", 500);
const reference = await endToEnd("json-rules-engine", Math.min(households, 5000));
const fast = await endToEnd("compiled", households);
const evaluation = evaluationOnly();
const threads = availableParallelism();
// The command line as a county runs it (all threads, start-up included), both engines on one file.
await writePopulation("out/bench-cli.ndjson", cliSize);
// Alternated runs, so a slow spell of the machine does not fall on one engine only.
const referenceSeconds: number[] = [];
const fastSeconds: number[] = [];
for (let run = 0; run < cliRuns; run++) {
  referenceSeconds.push(
    (await cliStream("out/bench-cli.ndjson", threads, "json-rules-engine", "out/bench-cli-json-rules-engine.ndjson"))
      .seconds,
  );
  fastSeconds.push(
    (await cliStream("out/bench-cli.ndjson", threads, "compiled", "out/bench-cli-compiled.ndjson")).seconds,
  );
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const cliReference = { seconds: median(referenceSeconds) };
const cliFast = { seconds: median(fastSeconds) };
const identical = readFileSync("out/bench-cli-json-rules-engine.ndjson").equals(
  readFileSync("out/bench-cli-compiled.ndjson"),
);
if (!identical) throw new Error("the two engines wrote different output");
await writePopulation("out/bench-population.ndjson", streamSize);
const stream = await cliStream("out/bench-population.ndjson", threads);

const results = {
  date: new Date().toISOString().slice(0, 10),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "?",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  ruleSet: { id: ruleSet.id, version: ruleSet.version, rules: ruleSet.rules.length },
  endToEndSingleWorker: {
    jsonRulesEngine: Math.round(reference),
    compiled: Math.round(fast),
    ratio: Number((fast / reference).toFixed(1)),
  },
  evaluationOnlyCompiled: Math.round(evaluation),
  commandLine: {
    households: cliSize,
    threads,
    runs: cliRuns,
    jsonRulesEngineSeconds: Number(cliReference.seconds.toFixed(2)),
    compiledSeconds: Number(cliFast.seconds.toFixed(2)),
    jsonRulesEngineRuns: referenceSeconds.map((seconds) => Number(seconds.toFixed(2))),
    compiledRuns: fastSeconds.map((seconds) => Number(seconds.toFixed(2))),
    ratio: Number((cliReference.seconds / cliFast.seconds).toFixed(1)),
    identicalOutput: identical,
  },
  stream: {
    households: stream.households,
    threads,
    seconds: Number(stream.seconds.toFixed(1)),
    householdsPerSecond: Math.round(stream.households / stream.seconds),
    peakRssMb: stream.peakRssMb,
  },
};
writeFileSync("out/bench.json", JSON.stringify(results, null, 2) + "\n");
console.log(
  `dixian benchmark (${results.machine.cpus} × ${results.machine.cpu}, Node ${results.machine.node}), rule set ${ruleSet.id} (${ruleSet.rules.length} rules)`,
);
console.log(
  `end to end, one worker:  json-rules-engine ${results.endToEndSingleWorker.jsonRulesEngine}/s, compiled ${results.endToEndSingleWorker.compiled}/s, ratio ${results.endToEndSingleWorker.ratio}×`,
);
console.log(`evaluation only, compiled rules: ${results.evaluationOnlyCompiled} households/s`);
console.log(
  `dixian screen, ${threads} threads, ${cliSize} households, median of ${cliRuns}: json-rules-engine ${results.commandLine.jsonRulesEngineSeconds} s, compiled ${results.commandLine.compiledSeconds} s, ratio ${results.commandLine.ratio}× (identical output)`,
);
console.log(
  `dixian screen, ${threads} threads: ${stream.households} households in ${results.stream.seconds} s (${results.stream.householdsPerSecond}/s), peak RSS ${stream.peakRssMb} MB`,
);
console.log("written to out/bench.json");
