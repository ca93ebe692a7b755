import type { z } from "zod";
import { DixianError, type Problem, type SourceLocation } from "../errors.js";
import { expandUnionIssues, missingFieldMessage } from "../input/zod-issues.js";
import { BUILT_IN_FILES } from "./built-in-files.js";
import { BUILT_IN_PREFIX, checkBuiltInName } from "./built-in-names.js";
import { checkReferences } from "./check-references.js";
import { ruleSetHash } from "./hash.js";
import { deepFreeze, FrozenMap } from "./freeze.js";
import { parseJsonSource, type JsonSource } from "./json-source.js";
import { EMPTY_MERGED, mergeLayer, type Layer, type Merged } from "./layer.js";
import { applyOverrides, type ParameterOverrides } from "./overrides.js";
import type { RuleSet } from "./rule-set.js";
import { memoryFiles, type RuleSetFiles } from "./rule-set-files.js";
import {
  conditionsFileSchema, figuresFileSchema, guaranteesFileSchema, manifestSchema, measuresFileSchema, parametersFileSchema,
  riskTypesFileSchema, rulesFileSchema, type RuleSetManifest,
} from "./schema.js";

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
function unknownEntries(files: RuleSetFiles, problems: Problem[]): void {
  const check = (folder: string, allowed: (name: string, isDirectory: boolean) => boolean, what: string) => {
    for (const entry of files.entries(folder)) {
      if (entry.name.startsWith(".") || allowed(entry.name, entry.isDirectory)) continue;
      problems.push({ file: files.display(folder ? `${folder}/${entry.name}` : entry.name), path: "", message: `unknown ${entry.isDirectory ? "folder" : "file"} in ${what}: a rule set holds ${[...KNOWN_ENTRIES].join(", ")} (rules/ holds only *.json rule files)` });
    }
  };
  check("", (name, isDirectory) => KNOWN_ENTRIES.has(name) && isDirectory === (name === RULE_SET_FILES.rulesDir || name === RULE_SET_FILES.testsDir), "a rule-set directory");
  check(RULE_SET_FILES.rulesDir, (name, isDirectory) => !isDirectory && name.endsWith(".json"), "rules/");
}

/** Options of {@link loadRuleSet}, {@link loadBuiltInRuleSet} and {@link ruleSetFromJson}. */
export interface LoadOptions {
  /**
   * Parameter values that replace the rule set's own for every date (`--set NAME=VALUE`): a what-if,
   * or a value the county has and the rule set lacks. Each is checked like the parameter's own
   * values; the hash covers them and results list them in `ruleSet.overrides`. See {@link applyOverrides}.
   */
  overrides?: ParameterOverrides;
}

const MAX_LAYERS = 16;

function validated<S extends z.ZodType>(source: JsonSource, schema: S, problems: Problem[]): z.output<S> | undefined {
  const result = schema.safeParse(source.value, { error: missingFieldMessage, jitless: true });
  if (result.success) return result.data;
  for (const issue of expandUnionIssues(result.error.issues)) {
    const message = issue.code === "unrecognized_keys"
      ? `unknown field${(issue as { keys: string[] }).keys.length > 1 ? "s" : ""}: ${(issue as { keys: string[] }).keys.map((k) => JSON.stringify(k)).join(", ")}`
      : issue.message;
    const path = issue.code === "unrecognized_keys" ? [...issue.path, (issue as { keys: string[] }).keys[0]!] : issue.path;
    problems.push(source.problemAt(path as PropertyKey[], message));
  }
  return undefined;
}

function readOptional(files: RuleSetFiles, path: string, problems: Problem[]): JsonSource | undefined {
  try {
    const text = files.read(path);
    return text === undefined ? undefined : parseJsonSource(text, files.display(path));
  } catch (error) {
    if (!(error instanceof DixianError)) throw error;
    problems.push(...(error.problems.length ? error.problems : [{ file: files.display(path), path: "", message: error.message }]));
    return undefined;
  }
}

