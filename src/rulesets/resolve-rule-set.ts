import type { z } from "zod";
import { DixianError, inReaderLanguage, type ProblemWords, type SourceLocation } from "../errors.js";
import { expandUnionIssues, inBothLanguages, issueWords } from "../messages/zod-issues.js";
import { type Language, type Words, both, inLanguage, message } from "../messages/catalogue.js";
import { BUILT_IN_FILES } from "./built-in-files.js";
import { BUILT_IN_PREFIX, checkBuiltInName } from "./built-in-names.js";
import { checkReferences } from "./check-references.js";
import { conditionGraphProblems } from "./condition-graph.js";
import { ruleSetHash } from "./hash.js";
import { deepFreeze, FrozenMap } from "./freeze.js";
import { parseJsonSource, type JsonSource } from "./json-source.js";
import { EMPTY_MERGED, mergeLayer, type Layer, type Merged } from "./layer.js";
import { applyOverrides, type ParameterOverrides } from "./overrides.js";
import type { OwnLayer, RuleSet } from "./rule-set.js";
import { setOwn } from "./own.js";
import { memoryFiles, type RuleSetFiles } from "./rule-set-files.js";
import {
  conditionsFileSchema,
  figuresFileSchema,
  guaranteesFileSchema,
  manifestSchema,
  measuresFileSchema,
  type MeasureGroupEntry,
  MAX_RULES_PER_FILE,
  parametersFileSchema,
  riskTypesFileSchema,
  ruleEntrySchema,
  ruleSchema,
  rulesFileLoadSchema,
  ruleTableLoadSchema,
  type RuleDefinition,
  type RuleSetManifest,
  type RuleTableEntry,
} from "./schema.js";
import { expandRuleTable, isRuleTable } from "./rule-tables.js";

/** An entry of a rule file that disables an inherited rule. */
type DisabledRule = { id: string; disabled: true; reason: string };

/** The files of a rule-set directory. Only `ruleset.json` is required. */
export const RULE_SET_FILES = {
  manifest: "ruleset.json",
  parameters: "parameters.json",
  riskTypes: "risk-types.json",
  guarantees: "guarantees.json",
  measures: "measures.json",
  conditions: "conditions.json",
  figures: "figures.json",
  rulesDir: "rules",
  testsDir: "tests",
} as const;

/** The names a rule-set directory may hold; anything else is reported (a misspelt file must not be skipped silently). */
const KNOWN_ENTRIES: ReadonlySet<string> = new Set(Object.values(RULE_SET_FILES));

/**
 * Files the loader does not know, in a rule-set directory and its `rules/` folder. Hidden files
 * (`.DS_Store`, editor swap files) are left alone; anything else is a problem naming the file.
 */
function unknownEntries(files: RuleSetFiles, problems: ProblemWords[]): void {
  const known = [...KNOWN_ENTRIES].join(", ");
  const check = (
    folder: string,
    allowed: (name: string, isDirectory: boolean) => boolean,
    what: "inRuleSetDir" | "inRulesFolder",
  ) => {
    for (const entry of files.entries(folder)) {
      if (entry.name.startsWith(".") || allowed(entry.name, entry.isDirectory)) continue;
      const where = both(what === "inRuleSetDir" ? "unknownEntryInRuleSetDir" : "unknownEntryInRulesFolder");
      problems.push({
        file: files.display(folder ? `${folder}/${entry.name}` : entry.name),
        path: "",
        message: both(entry.isDirectory ? "unknownFolderEntry" : "unknownFileEntry", { where, known }),
      });
    }
  };
  check(
    "",
    (name, isDirectory) =>
      KNOWN_ENTRIES.has(name) && isDirectory === (name === RULE_SET_FILES.rulesDir || name === RULE_SET_FILES.testsDir),
    "inRuleSetDir",
  );
  check(RULE_SET_FILES.rulesDir, (name, isDirectory) => !isDirectory && name.endsWith(".json"), "inRulesFolder");
}

/** Options of {@link loadRuleSet}, {@link loadBuiltInRuleSet} and {@link ruleSetFromJson}. */
export interface LoadOptions {
  /** Language of the problems reported: `"zh"` (default) or `"en"`. */
  lang?: Language;
  /**
   * Parameter values that replace the rule set's own for every date (`--set NAME=VALUE`): a what-if,
   * or a value the county has and the rule set lacks. Each is checked like the parameter's own
   * values; the hash covers them and results list them in `ruleSet.overrides`. See {@link applyOverrides}.
   */
  overrides?: ParameterOverrides;
}

