import type { CompiledRuleSet } from "../evaluation/compile.js";
import type { EngineName } from "../evaluation/evaluate-stage.js";
import type { Language } from "../results/result-types.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { thrownMessage } from "../input/thrown-message.js";
import { checkItem, compiledRuleSet, internalRejection, type Rejection } from "../screening/screen.js";
import { screenHousehold, screenHouseholdCompiled } from "../screening/screen-household.js";
import { resultFormatter, type OutputFormat, type ResultFormatter } from "./output-format.js";
import { parseSourceItem, type SourceItem } from "./read-households.js";
import { tableLocation, type TableOrigin } from "./table-location.js";

/** Adds the file, row and column of each bad field of a household read from tables. */
function locateInTables(rejection: Rejection, origin: TableOrigin): Rejection {
  return {
    ...rejection,
    source: `households.csv row ${origin.householdRow}`,
    issues: rejection.issues.map((issue) => ({ ...issue, where: tableLocation(origin, issue.path) })),
  };
}

/** What a screening thread needs to know; plain data, so it can be sent to a worker. */
export interface WorkerConfig {
  ruleSetArgument: string;
  asOf: string;
  language: Language;
  explain: boolean;
  format: OutputFormat;
  engine: EngineName;
}

/** What a worker starts with: the options and the rule set, loaded once by the main thread. */
export interface WorkerData {
  config: WorkerConfig;
  ruleSet: RuleSet;
}

/** A chunk of consecutive input items; `firstIndex` is the batch position of the first. */
export interface ChunkRequest {
  seq: number;
  firstIndex: number;
  items: SourceItem[];
}

/**
 * A chunk's outcome: the formatted results of the households screened, joined with the format's
 * separator (one string, so the main thread writes each chunk once), and the rejections, in order.
 */
export interface ChunkOutput {
  text: string;
  screened: number;
  rejections: Rejection[];
}

export interface PreparedScreening {
  config: WorkerConfig;
  ruleSet: RuleSet;
  compiled: CompiledRuleSet;
  formatter: ResultFormatter;
}

/** The text of whatever a screening thread caught, to report it the same way from any thread. */
export function errorMessage(error: unknown): string {
  return thrownMessage(error);
}

/** Compiles the rule set (loaded once, by the main thread) for the options' date. */
export function prepareScreening(config: WorkerConfig, ruleSet: RuleSet): PreparedScreening {
  return { config, ruleSet, compiled: compiledRuleSet(ruleSet, config.asOf), formatter: resultFormatter(config.format, ruleSet, config.language) };
}

/** Screens a chunk, in order. The same code runs in the main thread and in workers. */
export async function screenChunk(prepared: PreparedScreening, request: ChunkRequest): Promise<ChunkOutput> {
  const options = { language: prepared.config.language, explain: prepared.config.explain, engine: prepared.config.engine };
  const { formatter, compiled } = prepared;
  let text = "";
  let screened = 0;
  const rejections: Rejection[] = [];
  for (const [offset, item] of request.items.entries()) {
    const index = request.firstIndex + offset;
    if (item.kind === "error" && item.source) {
      rejections.push({ code: "E_INPUT_SCHEMA", index, householdId: null, source: item.source, issues: [{ path: "", message: item.message }] });
      continue;
    }
    const parsed = parseSourceItem(item);
    const checked = checkItem(parsed, index, compiled.asOf);
    if (!checked.ok) {
      rejections.push(item.kind === "value" && item.origin ? locateInTables(checked.rejection, item.origin) : checked.rejection);
      continue;
    }
    let formatted: string;
    try {
      // The compiled evaluator is synchronous: no promise per household.
      const result = options.engine === "json-rules-engine"
        ? await screenHousehold(compiled, checked.household, options)
        : screenHouseholdCompiled(compiled, checked.household, options);
      formatted = formatter.format(result);
    } catch (error) {
      // A fault of ours on this household: it is rejected, the rest of the chunk is screened.
      const rejection = internalRejection(parsed, checked.household, index, error);
      rejections.push(item.kind === "value" && item.origin ? { ...rejection, source: `households.csv row ${item.origin.householdRow}` } : rejection);
      continue;
    }
    text += (screened++ ? formatter.separator : "") + formatted;
  }
  return { text, screened, rejections };
}
