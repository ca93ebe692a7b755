import type { Rejection } from "../input/rejection.js";
import { message, type Language } from "../messages/catalogue.js";
import type { CheckResult } from "../results/result-types.js";
import { riskTypeOf, type Catalogue } from "../rulesets/catalogue.js";
import { codeOf, VOCABULARIES } from "../vocabulary/labels.js";
import { LineItem } from "./line-item.js";
import { TABLE_FILES, tableColumnAt, tableLocation, type TableOrigin } from "./table-location.js";

/**
 * The problems of a household read from county tables, said in the table's terms: the file, row and
 * column of each bad value, the labels a column takes, the water columns' all-or-none rule, and the
 * cells whose value came from a saved formula result (docs/tables.md).
 */

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
  issues: Rejection["issues"],
  household: unknown,
  language: Language,
  catalogue: Catalogue,
): Rejection["issues"] {
  return issues.map((issue) => {
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
  });
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

/** The file and row of a household's row in households.csv (or its sheet), as a rejection names it. */
export function tableRowSource(origin: TableOrigin, language: Language): string {
  return message("tableRow", language, {
    file: origin.files?.households ?? TABLE_FILES.households,
    row: origin.householdRow,
  });
}

/**
 * A household from tables that failed validation, in the table's terms: the labels a column takes,
 * the water rule, and the file, row and column of each bad field.
 */
export function tableRejection(
  rejection: Rejection,
  household: unknown,
  origin: TableOrigin,
  language: Language,
  catalogue: Catalogue,
): Rejection {
  return {
    ...rejection,
    source: tableRowSource(origin, language),
    issues: withTableChoices(withWaterRule(rejection.issues, language), household, language, catalogue).map(
      (issue) => ({
        ...issue,
        where: tableLocation(origin, issue.path, language),
      }),
    ),
  };
}

/**
 * A warning for each value a household's rows took from a saved formula result: the value is used,
 * and the result says where it came from, since a workbook not recalculated after its inputs
 * changed holds stale results.
 */
export function formulaValueChecks(notes: readonly string[], language: Language): CheckResult[] {
  const label = message("formulaValueLabel", language);
  return notes.map((text) => ({ id: "W_FORMULA_VALUE", severity: "warning", label, message: text }));
}
