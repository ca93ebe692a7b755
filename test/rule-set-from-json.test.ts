import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BUILT_IN_RULE_SETS,
  DixianError,
  loadBuiltInRuleSet,
  loadRuleSet,
  ruleSetFromJson,
  screen,
  type RuleSet,
} from "../src/index.js";
import * as browser from "../src/browser.js";
import { BUILT_IN_FILES } from "../src/rulesets/built-in-files.js";
import { contractExample } from "./support/households.js";

/** Every rule-set file (tests excluded) of a directory, by path relative to it, as text. */
function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (name !== "tests") walk(path);
      } else if (name.endsWith(".json")) files[relative(dir, path).split("\\").join("/")] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return files;
}

function writeFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "dixian-json-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** What a rule-set error says, without where the files lie. */
function problemsOf(
  load: () => unknown,
  root: string,
): { code: string; problems: { file: string; path: string; line?: number; column?: number; message: string }[] } {
  try {
    load();
  } catch (error) {
    if (!(error instanceof DixianError)) throw error;
    return {
      code: error.code,
      problems: error.problems.map((p) => ({ ...p, file: p.file.replace(root, "").replace(/^[\\/]/, "") })),
    };
  }
  throw new Error("expected the rule set to be refused");
}

const cnFiles = filesOf("rules/cn");
const county = (extra: Record<string, string> = {}): Record<string, string> => ({
  "ruleset.json": JSON.stringify(
    { id: "my-county", version: "2025.1", extends: "builtin:yunnan", description: { zh: "本县规则集" } },
    null,
    2,
  ),
  "rules/plan.json": JSON.stringify(
    {
      stage: "plan",
      rules: [
        {
          id: "followUp.weekly",
          label: { zh: "每周走访" },
          conditions: { all: [{ fact: "flag", operator: "in", value: ["identify", "continue"] }] },
          event: { type: "followUp", params: { visitsPerWeek: 3 } },
        },
      ],
    },
    null,
    2,
  ),
  ...extra,
});

