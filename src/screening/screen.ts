import { compileRuleSet } from "../evaluation/compile.js";
import type { CompiledRuleSet, EngineName } from "../evaluation/types.js";
import { DixianError } from "../errors.js";
import { calendarDateProblem, type IsoDate } from "../input/calendar-date.js";
import { message } from "../results/messages.js";
import type { Household } from "../input/household-schema.js";
import { thrownMessage } from "../input/thrown-message.js";
import { readableId, validateHousehold, type InputIssue } from "../input/validate-household.js";
import type { Language, ScreeningResult } from "../results/result-types.js";
import { addedRiskTypes } from "../rulesets/catalogue.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { screenHousehold, type HouseholdScreeningOptions } from "./screen-household.js";

/** Options for {@link screen} and {@link screenBatch}. */
export interface ScreenOptions {
  /** The rule set, from {@link loadRuleSet}. */
  ruleSet: RuleSet;
  /** The assessment date `YYYY-MM-DD`. Ages, windows and the parameters in force are taken on it; never "today". */
  asOf: string;
  /** Language of labels, reasons and explanations: `"zh"` (default) or `"en"`. */
  lang?: Language;
  /** Include every rule's outcome in `explanation` (default false: an empty array). */
  explain?: boolean;
  /**
   * The evaluator: `"compiled"` (default) runs the rules as compiled closures; `"json-rules-engine"`
   * runs them with json-rules-engine, the reference semantics. Both give identical results.
   */
  engine?: EngineName;
}

/** Why one household was not screened. */
export interface Rejection {
  /** `E_INTERNAL` when screening a valid household failed: a fault of dixian, to report. */
  code: "E_INPUT_SCHEMA" | "E_INPUT_JSON" | "E_INTERNAL";
  /** 0-based position in the batch. */
  index: number;
  /** 1-based line of the input file, when read from a file. */
  line?: number;
  /** The household's `id` when it could be read. */
  householdId: string | null;
  /** Every bad field, by JSON Pointer. */
  issues: InputIssue[];
  /** For table input: the file and row of the household (`households.csv row 12`). */
  source?: string;
}

/** One entry of a batch, in input order: a result or a rejection. */
export type BatchEntry =
  { ok: true; index: number; result: ScreeningResult } | { ok: false; index: number; rejection: Rejection };

/** Thrown by {@link screen} for a household that fails validation; the message is in the screening's language. */
export class HouseholdRejectedError extends DixianError {
  constructor(
    readonly rejection: Rejection,
    language: Language = "zh",
  ) {
    super(
      rejection.code,
      message("householdInvalid", language, {
        id: rejection.householdId ?? message("noId", language),
        issues: rejection.issues
          .map((i) => `${i.path || "/"}${message("colon", language)}${i.message}`)
          .join(message("reasonSeparator", language)),
      }),
    );
  }
}

const compiledCache = new WeakMap<RuleSet, Map<IsoDate, CompiledRuleSet>>();

/** The rule set compiled for the date, compiled once and reused. */
function compiledFor(ruleSet: RuleSet, asOf: string, language: Language = "zh"): CompiledRuleSet {
  const problem = calendarDateProblem(asOf, language);
  if (problem) throw new DixianError("E_BAD_AS_OF", message("badAsOf", language, { asOf, problem }));
  let byDate = compiledCache.get(ruleSet);
  if (!byDate) compiledCache.set(ruleSet, (byDate = new Map<IsoDate, CompiledRuleSet>()));
  let compiled = byDate.get(asOf);
  if (!compiled) byDate.set(asOf, (compiled = compileRuleSet(ruleSet, asOf, language)));
  return compiled;
}

/**
 * Prepares a rule set for a date without screening anything: throws at once when a parameter has
 * no value in force (E_NO_PARAMETER_IN_FORCE) or the date is invalid (E_BAD_AS_OF), saying so in
 * `language` (Chinese by default).
 */
export function prepareRuleSet(ruleSet: RuleSet, asOf: string, language: Language = "zh"): void {
  compiledFor(ruleSet, asOf, language);
}

/**
 * Screens one household. Throws {@link HouseholdRejectedError} when the household is invalid, and a
 * {@link DixianError} when the rule set cannot be used on `asOf`.
 *
 * @example
 * const ruleSet = loadRuleSet("rules/yunnan");
 * const result = await screen(household, { ruleSet, asOf: "2025-06-30" });
 * result.flag; // "identify"
 */
