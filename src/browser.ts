/**
 * dixian for the browser (and any JavaScript runtime without Node's built-ins): screening,
 * validation, the shipped rule sets embedded in the code, and rule sets built from files in memory.
 * Bundles with esbuild or vite for `--platform=browser` without stubs or aliases.
 *
 * @example
 * import { screen, loadBuiltInRuleSet } from "dixian/browser";
 * const result = await screen(household, { ruleSet: loadBuiltInRuleSet("yunnan"), asOf: "2025-06-30" });
 *
 * @packageDocumentation
 */
export { loadBuiltInRuleSet, ruleSetFromJson } from "./rulesets/from-json.js";
export * from "./portable-api.js";
