import type { CompiledRuleSet, EngineName } from "../evaluation/types.js";
import type { Rejection } from "../input/rejection.js";
import { thrownMessage } from "../input/thrown-message.js";
import { message, type Language } from "../messages/catalogue.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { HouseholdScreeningOptions } from "../screening/screen-household.js";
import type { SourceItem } from "../sources/source-item.js";
import { compiledRuleSet } from "./compiled-cache.js";
import { screenItems, type SourcedEntry } from "./item-loop.js";
import { resultFormatter, type OutputFormat, type ResultFormatter } from "./output-format.js";

/** What a screening thread needs to know; plain data, so it can be sent to a worker. */
export interface ScreeningConfig {
  asOf: string;
  language: Language;
  explain: boolean;
  format: OutputFormat;
  engine: EngineName;
}

/** A chunk of consecutive input items; `firstIndex` is the batch position of the first. */
export interface ChunkRequest {
  seq: number;
  firstIndex: number;
  items: SourceItem[];
}

/**
 * A household as a screening thread hands it on: its position, the text the output format gives it
 * (a result's, or in formats that list every household a rejected one's row; null when none), and
 * the rejection when it was not screened. Text rather than result objects crosses between threads:
 * formatting where the household was screened costs the main thread nothing, and every thread
 * formats with the same code, so the output bytes do not depend on the number of threads.
 */
export interface FormattedEntry {
  index: number;
  text: string | null;
  rejection: Rejection | null;
}

/** A chunk's entries, in input order. */
export interface ChunkOutput {
  entries: FormattedEntry[];
}

export interface PreparedScreening {
  compiled: CompiledRuleSet;
  formatter: ResultFormatter;
  options: HouseholdScreeningOptions;
}

/** Compiles the rule set (loaded once, by the main thread) for the configuration's date, through the shared cache. */
export function prepareScreening(config: ScreeningConfig, ruleSet: RuleSet): PreparedScreening {
  return {
    compiled: compiledRuleSet(ruleSet, config.asOf, config.language),
    formatter: resultFormatter(config.format, ruleSet, config.language),
    options: { language: config.language, explain: config.explain, engine: config.engine },
  };
}

/** An entry in the output's format; a household whose result cannot be formatted is rejected as a fault of dixian. */
function formatEntry(prepared: PreparedScreening, entry: SourcedEntry): FormattedEntry {
  const { formatter, options } = prepared;
  if (entry.ok) {
    try {
      return { index: entry.index, text: formatter.format(entry.result), rejection: null };
    } catch (error) {
      const rejection: Rejection = {
        code: "E_INTERNAL",
        index: entry.index,
        householdId: entry.result.householdId,
        issues: [
          {
            path: "",
            message: message("internalScreeningError", options.language, { detail: thrownMessage(error) }),
          },
        ],
      };
      return { index: entry.index, text: formatter.rejection?.(rejection) ?? null, rejection };
    }
  }
  return {
    index: entry.index,
    text: formatter.rejection?.(entry.rejection, entry.origin) ?? null,
    rejection: entry.rejection,
  };
}

/** Screens a chunk and formats its entries, in order. The same code runs in the main thread and in workers. */
export async function screenChunk(prepared: PreparedScreening, request: ChunkRequest): Promise<ChunkOutput> {
  const entries = await screenItems(prepared.compiled, request.items, request.firstIndex, prepared.options);
  return { entries: entries.map((entry) => formatEntry(prepared, entry)) };
}

/** The text of whatever a screening thread caught, to report it the same way from any thread. */
export function errorMessage(error: unknown): string {
  return thrownMessage(error);
}
