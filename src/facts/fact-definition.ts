import type { z } from "zod";
import type { HouseholdContext } from "./household-context.js";

/** How a fact's value is to be read, compared and shown. */
export type FactValueType =
  | "money" // exact decimal, 元 (shown and serialized as a decimal string)
  | "decimal" // exact decimal (quotients such as per-capita income)
  | "ratio" // exact quotient, a share (shown as a percentage)
  | "count" // whole number
  | "months" // whole months
  | "boolean"
  | "text"
  | "date"; // YYYY-MM-DD

/** Text in both languages dixian speaks. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * One generic fact about a household on the as-of date. Facts know nothing of policy: rules decide
 * what a value means by comparing it with parameters.
 */
export interface FactDefinition<Params = Record<string, never>> {
  id: string;
  valueType: FactValueType;
  description: Bilingual;
  /** The params a condition may pass; strict, so a misspelt param is an error. */
  params: z.ZodType<Params, any>;
  /**
   * Params that name entries of the rule set's own catalogues (a risk type id of risk-types.json, a
   * measure group code of measures.json): loading checks each against the catalogue, with a "did you mean".
   */
  catalogueParams?: Readonly<Record<string, CatalogueName>>;
  /** May return null when the input lacks the data. */
  compute(context: HouseholdContext, params: Params): unknown;
}

/** A catalogue of a rule set that fact params may name. */
export type CatalogueName = "riskTypes" | "measureGroups";

/** Declares a fact with its params type inferred from its schema. */
export function defineFact<Schema extends z.ZodType>(definition: {
  id: string;
  valueType: FactValueType;
  description: Bilingual;
  params: Schema;
  catalogueParams?: Readonly<Record<string, CatalogueName>>;
  compute(context: HouseholdContext, params: z.output<Schema>): unknown;
}): FactDefinition<z.output<Schema>> {
  return definition as FactDefinition<z.output<Schema>>;
}
