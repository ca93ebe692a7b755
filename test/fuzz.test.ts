import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HouseholdRejectedError, LineItem, loadRuleSet, screen, screenBatch, type BatchEntry } from "../src/index.js";
import { readHouseholds, parseSourceItem } from "../src/sources/read-households.js";
import { HOUSEHOLD_COLUMNS, MEMBER_COLUMNS } from "../src/sources/table-columns.js";
import { readTableSources } from "../src/sources/table-input.js";
import { validateHousehold } from "../src/input/validate-household.js";
import { arbitraryHousehold } from "./support/arbitrary-household.js";
import { contractExample } from "./support/households.js";

/**
 * Property-based fuzzing of everything that takes outside input: whatever it is given, nothing
 * throws (no stack trace reaches a user), and every input ends as exactly one result or one
 * rejection, in order. Run counts are kept small so the suite stays quick.
 */
const ruleSet = loadRuleSet("rules/yunnan");
const asOf = "2025-06-30";
const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

/** Arbitrary values, JSON and beyond: prototype-looking keys, sparse arrays, odd numbers, huge and tiny strings. */
const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withDate: true,
    withBigInt: true,
  }),
  fc.dictionary(fc.constantFrom("__proto__", "constructor", "toString", "id", "members", "income"), fc.jsonValue()),
);

/** A valid household with one field somewhere replaced by an arbitrary value. */
const nearlyValid = fc
  .tuple(arbitraryHousehold(asOf), fc.array(fc.nat(30), { minLength: 1, maxLength: 4 }), fc.jsonValue())
  .map(([household, path, replacement]) => {
    let node: Record<string, unknown> = household;
    for (const [depth, step] of path.entries()) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[step % keys.length]!;
      if (depth === path.length - 1 || typeof node[key] !== "object" || node[key] === null) {
        node[key] = replacement;
        break;
      }
      node = node[key] as Record<string, unknown>;
    }
    return household;
  });

const inputs = fc.oneof(anyValue, nearlyValid, arbitraryHousehold(asOf));

async function entriesOf(items: unknown[] | AsyncIterable<unknown>): Promise<BatchEntry[]> {
  const entries: BatchEntry[] = [];
  for await (const entry of screenBatch(items, { ruleSet, asOf })) entries.push(entry);
  return entries;
}

function expectAccounted(entries: BatchEntry[], count: number): void {
  expect(entries.map((entry) => entry.index)).toEqual([...Array(count).keys()]);
  for (const entry of entries) {
    if (entry.ok) continue;
    expect(["E_INPUT_SCHEMA", "E_INPUT_JSON"]).toContain(entry.rejection.code);
    for (const issue of entry.rejection.issues) expect(issue.message).not.toMatch(STACK_TRACE);
  }
}

describe("fuzzing the inputs", () => {
  it("validateHousehold answers every value without throwing", () => {
    fc.assert(
      fc.property(inputs, (value) => {
        const validation = validateHousehold(value, asOf);
        if (!validation.ok) expect(validation.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("screen resolves or throws HouseholdRejectedError, nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async (value) => {
        try {
          await screen(value, { ruleSet, asOf });
        } catch (error) {
          expect(error).toBeInstanceOf(HouseholdRejectedError);
          expect((error as HouseholdRejectedError).rejection.code).not.toBe("E_INTERNAL");
        }
      }),
      { numRuns: 150 },
    );
  });

  it("screenBatch yields one entry per input, in order, for values and lines alike", async () => {
    const item = fc.oneof(
      inputs,
      fc
        .tuple(fc.nat(1000), fc.string({ maxLength: 40 }))
        .map(([line, text]) => new LineItem(line + 1, undefined, `invalid JSON: ${text}`)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 10 }), async (items) => {
        expectAccounted(await entriesOf(items), items.length);
      }),
      { numRuns: 60 },
    );
  });

  it("an NDJSON stream of arbitrary lines gives one entry per non-blank line", async () => {
    const line = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value) ?? "null"),
      fc.string({ unit: "binary", maxLength: 60 }).map((text) => text.replace(/[\r\n]/g, " ")),
      nearlyValid.map((household) => JSON.stringify(household)),
      fc.constantFrom('{"id":"A","id":"B"}', '{"a":{"b":1,"b":2}}', "[1,", "{", '"\\ud800"', "\uFEFF{}"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), async (lines) => {
        // A valid first line fixes the input as NDJSON (a first "[" would make it one JSON document).
        const all = [JSON.stringify(contractExample()), ...lines];
        const expected = all.filter((text) => text.trim() !== "").length;
        const bytes = async function* () {
          yield await Promise.resolve(Buffer.from(all.join("\n")));
        };
        expectAccounted(await entriesOf(readHouseholds(bytes())), expected);
      }),
      { numRuns: 60 },
    );
  });

  it("county tables with arbitrary cells give one entry per household row, and every member row is accounted for", async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        "",
        "=1+1",
        "-5",
        "true",
        "否",
        "constructor",
        "__proto__",
        "1e400",
        "NaN",
        "2025-02-30",
        "dibao;tekun",
        "a@2025-01-01",
      ),
    );
    const table = fc.uniqueArray(fc.stringMatching(/^[A-Z0-9]{1,6}$/), { minLength: 1, maxLength: 5 }).chain((ids) =>
      fc.record({
        households: fc.tuple(
          ...ids.map((id) =>
            fc
              .array(cell, { minLength: HOUSEHOLD_COLUMNS.length - 1, maxLength: HOUSEHOLD_COLUMNS.length - 1 })
              .map((cells) => [id, ...cells]),
          ),
        ),
        members: fc.array(
          fc
            .tuple(
              fc.oneof(fc.constantFrom(...ids), fc.stringMatching(/^[a-z]{1,3}$/)),
              fc.array(cell, { minLength: MEMBER_COLUMNS.length - 1, maxLength: MEMBER_COLUMNS.length - 1 }),
            )
            .map(([id, cells]) => [id, ...cells]),
          { maxLength: 8 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(table, async ({ households, members }) => {
        const dir = mkdtempSync(join(tmpdir(), "dixian-fuzz-tables-"));
        writeFileSync(
          join(dir, "households.csv"),
          stringify([HOUSEHOLD_COLUMNS.map((column) => column.en), ...households]),
        );
        writeFileSync(join(dir, "members.csv"), stringify([MEMBER_COLUMNS.map((column) => column.en), ...members]));
        const householdIds = new Set(households.map((row) => row[0]));
        const orphans = members.filter((row) => !householdIds.has(row[0])).length;
        const sources = [];
        for await (const source of readTableSources(dir)) sources.push(source);
        // One item per household row, and one per member row whose household is missing.
        expect(sources.length).toBe(households.length + orphans);
        expectAccounted(await entriesOf(sources.map((source) => parseSourceItem(source))), sources.length);
      }),
      { numRuns: 25 },
    );
  });
});
