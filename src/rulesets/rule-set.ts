import type { SourceLocation } from "../errors.js";
import type {
  BilingualText,
  Figure,
  GuaranteeEntry,
  MeasureEntry,
  MeasureGroupEntry,
  Parameter,
  RiskTypeEntry,
  RuleDefinition,
  RuleSetManifest,
  Stage,
  TopLevelCondition,
} from "./schema.js";

/** A rule after loading: its stage (from its file) and where it was written. */
export interface LoadedRule extends RuleDefinition {
  stage: Stage;
}

/** An entry a child rule set disabled, with its reason. */
export interface DisabledEntry {
  kind: "rule" | "riskType" | "measure" | "guarantee";
  id: string;
  reason: string;
  by: string;
}

/**
 * What a rule set's own files write: its top layer, not the sets it extends. Authors' tools read it
 * (`dixian test --coverage` counts these rules, `dixian validate` warns about these values); it is
 * not covered by the hash, which describes only what screening uses.
 */
export interface OwnLayer {
  /** Ids of the rules this layer defines or replaces (not those it disables). */
  rules: string[];
  /** Each parameter this layer writes (in full or with `"merge": "addValues"`), with the `from` date of every value it writes. */
  parameterValues: Record<string, string[]>;
}

/**
 * A rule set with every layer merged (national → province → county): what screening runs and what
 * the hash covers.
 */
export interface RuleSet {
  id: string;
  version: string;
  /** Ids of the layers, base first, this set last. */
  layers: string[];
  region: RuleSetManifest["region"] | null;
  description: BilingualText;
  parameters: Record<string, Parameter>;
  /** The income accounting (收支核算口径): each figure's definitions by date, from figures.json, layered by id. */
  figures: Record<string, Figure>;
  riskTypes: RiskTypeEntry[];
  guarantees: GuaranteeEntry[];
  measures: MeasureEntry[];
  /** The measure groups (100A39 产业 …) with their names, sources and statuses, from measures.json. */
  measureGroups: MeasureGroupEntry[];
  conditions: Record<string, TopLevelCondition>;
  rules: LoadedRule[];
  disabled: DisabledEntry[];
  /**
   * Parameter values given for every date (`--set NAME=VALUE`, {@link LoadOptions.overrides}), as
   * written; absent when nothing was overridden. The hash covers them.
   */
  overrides?: Readonly<Record<string, string>>;
  /** `sha256:` + hex digest of the canonical JSON of everything above. */
  hash: string;
  /** What this rule set's own files write, as opposed to what it inherits (see {@link OwnLayer}). */
  ownLayer: OwnLayer;
  /**
   * Where each rule, parameter and catalogue entry was written (`rule:ID`, `parameter:NAME`, ...),
   * and `manifest`: this rule set's own `ruleset.json` (`builtin:yunnan/ruleset.json` for a shipped set).
   */
  origins: ReadonlyMap<string, SourceLocation>;
}
