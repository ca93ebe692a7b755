import type { Rejection } from "../input/rejection.js";
import type { Language } from "../messages/catalogue.js";
import type { ScreeningResult } from "../results/result-types.js";
import { rejectionRow, resultRow, type TableCell } from "../results/table-row.js";
import type { Catalogue } from "../rulesets/catalogue.js";
import { tableLocation, type TableOrigin } from "../sources/table-location.js";

/**
 * The rows of the formats for people — CSV, the XLSX results sheet, and the workbench page's
 * results workbook — one for each household in input order: a result's row, with risk types and
 * 3+1 items named by the rule set's catalogue, or a rejected household's, each problem placed at its
 * file, row and column when the household came from county tables. Kept apart from the output
 * formats' text (output-format.ts) so the page takes the rows without a CSV writer.
 */
export interface OutputRows {
  result(result: ScreeningResult): TableCell[];
  rejection(rejection: Rejection, origin?: TableOrigin): TableCell[];
}

export function outputRows(catalogue: Catalogue, language: Language): OutputRows {
  return {
    result: (result) => resultRow(result, language, catalogue),
    rejection: (rejection, origin) =>
      rejectionRow(rejection, language, origin ? (path: string) => tableLocation(origin, path, language) : undefined),
  };
}
