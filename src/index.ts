/**
 * dixian screens rural households for the risk of falling (back) into poverty
 * (防止返贫致贫动态监测) with declarative JSON rule sets.
 *
 * @packageDocumentation
 */
export { loadRuleSet, loadBuiltInRuleSet, ruleSetFromJson } from "./rulesets/load.js";
export { builtInRuleSetDir } from "./rulesets/built-in.js";
export * from "./portable-api.js";
