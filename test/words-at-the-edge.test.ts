import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DixianError, NoParameterInForceError } from "../src/errors.js";
import { compileRuleSet } from "../src/evaluation/compile.js";
import { checkHousehold, validateHousehold } from "../src/input/validate-household.js";
import { loadBuiltInRuleSet } from "../src/rulesets/load.js";
import { HouseholdRejectedError, screen } from "../src/batch/screen.js";
import { ruleSetFromJson } from "../src/rulesets/from-json.js";

const CORE_ROOMS = ["input", "facts", "rulesets", "evaluation", "planning"];

/**
 * The only functions of the core rooms that take the reader's language: the API's own entry points
 * (which word what they throw), the catalogue's label lookups, and the county overlay's file texts
 * (a document written in one language).
 */
const TAKES_LANGUAGE = new Set([
  "input/validate-household.ts validateHousehold",
  "rulesets/overrides.ts parseOverrideList",
  "rulesets/overrides.ts applyOverrides",
  "rulesets/hash.ts assertRuleSetHash",
  "rulesets/built-in.ts builtInRuleSetDir",
  "evaluation/compile.ts compileRuleSet",
  "rulesets/catalogue.ts riskTypeLabel",
  "rulesets/catalogue.ts guaranteeLabel",
  "rulesets/catalogue.ts measureGroupLabel",
  "rulesets/overlay-files.ts labelOf",
]);

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOf(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("words at the edge", () => {
  it("no function of the core rooms takes a language, but the API's entry points and label lookups", () => {
    const found: string[] = [];
    for (const room of CORE_ROOMS) {
      for (const file of filesOf(join("src", room))) {
        const text = readFileSync(file, "utf8");
        for (const match of text.matchAll(/function (\w+)(?:<[^>]*>)?\(([^)]*)\)/g)) {
          if (/\blanguage\??:\s*Language/.test(match[2]!)) found.push(`${file.slice(4)} ${match[1]}`);
        }
      }
    }
    expect(found).toContain("input/validate-household.ts validateHousehold");
    expect(found.filter((entry) => !TAKES_LANGUAGE.has(entry))).toEqual([]);
  });

  it("a rule set's problems carry both languages; the error is worded where it is read", () => {
    const broken = { "ruleset.json": '{ "id": "x", "version": "1", "stages": [] ' };
    const zh = (() => {
      try {
        ruleSetFromJson(broken);
      } catch (error) {
        return error as DixianError;
      }
      throw new Error("expected a problem");
    })();
    const en = zh.inLanguage("en");
    expect(en).toBeInstanceOf(DixianError);
    expect(en.code).toBe(zh.code);
    expect(zh.problems[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(en.problems[0]!.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.problems.map((p) => p.path)).toEqual(zh.problems.map((p) => p.path));
    expect(zh.problemWords[0]!.message).toEqual({ zh: zh.problems[0]!.message, en: en.problems[0]!.message });
    expect(() => ruleSetFromJson(broken, { lang: "en" })).toThrow(en.message);
  });

  it("an error worded again keeps its class and its fields", () => {
    const yunnan = loadBuiltInRuleSet("yunnan");
    let thrown: unknown;
    try {
      compileRuleSet(yunnan, "2031-06-30");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NoParameterInForceError);
    const zh = thrown as NoParameterInForceError;
    const en = zh.inLanguage("en");
    expect(en).toBeInstanceOf(NoParameterInForceError);
    expect(en.missing).toEqual(zh.missing);
    expect(en.message).not.toBe(zh.message);
    expect(() => compileRuleSet(yunnan, "2031-06-30", "en")).toThrow(en.message);
  });

  it("a household's problems carry both languages; validateHousehold words them", () => {
    const checked = checkHousehold({ id: "H1", members: "none" }, "2025-06-30");
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    for (const language of ["zh", "en"] as const) {
      const validation = validateHousehold({ id: "H1", members: "none" }, "2025-06-30", language);
      expect(validation.ok).toBe(false);
      if (validation.ok) continue;
      expect(validation.issues).toEqual(
        checked.issues.map((issue) => ({
          ...issue,
          message: typeof issue.message === "string" ? issue.message : issue.message[language],
        })),
      );
    }
  });

  it("an error worded in English can be worded in Chinese again, its stack too", () => {
    let thrown: unknown;
    try {
      compileRuleSet(loadBuiltInRuleSet("yunnan"), "2031-06-30", "en");
    } catch (error) {
      thrown = error;
    }
    const en = thrown as DixianError;
    expect(en.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.stack).toContain(en.message);
    const zh = en.inLanguage("zh");
    expect(zh.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.stack).toContain(zh.message);
  });

  it("an unknown shipped rule set is refused in the language asked for", () => {
    expect(() => loadBuiltInRuleSet("nosuch", { lang: "en" })).toThrow(/no shipped rule set|nosuch/i);
    expect(() => loadBuiltInRuleSet("nosuch", { lang: "en" })).not.toThrow(/[\u4e00-\u9fff]/);
    expect(() => loadBuiltInRuleSet("nosuch")).toThrow(/[\u4e00-\u9fff]/);
  });

  it("a household screen() refuses is worded in the screening's language, and in the other on request", async () => {
    const ruleSet = loadBuiltInRuleSet("yunnan");
    const bad = { id: "H1", members: "none" };
    const en = await screen(bad, { ruleSet, asOf: "2025-06-30", lang: "en" }).catch((error: unknown) => error);
    expect(en).toBeInstanceOf(HouseholdRejectedError);
    const rejected = en as HouseholdRejectedError;
    expect(rejected.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(rejected.rejection.householdId).toBe("H1");
    expect(rejected.inLanguage("zh").message).toMatch(/[\u4e00-\u9fff]/);
    expect(rejected.inLanguage("zh").rejection).toEqual(rejected.rejection);
  });
});