const MAX_LAYERS = 16;

/** What loading collects: the problems (in both languages) and which kind each is. */
interface LoadContext {
  problems: ProblemWords[];
  syntax: Set<ProblemWords>;
  /** Problems of a condition graph too deep or too large to evaluate. */
  limits: Set<ProblemWords>;
  /** Files that are missing behind a link, not regular files, or outside the rule set. */
  notFound: Set<ProblemWords>;
}

function validated<S extends z.ZodType>(source: JsonSource, schema: S, context: LoadContext): z.output<S> | undefined {
  return validatedAt(source, schema, source.value, [], context);
}

/**
 * A value of a file checked against a schema; each problem is placed at `at` + its path, or where
 * `place` puts its path (a rule a table row makes: the cell or the table's rule). Problems already
 * in `seen` (the same place and words, as every row of a table repeats a slip in its rule) are not
 * reported again.
 */
function validatedAt<S extends z.ZodType>(
  source: JsonSource,
  schema: S,
  value: unknown,
  at: readonly PropertyKey[],
  context: LoadContext,
  place?: (path: readonly PropertyKey[]) => PropertyKey[],
  seen?: Set<string>,
): z.output<S> | undefined {
  const result = schema.safeParse(value, { ...inBothLanguages(), jitless: true });
  if (result.success) return result.data;
  for (const issue of expandUnionIssues(result.error.issues)) {
    const path =
      issue.code === "unrecognized_keys" ? [...issue.path, (issue as { keys: string[] }).keys[0]!] : issue.path;
    const problem = source.problemAt(place ? place(path) : [...at, ...path], issueWords(issue));
    const key = `${problem.path}\u0000${JSON.stringify(problem.message)}`;
    if (seen?.has(key)) continue;
    seen?.add(key);
    context.problems.push(problem);
  }
  return undefined;
}

function readOptional(files: RuleSetFiles, path: string, context: LoadContext): JsonSource | undefined {
  try {
    const text = files.read(path);
    return text === undefined ? undefined : parseJsonSource(text, files.display(path));
  } catch (error) {
    if (!(error instanceof DixianError)) throw error;
    const problems = error.problemWords.length
      ? error.problemWords
      : [{ file: files.display(path), path: "", message: error.words }];
    context.problems.push(...problems);
    if (error.code === "E_RULESET_JSON") for (const problem of problems) context.syntax.add(problem);
    if (error.code === "E_RULESET_NOT_FOUND") for (const problem of problems) context.notFound.add(problem);
    return undefined;
  }
}

/** Where an entry was written: its file and its path inside it. */
export interface Anchor {
  source: JsonSource;
  path: PropertyKey[];
  /**
   * For a rule a decision-table row makes: where a path inside the rule was written (the row's
   * cell, or the table's rule), instead of `path` followed by it.
   */
  map?: (path: readonly PropertyKey[]) => PropertyKey[];
}

interface LoadedLayer {
  manifest: RuleSetManifest;
  manifestSource: JsonSource;
  layer: Layer;
  origins: Map<string, Anchor>;
}

