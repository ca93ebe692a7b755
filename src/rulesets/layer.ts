import type { Problem } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import type { JsonSource } from "./json-source.js";
import type { DisabledEntry, LoadedRule } from "./rule-set.js";
import { own, setOwn } from "./own.js";
import type {
  Figure,
  FigureDefinition,
  FigureVariant,
  GuaranteeEntry,
  MeasureEntry,
  MeasureGroupEntry,
  Parameter,
  ParameterValue,
  RiskTypeEntry,
  Stage,
  TopLevelCondition,
} from "./schema.js";

/** What one rule-set directory contributes, before it is merged onto the set it extends. */
export interface Layer {
  id: string;
  parameters: Record<string, Parameter | { merge: "addValues"; values: ParameterValue[] }>;
  /** Figure definitions by id, as written in figures.json. */
  figures: Record<string, FigureDefinition>;
  riskTypes: (RiskTypeEntry | Disabled)[];
  guarantees: GuaranteeEntry[];
  measures: (MeasureEntry | Disabled)[];
  /** The measure groups of measures.json, layered by code. */
  measureGroups: MeasureGroupEntry[];
  conditions: Record<string, TopLevelCondition>;
  rules: ({ stage: Stage } & (LoadedRule | Disabled))[];
  /** Where each entry was written, to report problems found while merging. */
  sources: {
    parameters?: JsonSource;
    riskTypes?: JsonSource;
    measures?: JsonSource;
    rules: Map<string, { source: JsonSource; index: number }>;
  };
}

interface Disabled {
  id: string;
  disabled: true;
  reason: string;
}

/** The merged content so far (a base layer merged with nothing is itself). */
export interface Merged {
  parameters: Record<string, Parameter>;
  figures: Record<string, Figure>;
  riskTypes: RiskTypeEntry[];
  guarantees: GuaranteeEntry[];
  measures: MeasureEntry[];
  measureGroups: MeasureGroupEntry[];
  conditions: Record<string, TopLevelCondition>;
  rules: LoadedRule[];
  disabled: DisabledEntry[];
}

export const EMPTY_MERGED: Merged = {
  parameters: {},
  figures: {},
  riskTypes: [],
  guarantees: [],
  measures: [],
  measureGroups: [],
  conditions: {},
  rules: [],
  disabled: [],
};

/** A figure definition as written, in the one shape screening reads: its dated variants. */
export function normalizeFigure(definition: FigureDefinition): Figure {
  const variant = (entry: {
    from?: string;
    until?: string;
    add?: string[];
    subtract?: string[];
    perMember?: string;
  }): FigureVariant => {
    const period = {
      ...(entry.from !== undefined ? { from: entry.from } : {}),
      ...(entry.until !== undefined ? { until: entry.until } : {}),
    };
    return entry.perMember !== undefined
      ? { ...period, perMember: entry.perMember }
      : { ...period, add: entry.add ?? [], subtract: entry.subtract ?? [] };
  };
  const variants = "values" in definition ? definition.values.map(variant) : [variant(definition)];
  return {
    variants,
    ...(definition.description ? { description: definition.description } : {}),
    ...(definition.source ? { source: definition.source } : {}),
  };
}

const isDisabled = (entry: object): entry is Disabled => "disabled" in entry;

/**
 * Merges a catalogue by id: a child entry replaces the inherited one in place, a new one is added
 * at the end, a `disabled` entry removes the inherited one (and must name something inherited).
 */
function mergeById<T extends { id: string }>(
  base: readonly T[],
  additions: readonly (T | Disabled)[],
  kind: DisabledEntry["kind"],
  layerId: string,
  disabled: DisabledEntry[],
  unknownDisabled: (id: string) => void,
): T[] {
  const result = [...base];
  for (const entry of additions) {
    const index = result.findIndex((existing) => existing.id === entry.id);
    if (isDisabled(entry)) {
      if (index < 0) unknownDisabled(entry.id);
      else {
        result.splice(index, 1);
        disabled.push({ kind, id: entry.id, reason: entry.reason, by: layerId });
      }
    } else if (index >= 0) result[index] = entry;
    else result.push(entry);
  }
  return result;
}

/** Merges one layer onto what it extends. Problems (disabling what is not inherited) go to `problems`. */
export function mergeLayer(base: Merged, layer: Layer, problems: Problem[], language: Language = "zh"): Merged {
  const disabled = [...base.disabled];
  const parameters: Record<string, Parameter> = { ...base.parameters };
  for (const [name, entry] of Object.entries(layer.parameters)) {
    if ("merge" in entry) {
      const inherited = own(parameters, name);
      if (!inherited) {
        problems.push(
          layer.sources.parameters!.problemAt([name, "merge"], message("mergeNotInherited", language, { name })),
        );
        continue;
      }
      const byFrom = new Map(inherited.values.map((value) => [value.from, value]));
      for (const value of entry.values) byFrom.set(value.from, value);
      setOwn(parameters, name, {
        ...inherited,
        values: [...byFrom.values()].sort((a, b) => a.from.localeCompare(b.from)),
      });
    } else {
      setOwn(parameters, name, { ...entry, values: [...entry.values].sort((a, b) => a.from.localeCompare(b.from)) });
    }
  }
  const unknown = (source: JsonSource | undefined, key: string) => (id: string) =>
    problems.push(
      source?.problemAt([key], message("cannotDisable", language, { id })) ?? {
        file: layer.id,
        path: "",
        message: message("cannotDisable", language, { id }),
      },
    );
  const riskTypes = mergeById(
    base.riskTypes,
    layer.riskTypes,
    "riskType",
    layer.id,
    disabled,
    unknown(layer.sources.riskTypes, "riskTypes"),
  );
  const measures = mergeById(
    base.measures,
    layer.measures,
    "measure",
    layer.id,
    disabled,
    unknown(layer.sources.measures, "measures"),
  );
  // Groups are layered by code: a child's group replaces the inherited one in place, a new one is added.
  const measureGroups = [...base.measureGroups];
  for (const group of layer.measureGroups) {
    const index = measureGroups.findIndex((existing) => existing.code === group.code);
    if (index >= 0) measureGroups[index] = group;
    else measureGroups.push(group);
  }
  const guarantees = mergeById(base.guarantees, layer.guarantees, "guarantee", layer.id, disabled, () => undefined);
  const rules = mergeById(
    base.rules,
    layer.rules as (LoadedRule | (Disabled & { stage: Stage }))[],
    "rule",
    layer.id,
    disabled,
    (id) => {
      const where = layer.sources.rules.get(id);
      problems.push(
        where
          ? where.source.problemAt(["rules", where.index, "id"], message("cannotDisableRule", language, { id }))
          : { file: layer.id, path: "", message: message("cannotDisableRule", language, { id }) },
      );
    },
  ) as LoadedRule[];
  // Layered by id: a definition in this layer replaces the inherited one; the rest is inherited.
  const figures: Record<string, Figure> = { ...base.figures };
  for (const [id, definition] of Object.entries(layer.figures)) figures[id] = normalizeFigure(definition);
  return {
    parameters,
    figures,
    riskTypes,
    guarantees,
    measures,
    measureGroups,
    conditions: { ...base.conditions, ...layer.conditions },
    rules,
    disabled,
  };
}
