import { describe, expect, it } from "vitest";
import { DixianError, ruleSetFromJson } from "../src/index.js";
import * as browser from "../src/browser.js";

/**
 * ruleSetFromJson takes parsed JSON as well as text; a value that is not JSON is refused with a
 * clear error naming the file and the JSON path, never thrown raw nor turned into null.
 */
const manifest = { id: "county", version: "1", extends: "builtin:yunnan", description: { zh: "县" } };

function parameters(value: unknown) {
  return {
    threshold: {
      values: [{ from: "2026-01-01", value, source: { document: "县文件" }, status: "confirmed" }],
      merge: "addValues",
    },
  };
}

function refusal(files: Record<string, unknown>, lang: "zh" | "en" = "en"): DixianError {
  for (const build of [ruleSetFromJson, browser.ruleSetFromJson]) {
    try {
      build(files, { lang });
    } catch (error) {
      if (!(error instanceof DixianError)) throw new Error(`raw error: ${String(error)}`, { cause: error });
      if (build === browser.ruleSetFromJson) return error;
      continue;
    }
    throw new Error("expected the rule set to be refused");
  }
  throw new Error("unreachable");
}

const deep = (levels: number) => {
  let value: unknown = { fact: "memberCount", operator: "equal", value: 1 };
  for (let i = 0; i < levels; i++) value = { not: value };
  return value;
};

const cyclic = () => {
  const value: Record<string, unknown> = { zh: "县" };
  value.self = value;
  return value;
};

describe("ruleSetFromJson with values that are not JSON", () => {
  it.each([
    ["NaN", NaN, "/threshold/values/0/value", /NaN is not a JSON number/],
    ["Infinity", Infinity, "/threshold/values/0/value", /Infinity is not a JSON number/],
    ["-Infinity", -Infinity, "/threshold/values/0/value", /-Infinity is not a JSON number/],
    ["a BigInt", 9100n, "/threshold/values/0/value", /the BigInt 9100n cannot be written as JSON/],
    ["undefined", undefined, "/threshold/values/0/value", /undefined is not a JSON value/],
    ["a function", () => 9100, "/threshold/values/0/value", /function is not a JSON value/],
    ["a Date", new Date(0), "/threshold/values/0/value", /Date is not a JSON value/],
    ["a Map", new Map([["a", 1]]), "/threshold/values/0/value", /Map is not a JSON value/],
  ])("refuses %s in parameters.json, naming file and path (E_RULESET_JSON)", (_case, value, path, words) => {
    const error = refusal({ "ruleset.json": manifest, "parameters.json": parameters(value) });
    expect(error.code).toBe("E_RULESET_JSON");
    expect(error.problems).toEqual([expect.objectContaining({ file: "parameters.json", path })]);
    expect(error.problems[0]!.message).toMatch(words);
  });

  it("refuses a cycle", () => {
    const error = refusal({ "ruleset.json": { ...manifest, description: cyclic() } });
    expect(error.code).toBe("E_RULESET_JSON");
    expect(error.problems[0]).toMatchObject({ file: "ruleset.json", path: "/description/self" });
    expect(error.message).toContain("a cycle");
  });

  it.each([100, 100_000])("refuses conditions nested %i levels deep without overflowing", (levels) => {
    const error = refusal({
      "ruleset.json": manifest,
      "conditions.json": { conditions: { deep: deep(levels) } },
    });
    expect(error.code).toBe("E_RULESET_JSON");
    expect(error.problems[0]!.message).toMatch(/nested more than 64 levels deep/);
    expect(error.problems[0]!.path).toMatch(/^\/conditions\/deep(\/not)+$/);
  });

  it("refuses a getter that throws, and bytes that are not UTF-8, in Chinese by default", () => {
    const throwing = {
      get description(): never {
        throw new Error("boom");
      },
    };
    const unreadable = refusal({ "ruleset.json": throwing }, "zh");
    expect(unreadable.code).toBe("E_RULESET_JSON");
    expect(unreadable.message).toContain("无法读取：boom");
    const bytes = refusal({ "ruleset.json": new Uint8Array([0x7b, 0xff, 0x7d]) }, "zh");
    expect(bytes.code).toBe("E_RULESET_JSON");
    expect(bytes.message).toContain("不是有效的 UTF-8");
  });

  it("still takes plain parsed JSON, and objects without a prototype", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, manifest);
    expect(ruleSetFromJson({ "ruleset.json": bare, "parameters.json": parameters("9100") }).id).toBe("county");
  });
});
