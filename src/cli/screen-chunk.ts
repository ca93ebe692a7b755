import type { CompiledRuleSet, EngineName } from "../evaluation/types.js";
import type { Language } from "../results/language.js";
import type { ScreeningResult } from "../results/result-types.js";
import { addedRiskTypes, riskTypeOf, type Catalogue } from "../rulesets/catalogue.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { thrownMessage } from "../input/thrown-message.js";
import { checkItem, compiledRuleSet, internalRejection, LineItem, type Rejection } from "../screening/screen.js";
import { screenHousehold } from "../screening/screen-household.js";
import { resultFormatter, type OutputFormat, type ResultFormatter } from "./output-format.js";
import { parseSourceItem, type SourceItem } from "./read-households.js";
import { codeOf, VOCABULARIES } from "../vocabulary/labels.js";
import { TABLE_FILES, tableColumnAt, tableLocation, type TableOrigin } from "./table-location.js";
import { message } from "../results/messages.js";

/** The value at a JSON pointer of a household as read, or undefined. */
function valueAt(value: unknown, pointer: string): unknown {
  let node = value instanceof LineItem ? value.value : value;
  for (const key of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * A cell of a vocabulary column that is neither a code nor a label: the message lists the Chinese
 * labels a table may use (and the codes), not only the codes the JSON contract takes. Risk types
 * are the rule set's (its catalogue, with the risk types it adds).
 */
function withTableChoices(
  rejection: Rejection,
  household: unknown,
  language: Language,
  catalogue: Catalogue,
): Rejection {
  return {
    ...rejection,
    issues: withWaterRule(rejection.issues, language).map((issue) => {
      const vocabulary = tableColumnAt(issue.path)?.vocabulary;
      const value = valueAt(household, issue.path);
      if (!vocabulary || typeof value !== "string") return issue;
      const known = vocabulary === "riskType" ? riskTypeOf(catalogue, value) : codeOf(vocabulary, value);
      if (known !== null) return issue;
      const entries: [string, string][] =
        vocabulary === "riskType"
          ? catalogue.riskTypes.map((entry) => [entry.id, entry.label.zh])
          : Object.entries(VOCABULARIES[vocabulary] as Record<string, { zh: string }>).map(([code, label]) => [
              code,
              label.zh,
            ]);
      const list = message("listSeparator", language);
      return {
        ...issue,
        message: message("tableChoice", language, {
          value: JSON.stringify(value),
          labels: entries.map(([, label]) => label).join(list),
          codes: entries.map(([code]) => code).join(list),
        }),
      };
    }),
  };
}

/**
 * The water columns are all filled or all empty (docs/tables.md): a row with some of the six needed
 * ones gets one problem naming the empty ones, instead of one "missing" per column.
 */
function withWaterRule(issues: Rejection["issues"], language: Language): Rejection["issues"] {
  const missing = message("fieldMissing", language);
  const water = issues.filter(
    (issue) => issue.path.startsWith("/livingConditions/water/") && issue.message === missing,
  );
  if (!water.length) return issues;
  const columns = water.map((issue) => tableColumnAt(issue.path)?.zh ?? issue.path);
  const rest = issues.filter((issue) => !water.includes(issue));
  return [
    {
      ...water[0]!,
      message: message("tableWaterPartial", language, { columns: columns.join(message("listSeparator", language)) }),
    },
    ...rest,
  ];
}

/** Adds the file, row and column of each bad field of a household read from tables. */
function locateInTables(rejection: Rejection, origin: TableOrigin, language: Language): Rejection {
  return {
    ...rejection,
    source: message("tableRow", language, {
      file: origin.files?.households ?? TABLE_FILES.households,
      row: origin.householdRow,
    }),
    issues: rejection.issues.map((issue) => ({ ...issue, where: tableLocation(origin, issue.path, language) })),
  };
}

/**
 * A result with a warning for each value its household's rows took from a saved formula result:
 * the value is used, and the result says where it came from, since a workbook not recalculated
 * after its inputs changed holds stale results.
 */
function withFormulaNotes(result: ScreeningResult, notes: readonly string[], language: Language): ScreeningResult {
  const label = message("formulaValueLabel", language);
  return {
    ...result,
    checks: [
      ...result.checks,
      ...notes.map((text) => ({ id: "W_FORMULA_VALUE", severity: "warning" as const, label, message: text })),
    ],
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
  return {
    config,
    ruleSet,
    compiled: compiledRuleSet(ruleSet, config.asOf, config.language),
    formatter: resultFormatter(config.format, ruleSet, config.language),
  };
}

/** Screens a chunk, in order. The same code runs in the main thread and in workers. */
export async function screenChunk(prepared: PreparedScreening, request: ChunkRequest): Promise<ChunkOutput> {
  const options = {
    language: prepared.config.language,
    explain: prepared.config.explain,
    engine: prepared.config.engine,
  };
  const { formatter, compiled } = prepared;
  let text = "";
  let screened = 0;
  const rejections: Rejection[] = [];
  for (const [offset, item] of request.items.entries()) {
    const index = request.firstIndex + offset;
    if (item.kind === "error" && item.source) {
      const rejection: Rejection = {
        code: "E_INPUT_SCHEMA",
        index,
        householdId: item.householdId ?? null,
        source: item.source,
        issues: [{ path: "", message: item.message }],
      };
      rejections.push(rejection);
      if (formatter.rejection)
        text += formatter.rejection(rejection, {
          dir: "",
          householdRow: item.line,
          memberRows: [],
          eventRows: [],
          leadRows: [],
        });
      continue;
    }
    const parsed = parseSourceItem(item, options.language);
    const checked = checkItem(parsed, index, compiled.asOf, options.language, addedRiskTypes(compiled.ruleSet));
    if (!checked.ok) {
      const origin = item.kind === "value" ? item.origin : undefined;
      const rejection = origin
        ? withTableChoices(checked.rejection, parsed, options.language, compiled.ruleSet)
        : checked.rejection;
      rejections.push(origin ? locateInTables(rejection, origin, options.language) : rejection);
      // Formats that list every household give the rejected one its row, in input order.
      if (formatter.rejection) text += formatter.rejection(rejection, origin);
      continue;
    }
    let formatted: string;
    try {
      // The compiled evaluator answers synchronously: no promise per household.
      const screening = screenHousehold(compiled, checked.household, options);
      const result = screening instanceof Promise ? await screening : screening;
      const notes = item.kind === "value" ? item.origin?.notes : undefined;
      formatted = formatter.format(notes ? withFormulaNotes(result, notes, options.language) : result);
    } catch (error) {
      // A fault of ours on this household: it is rejected, the rest of the chunk is screened.
      const rejection = internalRejection(parsed, checked.household, index, error, options.language);
      const origin = item.kind === "value" ? item.origin : undefined;
      rejections.push(
        origin
          ? {
              ...rejection,
              source: message("tableRow", options.language, {
                file: origin.files?.households ?? TABLE_FILES.households,
                row: origin.householdRow,
              }),
            }
          : rejection,
      );
      if (formatter.rejection) text += formatter.rejection(rejection, origin);
      continue;
    }
    text += (screened++ ? formatter.separator : "") + formatted;
  }
  return { text, screened, rejections };
}