function loadLayer(dir: RuleSetFiles, context: LoadContext): LoadedLayer | undefined {
  const { problems } = context;
  const manifestSource = readOptional(dir, RULE_SET_FILES.manifest, context);
  if (!manifestSource) {
    if (!problems.length) {
      problems.push({
        file: dir.display(RULE_SET_FILES.manifest),
        path: "",
        message: both("notARuleSet"),
      });
    }
    return undefined;
  }
  const manifest = validated(manifestSource, manifestSchema, context);
  if (!manifest) return undefined;
  unknownEntries(dir, problems);
  const origins = new Map<string, Anchor>();
  const layer: Layer = {
    id: manifest.id,
    parameters: {},
    figures: {},
    riskTypes: [],
    guarantees: [],
    measures: [],
    measureGroups: [],
    conditions: {},
    rules: [],
    sources: { rules: new Map() },
  };

  const parametersSource = readOptional(dir, RULE_SET_FILES.parameters, context);
  if (parametersSource && validated(parametersSource, parametersFileSchema, context)) {
    const { $schema: _schema, ...parameters } = parametersSource.value as Record<string, unknown>;
    layer.parameters = parameters as Layer["parameters"];
    layer.sources.parameters = parametersSource;
    for (const name of Object.keys(parameters))
      origins.set(`parameter:${name}`, { source: parametersSource, path: [name] });
  }
  const figuresSource = readOptional(dir, RULE_SET_FILES.figures, context);
  if (figuresSource && validated(figuresSource, figuresFileSchema, context)) {
    const { $schema: _schema, ...figures } = figuresSource.value as Record<string, unknown>;
    layer.figures = figures as Layer["figures"];
    for (const name of Object.keys(figures)) origins.set(`figure:${name}`, { source: figuresSource, path: [name] });
  }
  const catalogue = <K extends "riskTypes" | "measures" | "guarantees">(file: string, key: K, schema: z.ZodType) => {
    const source = readOptional(dir, file, context);
    const data = source && (validated(source, schema, context) as Record<K, { id: string }[]> | undefined);
    if (!source || !data) return undefined;
    const seen = new Set<string>();
    data[key].forEach((entry, index) => {
      if (seen.has(entry.id))
        problems.push(source.problemAt([key, index, "id"], both("duplicateId", { id: entry.id })));
      seen.add(entry.id);
      origins.set(`${key}:${entry.id}`, { source, path: [key, index] });
    });
    (layer as unknown as Record<K, unknown>)[key] = data[key];
    // The comparison does not narrow the type parameter K for the compiler, so the assertion is needed.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    if (key !== "guarantees") layer.sources[key as "riskTypes" | "measures"] = source;
    return data;
  };
  catalogue(RULE_SET_FILES.riskTypes, "riskTypes", riskTypesFileSchema);
  catalogue(RULE_SET_FILES.guarantees, "guarantees", guaranteesFileSchema);
  const measures = catalogue(RULE_SET_FILES.measures, "measures", measuresFileSchema) as
    { groups?: MeasureGroupEntry[] } | undefined;
  const measuresSource = layer.sources.measures;
  if (measures?.groups && measuresSource) {
    const seen = new Set<string>();
    measures.groups.forEach((group, index) => {
      if (seen.has(group.code))
        problems.push(measuresSource.problemAt(["groups", index, "code"], both("duplicateId", { id: group.code })));
      seen.add(group.code);
      origins.set(`measureGroup:${group.code}`, { source: measuresSource, path: ["groups", index] });
    });
    layer.measureGroups = measures.groups;
  }

  const conditionsSource = readOptional(dir, RULE_SET_FILES.conditions, context);
  const conditions = conditionsSource && validated(conditionsSource, conditionsFileSchema, context);
  if (conditions && conditionsSource) {
    layer.conditions = conditions.conditions;
    for (const name of Object.keys(conditions.conditions))
      origins.set(`condition:${name}`, { source: conditionsSource, path: ["conditions", name] });
  }

  let ruleFiles: string[] = [];
  try {
    ruleFiles = dir.list(RULE_SET_FILES.rulesDir).sort();
  } catch (error) {
    if (!(error instanceof DixianError)) throw error;
    problems.push(...error.problemWords);
    for (const problem of error.problemWords) context.notFound.add(problem);
  }
  for (const name of ruleFiles) {
    const source = readOptional(dir, `${RULE_SET_FILES.rulesDir}/${name}`, context);
    const file = source && validated(source, rulesFileLoadSchema, context);
    const entries = source && file && ruleFileEntries(source, file.rules, context);
    if (!source || !file || !entries) continue;
    for (const { rule, index, anchor } of entries) {
      if (layer.sources.rules.has(rule.id)) {
        problems.push(
          source.problemAt(anchor.map?.(["id"]) ?? ["rules", index, "id"], both("duplicateRuleId", { id: rule.id })),
        );
        continue;
      }
      layer.sources.rules.set(rule.id, { source, index });
      origins.set(`rule:${rule.id}`, anchor);
      layer.rules.push({ ...rule, stage: file.stage });
    }
  }
  return { manifest, manifestSource, layer, origins };
}

/**
 * The entries of a rule file, each checked: an ordinary rule or a disabled one as written, and a
 * decision table as the rules its rows make (rule-tables.ts), each checked as any rule is, with its
 * problems placed where they were written (the cell, or the table's rule). Undefined when any entry
 * has a problem, or the file makes more rules than a file may hold.
 */
