import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDuplicateKeys, mayRepeatKeys } from "../src/input/duplicate-keys.js";
import { generateHouseholds } from "../src/population/generate-households.js";

/** JSON text of an arbitrary value, sometimes with one member of one object written twice. */
const jsonText = fc
  .tuple(
    fc.jsonValue({ maxDepth: 4 }),
    fc.nat(),
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom("", " ", "\n  "),
    fc.boolean(),
  )
  .map(([value, pick, repeated, space, repeat]) => {
    const text = JSON.stringify(value, null, space);
    if (!repeat) return text;
    // Repeat a key of the text (a quoted string followed by a colon) right after its object opens.
    const keys = [...text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)];
    if (keys.length === 0) return text;
    const key = keys[pick % keys.length]!;
    const open = text.lastIndexOf("{", key.index);
    const changed = `${text.slice(0, open + 1)}"${key[1]}":${JSON.stringify(repeated)},${text.slice(open + 1)}`;
    // A brace inside a string is no object's start: such a change is not JSON, and is left out.
    try {
      JSON.parse(changed);
      return changed;
    } catch {
      return text;
    }
  });

describe("the count of members before looking for a repeated key", () => {
  it("says a text may repeat a key whenever it does", () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        const parsed: unknown = JSON.parse(text);
        if (findDuplicateKeys(text).length > 0) expect(mayRepeatKeys(text, parsed)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("clears a household without a repeated key, unless its strings hold colons", () => {
    for (const household of generateHouseholds({
      households: 200,
      seed: 3,
      asOf: "2025-06-30",
      referenceIncome: 8700,
    })) {
      const text = JSON.stringify(household);
      expect(mayRepeatKeys(text, JSON.parse(text))).toBe(false);
      const withColon = text.replace('"head"', '"head:"');
      expect(mayRepeatKeys(withColon, JSON.parse(withColon))).toBe(true);
      const repeated = text.replace('"sex":', '"sex":"male","sex":');
      expect(mayRepeatKeys(repeated, JSON.parse(repeated))).toBe(true);
    }
  });
});