describe("ruleSetFromJson", () => {
  it("gives the same rule set and hash as loadRuleSet for the same files, as text or parsed JSON", () => {
    const fromDisk = loadRuleSet("rules/cn");
    const fromText = ruleSetFromJson(cnFiles);
    const fromValues = ruleSetFromJson(
      Object.fromEntries(Object.entries(cnFiles).map(([path, text]) => [path, JSON.parse(text)])),
    );
    expect(fromText.hash).toBe(fromDisk.hash);
    expect(fromValues.hash).toBe(fromDisk.hash);
    const { origins: _a, ...diskContent } = fromDisk;
    const { origins: _b, ...textContent } = fromText;
    expect(textContent).toEqual(diskContent);
    // Positions are those of the files as given.
    expect(fromText.origins.get("parameter:threshold")).toEqual({
      ...fromDisk.origins.get("parameter:threshold"),
      file: "parameters.json",
    });
  });

  it("extends a shipped rule set with builtin:, as the same files on disk do", async () => {
    const files = county();
    const dir = writeFiles(files);
    const inMemory = ruleSetFromJson(files);
    expect(inMemory.hash).toBe(loadRuleSet(dir).hash);
    expect(inMemory.layers).toEqual(["cn", "yunnan", "my-county"]);
    const result = await screen(contractExample(), { ruleSet: inMemory, asOf: "2025-06-30" });
    expect(result.followUp).toEqual({ visitsPerWeek: 3 });
    expect(result.ruleSet.hash).toBe(inMemory.hash);
  });

  it("refuses bad files with the same problems, lines and columns as loadRuleSet", () => {
    const broken = {
      ...cnFiles,
      "parameters.json": cnFiles["parameters.json"]!.replace('"type": "money"', '"type": "money", "colour": "red"'),
      "rules/flag.json": cnFiles["rules/flag.json"]!.replace('"stage": "flag"', '"stage": "flags"'),
    };
    const dir = writeFiles(broken);
    const fromDisk = problemsOf(() => loadRuleSet(dir), dir);
    const inMemory = problemsOf(() => ruleSetFromJson(broken), "");
    expect(fromDisk.problems.length).toBeGreaterThanOrEqual(2);
    expect(inMemory).toEqual(fromDisk);

    const stray = { ...county(), "notes.json": "{}", "rules/old/plan.json": "{}" };
    const strayDir = writeFiles(stray);
    const strayProblems = problemsOf(() => ruleSetFromJson(stray), "");
    expect(strayProblems.problems.map((p) => p.file).sort()).toEqual(["notes.json", "rules/old"]);
    expect(strayProblems).toEqual(problemsOf(() => loadRuleSet(strayDir), strayDir));

    const syntax = { ...county(), "rules/plan.json": '{ "stage": "plan", "rules": [,] }' };
    const syntaxDir = writeFiles(syntax);
    expect(problemsOf(() => ruleSetFromJson(syntax), "")).toEqual(problemsOf(() => loadRuleSet(syntaxDir), syntaxDir));
    expect(problemsOf(() => ruleSetFromJson(syntax), "").code).toBe("E_RULESET_JSON");
  });

  it("names what is missing or unknown", () => {
    const en = { lang: "en" } as const;
    expect(() => ruleSetFromJson({}, en)).toThrow(/rule set directory not found: \(in memory\)/);
    expect(() => ruleSetFromJson({})).toThrow(/找不到规则集目录：（内存中）/);
    expect(() => ruleSetFromJson({ "parameters.json": "{}" }, en)).toThrow(/ruleset\.json is missing/);
    expect(() => ruleSetFromJson({ "parameters.json": "{}" })).toThrow(/缺少 ruleset\.json/);
    const unknownBase = county({
      "ruleset.json": JSON.stringify({ id: "x", version: "1", extends: "builtin:atlantis", description: { zh: "x" } }),
    });
    expect(problemsOf(() => ruleSetFromJson(unknownBase), "")).toMatchObject({
      code: "E_RULESET_NOT_FOUND",
      problems: [{ file: "ruleset.json", path: "/extends" }],
    });
    const misspeltBase = county({
      "ruleset.json": JSON.stringify({ id: "x", version: "1", extends: "builtin:yunan", description: { zh: "x" } }),
    });
    expect(() => ruleSetFromJson(misspeltBase, en)).toThrow(/no shipped rule set "yunan".*did you mean "yunnan"\?/);
    expect(() => ruleSetFromJson(misspeltBase)).toThrow(/没有名为 "yunan" 的内置规则集.*你是否想写 "yunnan"？/);
    const relativeBase = county({
      "ruleset.json": JSON.stringify({ id: "x", version: "1", extends: "../cn", description: { zh: "x" } }),
    });
    expect(() => ruleSetFromJson(relativeBase, en)).toThrow(/extends "\.\.\/cn", which is not a rule set directory/);
    expect(() => ruleSetFromJson(relativeBase)).toThrow(/继承的 "\.\.\/cn" 不是规则集目录/);
    expect(() => ruleSetFromJson({ "../ruleset.json": "{}" }, en)).toThrow(/is outside the rule set/);
    expect(() => ruleSetFromJson("ruleset.json" as never)).toThrow(DixianError);
    expect(() => ruleSetFromJson("ruleset.json" as never)).toThrow(/ruleSetFromJson 需要一个对象/);
  });

  it("words every problem in options.lang, as loadRuleSet does: syntax with the missing comma's line, unknown files, did-you-mean", () => {
    const files = county({
      "parameters.json": '{\n  "a": 1\n  "b": 2\n}\n',
      "notes.txt": "hello",
    });
    for (const lang of ["zh", "en"] as const) {
      const dir = mkdtempSync(join(tmpdir(), "dixian-from-json-lang-"));
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const inMemory = problemsOf(() => ruleSetFromJson(files, { lang }), "");
      expect(inMemory).toEqual(problemsOf(() => loadRuleSet(dir, { lang }), dir));
      const messages = inMemory.problems.map((p) => p.message).join("\n");
      expect(messages).toMatch(lang === "zh" ? /第 2 行末尾缺少逗号/ : /missing comma at the end of line 2/);
      expect(messages).toMatch(lang === "zh" ? /规则集目录中有未知的文件/ : /unknown file in a rule-set directory/);
    }
    const typo = county({
      "rules/plan.json": JSON.stringify({
        stage: "plan",
        rules: [
          {
            id: "r",
            label: { zh: "r" },
            conditions: { all: [{ fact: "flagg", operator: "equal", value: "identify" }] },
            event: { type: "followUp", params: { visitsPerWeek: 1 } },
          },
        ],
      }),
    });
    expect(() => ruleSetFromJson(typo, { lang: "en" })).toThrow(/unknown fact "flagg".*did you mean/);
    expect(() => ruleSetFromJson(typo)).toThrow(/未知的事实 "flagg".*你是否想写/);
  });
});