export async function screen(household: unknown, options: ScreenOptions): Promise<ScreeningResult> {
  const language = options.lang ?? "zh";
  const compiled = compiledFor(options.ruleSet, options.asOf, language);
  const entry = await screenItem(compiled, household, 0, {
    language,
    explain: options.explain ?? false,
    engine: options.engine ?? "compiled",
  });
  if (!entry.ok) throw new HouseholdRejectedError(entry.rejection, language);
  return entry.result;
}

/**
 * Screens households one by one from an array, iterable or async iterable, yielding a result or a
 * rejection for each, in input order. A bad household never stops the batch. Items may be
 * `{ line, value }` pairs (see {@link LineItem}) so rejections can name their input line.
 */
export async function* screenBatch(
  households: Iterable<unknown> | AsyncIterable<unknown>,
  options: ScreenOptions,
): AsyncGenerator<BatchEntry> {
  const compiled = compiledFor(options.ruleSet, options.asOf, options.lang ?? "zh");
  const screeningOptions = {
    language: options.lang ?? "zh",
    explain: options.explain ?? false,
    engine: options.engine ?? "compiled",
  } as const;
  let index = 0;
  for await (const item of households) yield screenItem(compiled, item, index++, screeningOptions);
}

/** A batch item checked: the valid household, or why it was rejected. */
export type CheckedItem = { ok: true; household: Household } | { ok: false; rejection: Rejection };

/**
 * Parses and validates one batch item (a value or a {@link LineItem}) at a position; never throws.
 * `riskTypes`: the risk type ids the rule set adds to the contract's ({@link addedRiskTypes}).
 */
export function checkItem(
  item: unknown,
  index: number,
  asOf: IsoDate,
  language: Language = "zh",
  riskTypes?: readonly string[],
): CheckedItem {
  let lineItem: LineItem | null = null;
  try {
    if (item instanceof LineItem) lineItem = item;
  } catch {
    // A Proxy whose prototype cannot be read is a value, not a LineItem.
  }
  const { value, line, jsonError, jsonErrorPath } = lineItem ?? {
    value: item,
    line: undefined,
    jsonError: undefined,
    jsonErrorPath: undefined,
  };
  const at = line === undefined ? {} : { line };
  if (jsonError !== undefined) {
    return {
      ok: false,
      rejection: {
        code: "E_INPUT_JSON",
        index,
        ...at,
        householdId: readableId(value),
        issues: [{ path: jsonErrorPath ?? "", message: jsonError }],
      },
    };
  }
  const validation = validateHousehold(value, asOf, language, riskTypes);
  if (!validation.ok) {
    return {
      ok: false,
      rejection: {
        code: "E_INPUT_SCHEMA",
        index,
        ...at,
        householdId: validation.householdId,
        issues: validation.issues,
      },
    };
  }
  return validation;
}

/**
 * The rejection of a valid household whose screening failed: a fault of dixian, reported for that
 * household alone so the rest of the batch is screened.
 */
export function internalRejection(
  item: unknown,
  household: Household,
  index: number,
  error: unknown,
  language: Language = "zh",
): Rejection {
  let line: number | undefined;
  try {
    if (item instanceof LineItem) line = item.line;
  } catch {
    // No line to name.
  }
  return {
    code: "E_INTERNAL",
    index,
    ...(line === undefined ? {} : { line }),
    householdId: household.id,
    issues: [{ path: "", message: message("internalScreeningError", language, { detail: thrownMessage(error) }) }],
  };
}

/** Screens one batch item (a value or a {@link LineItem}) at a position; never throws. */
export async function screenItem(
  compiled: CompiledRuleSet,
  item: unknown,
  index: number,
  options: HouseholdScreeningOptions,
): Promise<BatchEntry> {
  const checked = checkItem(item, index, compiled.asOf, options.language, addedRiskTypes(compiled.ruleSet));
  if (!checked.ok) return { ok: false, index, rejection: checked.rejection };
  try {
    return { ok: true, index, result: await screenHousehold(compiled, checked.household, options) };
  } catch (error) {
    return { ok: false, index, rejection: internalRejection(item, checked.household, index, error, options.language) };
  }
}

/** The rule set compiled for a date (cached), for callers that screen item by item. */
export function compiledRuleSet(ruleSet: RuleSet, asOf: string, language: Language = "zh"): CompiledRuleSet {
  return compiledFor(ruleSet, asOf, language);
}

/** A household read from a line of a file (or a line that was not valid JSON). */
export class LineItem {
  constructor(
    readonly line: number,
    readonly value: unknown,
    /** Set when the line is not valid JSON (or repeats a key): the problem, in the language of the run. */
    readonly jsonError?: string,
    /** JSON Pointer to where `jsonError` is, when it is inside the household. */
    readonly jsonErrorPath?: string,
  ) {}
}