/** Where an entry was written: its file and its path inside it. */
export interface Anchor {
  source: JsonSource;
  path: PropertyKey[];
}

interface LoadedLayer {
  manifest: RuleSetManifest;
  manifestSource: JsonSource;
  layer: Layer;
  origins: Map<string, Anchor>;
}

function loadLayer(dir: RuleSetFiles, problems: Problem[]): LoadedLayer | undefined {
  const manifestSource = readOptional(dir, RULE_SET_FILES.manifest, problems);
  if (!manifestSource) {
    if (!problems.length) {
      problems.push({ file: dir.display(RULE_SET_FILES.manifest), path: "", message: "not a rule set: ruleset.json is missing" });
    }
    return undefined;
  }
  const manifest = validated(manifestSource, manifestSchema, problems);
  if (!manifest) return undefined;
  unknownEntries(dir, problems);
  const origins = new Map<string, Anchor>();
  const layer: Layer = {
    id: manifest.id, parameters: {}, figures: {}, riskTypes: [], guarantees: [], measures: [], conditions: {}, rules: [],
    sources: { rules: new Map() },
  };

  const parametersSource = readOptional(dir, RULE_SET_FILES.parameters, problems);
  if (parametersSource && validated(parametersSource, parametersFileSchema, problems)) {
    const { $schema: _schema, ...parameters } = parametersSource.value as Record<string, unknown>;
    layer.parameters = parameters as Layer["parameters"];
    layer.sources.parameters = parametersSource;
    for (const name of Object.keys(parameters)) origins.set(`parameter:${name}`, { source: parametersSource, path: [name] });
  }
  const figuresSource = readOptional(dir, RULE_SET_FILES.figures, problems);
  if (figuresSource && validated(figuresSource, figuresFileSchema, problems)) {
    const { $schema: _schema, ...figures } = figuresSource.value as Record<string, unknown>;
    layer.figures = figures as Layer["figures"];
    for (const name of Object.keys(figures)) origins.set(`figure:${name}`, { source: figuresSource, path: [name] });
  }
  const catalogue = <K extends "riskTypes" | "measures" | "guarantees">(file: string, key: K, schema: z.ZodType) => {
    const source = readOptional(dir, file, problems);
    const data = source && (validated(source, schema, problems) as Record<K, { id: string }[]> | undefined);
    if (!source || !data) return;
    const seen = new Set<string>();
    data[key].forEach((entry, index) => {
      if (seen.has(entry.id)) problems.push(source.problemAt([key, index, "id"], `duplicate id "${entry.id}"`));
      seen.add(entry.id);
      origins.set(`${key}:${entry.id}`, { source, path: [key, index] });
    });
    (layer as unknown as Record<K, unknown>)[key] = data[key];
    if (key !== "guarantees") layer.sources[key as "riskTypes" | "measures"] = source;
  };
  catalogue(RULE_SET_FILES.riskTypes, "riskTypes", riskTypesFileSchema);
  catalogue(RULE_SET_FILES.guarantees, "guarantees", guaranteesFileSchema);
  catalogue(RULE_SET_FILES.measures, "measures", measuresFileSchema);

  const conditionsSource = readOptional(dir, RULE_SET_FILES.conditions, problems);
  const conditions = conditionsSource && validated(conditionsSource, conditionsFileSchema, problems);
  if (conditions && conditionsSource) {
    layer.conditions = conditions.conditions;
    for (const name of Object.keys(conditions.conditions)) origins.set(`condition:${name}`, { source: conditionsSource, path: ["conditions", name] });
  }

  for (const name of dir.list(RULE_SET_FILES.rulesDir).sort()) {
    const source = readOptional(dir, `${RULE_SET_FILES.rulesDir}/${name}`, problems);
    const file = source && validated(source, rulesFileSchema, problems);
    if (!source || !file) continue;
    file.rules.forEach((rule, index) => {
      if (layer.sources.rules.has(rule.id)) {
        problems.push(source.problemAt(["rules", index, "id"], `duplicate rule id "${rule.id}"`));
        return;
      }
      layer.sources.rules.set(rule.id, { source, index });
      origins.set(`rule:${rule.id}`, { source, path: ["rules", index] });
      layer.rules.push({ ...rule, stage: file.stage } as Layer["rules"][number]);
    });
  }
  return { manifest, manifestSource, layer, origins };
}

