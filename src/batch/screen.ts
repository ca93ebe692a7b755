import type { EngineName } from "../evaluation/types.js";
import { DixianError } from "../errors.js";
import type { Rejection } from "../input/rejection.js";
import { message, type Bilingual, type Language } from "../messages/catalogue.js";
import type { ScreeningResult } from "../results/result-types.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { HouseholdScreeningOptions } from "../screening/screen-household.js";
import { compiledRuleSet } from "./compiled-cache.js";
import { screenItems, type BatchEntry } from "./item-loop.js";

export type { BatchEntry } from "./item-loop.js";
export type { Rejection } from "../input/rejection.js";
export { LineItem } from "../sources/line-item.js";

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

/**
 * Thrown by {@link screen} for a household that fails validation: `rejection` is in the screening's
 * language, the message in both (`inLanguage`), from the rejection worded in the other one too.
 */
export class HouseholdRejectedError extends DixianError {
  constructor(
    readonly rejection: Rejection,
    language: Language = "zh",
    /** The same rejection in the other language, when known. */
    other?: Rejection,
  ) {
    const wordedIn = (reading: Language, worded: Rejection) =>
      message("householdInvalid", reading, {
        id: worded.householdId ?? message("noId", reading),
        issues: worded.issues
          .map((i) => `${i.path || "/"}${message("colon", reading)}${i.message}`)
          .join(message("reasonSeparator", reading)),
      });
    const inEach = (reading: Language) => wordedIn(reading, reading === language ? rejection : (other ?? rejection));
    const words: Bilingual = { zh: inEach("zh"), en: inEach("en") };
    super(rejection.code, words);
  }
}

function householdOptions(options: ScreenOptions): HouseholdScreeningOptions {
  return { language: options.lang ?? "zh", explain: options.explain ?? false, engine: options.engine ?? "compiled" };
}

/**
 * Prepares a rule set for a date without screening anything: throws at once when a parameter has
 * no value in force (E_NO_PARAMETER_IN_FORCE) or the date is invalid (E_BAD_AS_OF), saying so in
 * `language` (Chinese by default).
 */
export function prepareRuleSet(ruleSet: RuleSet, asOf: string, language: Language = "zh"): void {
  compiledRuleSet(ruleSet, asOf, language);
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
  const screening = householdOptions(options);
  const compiled = compiledRuleSet(options.ruleSet, options.asOf, screening.language);
  const [entry] = await screenItems(compiled, [{ kind: "value", value: household }], 0, screening);
  if (!entry!.ok) {
    // The household's problems in the other language too (a cold path), so the error can be worded in either.
    const other: Language = screening.language === "zh" ? "en" : "zh";
    const [again] = await screenItems(compiled, [{ kind: "value", value: household }], 0, {
      ...screening,
      language: other,
    });
    throw new HouseholdRejectedError(
      entry!.rejection,
      screening.language,
      again?.ok ? undefined : again?.rejection,
    ).inLanguage(screening.language);
  }
  return entry!.result;
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
  const screening = householdOptions(options);
  const compiled = compiledRuleSet(options.ruleSet, options.asOf, screening.language);
  let index = 0;
  for await (const household of households) {
    const [entry] = await screenItems(compiled, [{ kind: "value", value: household }], index++, screening);
    yield entry!;
  }
}