function ruleFileEntries(
  source: JsonSource,
  entries: readonly unknown[],
  context: LoadContext,
): { rule: RuleDefinition | DisabledRule; index: number; anchor: Anchor }[] | undefined {
  const before = context.problems.length;
  const result: { rule: RuleDefinition | DisabledRule; index: number; anchor: Anchor }[] = [];
  entries.forEach((entry, index) => {
    if (!isRuleTable(entry)) {
      const rule = validatedAt(source, ruleEntrySchema, entry, ["rules", index], context);
      if (rule) result.push({ rule, index, anchor: { source, path: ["rules", index] } });
      return;
    }
    const table = validatedAt(source, ruleTableLoadSchema, entry, ["rules", index], context);
    if (!table) return;
    const expanded = expandRuleTable(table as RuleTableEntry, ["rules", index]);
    for (const problem of expanded.problems) context.problems.push(source.problemAt(problem.path, problem.message));
    const seen = new Set<string>();
    for (const row of expanded.rules) {
      const at = (path: readonly PropertyKey[]) => row.locate(path);
      const rule = validatedAt(source, ruleSchema, row.rule, [], context, at, seen);
      if (rule) result.push({ rule, index, anchor: { source, path: at([]), map: at } });
    }
  });
  if (result.length > MAX_RULES_PER_FILE)
    context.problems.push(
      source.problemAt(["rules"], both("ruleTableTooManyRules", { count: result.length, maximum: MAX_RULES_PER_FILE })),
    );
  return context.problems.length > before ? undefined : result;
}

/**
 * Loads a rule set from its files and every set it extends, merges the layers (base first) and
 * checks every reference: the one loader behind {@link loadRuleSet} (a directory) and
 * {@link ruleSetFromJson} (files in memory). The rule set returned is deeply frozen. Throws a
 * {@link DixianError} listing every problem with its file, JSON path, line and column, in
 * `options.lang` (Chinese by default; codes and paths are the same in both).
 */
export function loadRuleSetFiles(files: RuleSetFiles, options: LoadOptions = {}): RuleSet {
  try {
    return loadFiles(files, options);
  } catch (error) {
    throw inReaderLanguage(error, options.lang ?? "zh");
  }
}

function loadFiles(files: RuleSetFiles, options: LoadOptions): RuleSet {
  const context: LoadContext = { problems: [], syntax: new Set(), limits: new Set(), notFound: new Set() };
  const { problems } = context;
  const chain: LoadedLayer[] = [];
  const seen: RuleSetFiles[] = [];
  let current: RuleSetFiles | undefined = files;
  while (current) {
    if (!current.exists()) {
      const problem =
        chain.length === 0
          ? both("ruleSetDirNotFound", { dir: current.label })
          : both("extendsNotFound", {
              id: chain[0]!.manifest.id,
              target: chain[0]!.manifest.extends ?? "",
            });
      throw new DixianError("E_RULESET_NOT_FOUND", problem, [
        chain.length === 0
          ? { file: current.label, path: "", message: problem }
          : chain[0]!.manifestSource.problemAt(["extends"], problem),
      ]);
    }
    const identity = current.identity;
    if (seen.some((entry) => entry.identity === identity)) {
      const cycleIn = (language: Language) =>
        [...seen, current].map((entry) => lastSegment(inLanguage(entry!.label, language))).join(" → ");
      const cycle = { zh: cycleIn("zh"), en: cycleIn("en") };
      throw new DixianError("E_RULESET_CYCLE", both("extendsCycle", { cycle }), [
        chain[0]!.manifestSource.problemAt(["extends"], both("extendsCycleHere", { cycle })),
      ]);
    }
    if (seen.length >= MAX_LAYERS) throw new DixianError("E_RULESET_CYCLE", both("tooManyLayers", { max: MAX_LAYERS }));
    seen.push(current);
    const loaded = loadLayer(current, context);
    if (!loaded) break;
    chain.unshift(loaded);
    current = loaded.manifest.extends ? extendsFiles(current, loaded) : undefined;
  }
  if (problems.length > 0 || chain.length === 0) throw ruleSetError(context);

  const anchors = new Map<string, Anchor>();
  let merged: Merged = EMPTY_MERGED;
  for (const { layer, origins: layerOrigins } of chain) {
    merged = mergeLayer(merged, layer, problems);
    for (const [key, anchor] of layerOrigins) anchors.set(key, anchor);
  }
  const top = chain[chain.length - 1]!.manifest;
  const withoutHash = {
    id: top.id,
    version: top.version,
    layers: chain.map((entry) => entry.manifest.id),
    region: top.region ?? null,
    description: top.description,
    ...merged,
    // Not hashed: which rules and values are this set's own is for authors' tools, not for screening.
    ownLayer: ownLayerOf(chain[chain.length - 1]!.layer),
  };
  const locate = (key: string, path: readonly PropertyKey[], problem: Words): ProblemWords => {
    const anchor = anchors.get(key);
    return anchor
      ? anchor.source.problemAt(anchor.map ? anchor.map(path) : [...anchor.path, ...path], problem)
      : { file: top.id, path: "", message: problem };
  };
  // A slip in a decision table's rule is found once for each of its rows, at the same place: reported once.
  const reported = new Set<string>();
  const once = (problem: ProblemWords) => {
    const key = JSON.stringify([problem.file, problem.path, problem.message]);
    return reported.has(key) ? false : (reported.add(key), true);
  };
  problems.push(...checkReferences(withoutHash, locate).filter(once));
  for (const problem of conditionGraphProblems(withoutHash, locate)) {
    if (!once(problem)) continue;
    problems.push(problem);
    context.limits.add(problem);
  }
  if (problems.length > 0) throw ruleSetError(context);
  const origins = new Map<string, SourceLocation>();
  for (const [key, anchor] of anchors) {
    const { file, path, line, column } = anchor.source.problemAt(anchor.path, "");
    origins.set(key, { file, path, line, column });
  }
  // This rule set's own ruleset.json: where messages point an author (an overlay's parameters.json is beside it).
  origins.set("manifest", { file: chain[chain.length - 1]!.manifestSource.file, path: "" });
  const ruleSet: RuleSet = { ...withoutHash, hash: ruleSetHash(withoutHash), origins: new FrozenMap(origins) };
  // Frozen, so no one can screen an edited rule set under the hash of the original.
  return deepFreeze(
    options.overrides && Object.keys(options.overrides).length ? applyOverrides(ruleSet, options.overrides) : ruleSet,
  );
}