describe("rule sets returned by the library", () => {
  const frozen = (ruleSet: RuleSet) => {
    expect(Object.isFrozen(ruleSet)).toBe(true);
    expect(Object.isFrozen(ruleSet.rules)).toBe(true);
    expect(Object.isFrozen(ruleSet.rules[0]!.conditions)).toBe(true);
    expect(Object.isFrozen(ruleSet.parameters.threshold!.values[0])).toBe(true);
    expect(() => {
      (ruleSet.parameters.threshold!.values[0] as { value: string }).value = "1";
    }).toThrow(TypeError);
    expect(() => (ruleSet.rules as unknown[]).pop()).toThrow(TypeError);
    expect(() => ((ruleSet as { hash: string }).hash = "sha256:0")).toThrow(TypeError);
    expect(() => (ruleSet.origins as Map<string, unknown>).set("rule:x", {})).toThrow(TypeError);
    expect(() => (ruleSet.origins as Map<string, unknown>).delete("parameter:threshold")).toThrow(TypeError);
  };

  it("are deeply frozen, so none can be screened under the hash of a rule set it is not", () => {
    expect.hasAssertions();
    frozen(loadRuleSet("rules/yunnan"));
    frozen(loadBuiltInRuleSet("yunnan"));
    frozen(ruleSetFromJson(cnFiles));
    frozen(browser.loadBuiltInRuleSet("cn"));
  });

  it("the shipped rule sets are embedded exactly as rules/ has them, and hash the same as the directories", () => {
    const onDisk = Object.fromEntries(
      BUILT_IN_RULE_SETS.flatMap((name) =>
        Object.entries(filesOf(join("rules", name))).map(([path, text]) => [`${name}/${path}`, JSON.parse(text)]),
      ),
    );
    // A file added under rules/ must be added to src/rulesets/built-in-files.ts too.
    expect(Object.keys(BUILT_IN_FILES).sort()).toEqual(Object.keys(onDisk).sort());
    expect(BUILT_IN_FILES).toEqual(onDisk);
    for (const name of BUILT_IN_RULE_SETS) {
      expect(loadBuiltInRuleSet(name).hash).toBe(loadRuleSet(join("rules", name)).hash);
      expect(browser.loadBuiltInRuleSet(name).hash).toBe(loadRuleSet(join("rules", name)).hash);
    }
  });

  it("hash with the same SHA-256 as Node's crypto, so hashes archived with earlier results still match", () => {
    for (const name of BUILT_IN_RULE_SETS) {
      const { hash, origins: _origins, ...content } = loadBuiltInRuleSet(name);
      const {
        id,
        version,
        layers,
        region,
        description,
        parameters,
        figures,
        riskTypes,
        guarantees,
        measures,
        measureGroups,
        conditions,
        rules,
        disabled,
      } = content;
      const canonical = canonicalize({
        id,
        version,
        layers,
        region,
        description,
        parameters,
        figures,
        riskTypes,
        guarantees,
        measures,
        measureGroups,
        conditions,
        rules,
        disabled,
      })!;
      expect(hash).toBe("sha256:" + createHash("sha256").update(canonical, "utf8").digest("hex"));
    }
  });
});