/**
 * Loads a rule set from its files and every set it extends, merges the layers (base first) and
 * checks every reference: the one loader behind {@link loadRuleSet} (a directory) and
 * {@link ruleSetFromJson} (files in memory). The rule set returned is deeply frozen. Throws a
 * {@link DixianError} listing every problem with its file, JSON path, line and column.
 */
export function loadRuleSetFiles(files: RuleSetFiles, options: LoadOptions = {}): RuleSet {
  const problems: Problem[] = [];
  const chain: LoadedLayer[] = [];
  const seen: RuleSetFiles[] = [];
  let current: RuleSetFiles | undefined = files;
  while (current) {
    if (!current.exists()) {
      const message = chain.length === 0
        ? `rule set directory not found: ${current.label}`
        : `rule set "${chain[0]!.manifest.id}" extends "${chain[0]!.manifest.extends}", which is not a rule set directory`;
      throw new DixianError("E_RULESET_NOT_FOUND", message, [
        chain.length === 0
          ? { file: current.label, path: "", message }
          : chain[0]!.manifestSource.problemAt(["extends"], message),
      ]);
    }
    const identity = current.identity;
    if (seen.some((entry) => entry.identity === identity)) {
      const cycle = [...seen, current].map((entry) => lastSegment(entry.label)).join(" → ");
      throw new DixianError("E_RULESET_CYCLE", `rule sets extend each other in a cycle: ${cycle}`, [
        chain[0]!.manifestSource.problemAt(["extends"], `extends in a cycle: ${cycle}`),
      ]);
    }
    if (seen.length >= MAX_LAYERS) throw new DixianError("E_RULESET_CYCLE", `more than ${MAX_LAYERS} layers of extends`);
    seen.push(current);
    const loaded = loadLayer(current, problems);
    if (!loaded) break;
    chain.unshift(loaded);
    current = loaded.manifest.extends ? extendsFiles(current, loaded) : undefined;
  }
  if (problems.length > 0 || chain.length === 0) throw ruleSetError(problems);

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
  };
  const locate = (key: string, path: readonly PropertyKey[], message: string): Problem => {
    const anchor = anchors.get(key);
    return anchor ? anchor.source.problemAt([...anchor.path, ...path], message) : { file: top.id, path: "", message };
  };
  problems.push(...checkReferences(withoutHash, locate));
  if (problems.length > 0) throw ruleSetError(problems);
  const origins = new Map<string, SourceLocation>();
  for (const [key, anchor] of anchors) {
    const { file, path, line, column } = anchor.source.problemAt(anchor.path, "");
    origins.set(key, { file, path, line, column });
  }
  const ruleSet: RuleSet = { ...withoutHash, hash: ruleSetHash(withoutHash), origins: new FrozenMap(origins) };
  // Frozen, so no one can screen an edited rule set under the hash of the original.
  return deepFreeze(options.overrides && Object.keys(options.overrides).length ? applyOverrides(ruleSet, options.overrides) : ruleSet);
}

function lastSegment(label: string): string {
  return label.split(/[\\/:]/).filter(Boolean).pop() ?? label;
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
    throw new DixianError(error.code, error.message, [loaded.manifestSource.problemAt(["extends"], error.message)]);
  }
}

function ruleSetError(problems: Problem[]): DixianError {
  const lines = problems.map((p) => `${p.file}${p.line ? `:${p.line}:${p.column}` : ""} ${p.path || "/"}: ${p.message}`);
  const code = problems.some((p) => p.message.startsWith("invalid JSON")) ? "E_RULESET_JSON" : "E_RULESET_SCHEMA";
  return new DixianError(code, `invalid rule set:\n${lines.join("\n")}`, problems);
}
