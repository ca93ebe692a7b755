import type { CompiledRuleSet } from "../evaluation/types.js";
import type { Household } from "../input/household-schema.js";
import type { Rejection } from "../input/rejection.js";
import { thrownMessage } from "../input/thrown-message.js";
import { readableId, validateHousehold } from "../input/validate-household.js";
import type { IsoDate } from "../input/calendar-date.js";
import { message, type Language } from "../messages/catalogue.js";
import type { ScreeningResult } from "../results/result-types.js";
import { addedRiskTypes } from "../rulesets/catalogue.js";
import { screenHousehold, type HouseholdScreeningOptions } from "../screening/screen-household.js";
import { LineItem } from "../sources/line-item.js";
import { parseSourceItem, type SourceItem } from "../sources/source-item.js";
import type { TableOrigin } from "../sources/table-location.js";
import { formulaValueChecks, tableRejection, tableRowSource } from "../sources/table-problems.js";

/**
 * The one item loop of batch screening: every path — `screen` and `screenBatch` of the API, `dixian
 * screen` in its main thread and its workers, `dixian diff`, the service — turns its input items into
 * entries here. An item is a source item (an NDJSON line, a value, a table household with its origin,
 * or a line that could not be read); its entry is the result, or the rejection saying why not, in
 * the item's position. One household's fault never stops the loop.
 */

/** One entry of a batch, in input order: a result or a rejection. */
export type BatchEntry =
  { ok: true; index: number; result: ScreeningResult } | { ok: false; index: number; rejection: Rejection };

/** An entry with, for a household of county tables, where it came from (its rows are named in output). */
export type SourcedEntry = BatchEntry & { origin?: TableOrigin };

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
function internalRejection(item: unknown, household: Household, index: number, error: unknown, language: Language) {
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
  } satisfies Rejection;
}

/**
 * Screens one source item at a position; never throws. With the compiled evaluator the entry comes
 * at once (no promise per household); with json-rules-engine, as a promise.
 */
export function screenSourceItem(
  compiled: CompiledRuleSet,
  item: SourceItem,
  index: number,
  options: HouseholdScreeningOptions,
): SourcedEntry | Promise<SourcedEntry> {
  const { language } = options;
  const origin = item.kind === "value" ? item.origin : undefined;
  if (item.kind === "error" && item.source) {
    // A row of county tables that could not be joined to a household: named by its file and row.
    return {
      ok: false,
      index,
      rejection: {
        code: "E_INPUT_SCHEMA",
        index,
        householdId: item.householdId ?? null,
        source: item.source,
        issues: [{ path: "", message: item.message }],
      },
      origin: { dir: "", householdRow: item.line, memberRows: [], eventRows: [], leadRows: [] },
    };
  }
  const parsed = parseSourceItem(item, language);
  const checked = checkItem(parsed, index, compiled.asOf, language, addedRiskTypes(compiled.ruleSet));
  if (!checked.ok) {
    const rejection = origin
      ? tableRejection(checked.rejection, parsed, origin, language, compiled.ruleSet)
      : checked.rejection;
    return { ok: false, index, rejection, ...(origin ? { origin } : {}) };
  }
  const done = (result: ScreeningResult): SourcedEntry => ({
    ok: true,
    index,
    result: origin?.notes
      ? { ...result, checks: [...result.checks, ...formulaValueChecks(origin.notes, language)] }
      : result,
  });
  const failed = (error: unknown): SourcedEntry => {
    // A fault of ours on this household: it is rejected, the rest of the batch is screened.
    const rejection = internalRejection(parsed, checked.household, index, error, language);
    return origin
      ? { ok: false, index, rejection: { ...rejection, source: tableRowSource(origin, language) }, origin }
      : { ok: false, index, rejection };
  };
  try {
    const screening = screenHousehold(compiled, checked.household, options);
    return screening instanceof Promise ? screening.then(done, failed) : done(screening);
  } catch (error) {
    return failed(error);
  }
}

/** Screens consecutive source items, the first at `firstIndex`, and returns their entries in order. */
export async function screenItems(
  compiled: CompiledRuleSet,
  items: readonly SourceItem[],
  firstIndex: number,
  options: HouseholdScreeningOptions,
): Promise<SourcedEntry[]> {
  const entries: SourcedEntry[] = [];
  for (const [offset, item] of items.entries()) {
    const entry = screenSourceItem(compiled, item, firstIndex + offset, options);
    entries.push(entry instanceof Promise ? await entry : entry);
  }
  return entries;
}
