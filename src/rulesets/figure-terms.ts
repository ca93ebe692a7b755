import { FIGURE_INPUT_FIELDS, type FigureVariant } from "./schema.js";

/**
 * The figures every result reports (docs/contract.md, `figures`), which every rule set must define. The
 * threshold is a parameter, not a figure.
 */
export const RESULT_FIGURES = ["perCapitaNetIncome", "adjustedPerCapitaIncome"] as const;

/** A term of a definition: an input money field or another figure. */
export type FigureTerm =
  { kind: "field"; group: keyof typeof FIGURE_INPUT_FIELDS; field: string } | { kind: "figure"; id: string };

/** What a term names: `income.wage` → a field; `householdNetIncome` → a figure; null when it is neither. */
export function parseFigureTerm(term: string): FigureTerm | { kind: "unknownField"; group: string; field: string } {
  const dot = term.indexOf(".");
  if (dot < 0) return { kind: "figure", id: term };
  const group = term.slice(0, dot);
  const field = term.slice(dot + 1);
  const fields = Object.hasOwn(FIGURE_INPUT_FIELDS, group)
    ? (FIGURE_INPUT_FIELDS[group as keyof typeof FIGURE_INPUT_FIELDS] as readonly string[])
    : null;
  return fields?.includes(field)
    ? { kind: "field", group: group as keyof typeof FIGURE_INPUT_FIELDS, field }
    : { kind: "unknownField", group, field };
}

/** The terms a variant reads, with where each is written inside it. */
export function variantTerms(variant: FigureVariant): { term: string; path: PropertyKey[] }[] {
  if ("perMember" in variant) return [{ term: variant.perMember, path: ["perMember"] }];
  return [
    ...variant.add.map((term, index) => ({ term, path: ["add", index] as PropertyKey[] })),
    ...variant.subtract.map((term, index) => ({ term, path: ["subtract", index] as PropertyKey[] })),
  ];
}