/** What a layer itself writes: the rules it defines or replaces, and the parameter values it writes. */
function ownLayerOf(layer: Layer): OwnLayer {
  const parameterValues: Record<string, string[]> = {};
  for (const [name, entry] of Object.entries(layer.parameters))
    setOwn(
      parameterValues,
      name,
      entry.values.map((value) => value.from),
    );
  return {
    rules: layer.rules.filter((rule) => !("disabled" in rule)).map((rule) => rule.id),
    parameterValues,
  };
}

function lastSegment(label: string): string {
  return (
    label
      .split(/[\\/:]/)
      .filter(Boolean)
      .pop() ?? label
  );
}

/** The files of the shipped rule set `name` (embedded in the code, so found in a bundle or a browser). */
export function builtInFiles(name: string): RuleSetFiles {
  checkBuiltInName(name);
  return memoryFiles(BUILT_IN_FILES, name, BUILT_IN_PREFIX);
}

/** Where `extends` points: a rule set relative to this one, or `builtin:<name>` for a shipped set. */
function extendsFiles(files: RuleSetFiles, loaded: LoadedLayer): RuleSetFiles {
  const target = loaded.manifest.extends!;
  if (!target.startsWith(BUILT_IN_PREFIX)) return files.relative(target);
  try {
    return builtInFiles(target.slice(BUILT_IN_PREFIX.length));
  } catch (error) {
    if (!(error instanceof DixianError)) throw error;
    throw new DixianError(error.code, error.words, [loaded.manifestSource.problemAt(["extends"], error.words)]);
  }
}

function ruleSetError({ problems, syntax, limits, notFound }: LoadContext): DixianError {
  const linesIn = (language: Language) =>
    problems
      .map(
        (p) =>
          `${inLanguage(p.file, language)}${p.line ? `:${p.line}:${p.column}` : ""} ${p.path || "/"}` +
          `${message("colon", language)}${inLanguage(p.message, language)}`,
      )
      .join("\n");
  const code = problems.some((p) => syntax.has(p))
    ? "E_RULESET_JSON"
    : problems.some((p) => notFound.has(p))
      ? "E_RULESET_NOT_FOUND"
      : problems.every((p) => limits.has(p))
        ? "E_RULESET_CONDITION_LIMIT"
        : "E_RULESET_SCHEMA";
  return new DixianError(code, both("invalidRuleSet", { lines: { zh: linesIn("zh"), en: linesIn("en") } }), problems);
}
