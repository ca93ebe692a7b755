import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadRuleSet, screenBatch } from "../src/index.js";
import { arbitraryHousehold } from "./support/arbitrary-household.js";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

const ruleSet = loadRuleSet("rules/yunnan");
const SCREEN = ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--workers", "1", "--lang", "en"];
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** Breaks a valid household in one of many ways: a value replaced, a key removed or added, anywhere. */
function mutate(value: unknown, path: number[], replacement: unknown, mode: number): unknown {
  if (value === null || typeof value !== "object") return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[path[0]! % keys.length]!;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as never) : { ...value };
  if (path.length === 1) {
    if (mode === 0) copy[key] = replacement;
    else if (mode === 1) delete copy[key];
    else
      Object.defineProperty(copy, ["__proto__", "constructor", "prototype", "extra"][mode % 4]!, {
        value: replacement,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return copy;
  }
  copy[key] = mutate(copy[key], path.slice(1), replacement, mode);
  return copy;
}

describe("hostile households", () => {
  it("every input, valid or broken, ends as exactly one result or one structured rejection (property)", async () => {
    const broken = fc
      .tuple(
        arbitraryHousehold("2025-06-30"),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 5 }),
        fc.anything(),
        fc.nat(5),
      )
      .map(([household, path, replacement, mode]) => mutate(household, path, replacement, mode));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(arbitraryHousehold("2025-06-30"), broken, fc.anything()), { maxLength: 8 }),
        async (inputs) => {
          const entries = [];
          for await (const entry of screenBatch(inputs, { ruleSet, asOf: "2025-06-30" })) entries.push(entry);
          expect(entries.map((entry) => entry.index)).toEqual(inputs.map((_, index) => index));
          for (const entry of entries) {
            if (entry.ok) expect(entry.result.flag).toMatch(/^(none|watch|identify|continue|eliminate)$/);
            else {
              expect(entry.rejection.issues.length).toBeGreaterThan(0);
              for (const issue of entry.rejection.issues) expect(typeof issue.message).toBe("string");
            }
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("rejects __proto__, constructor and prototype keys at every level and leaves Object.prototype alone", async () => {
    const base = JSON.stringify(contractExample());
    const lines = [
      base.replace(`{"id":"LH-0001"`, `{"__proto__":{"polluted":1},"id":"LH-0001"`),
      base.replace(`"region":{`, `"region":{"constructor":{"prototype":{"polluted":1}},`),
      base.replace(`"members":[{`, `"members":[{"__proto__":{"polluted":1},`),
      base.replace(`"income":{`, `"income":{"prototype":1,`),
    ];
    const { stdout, stderr, code } = await runCliCaptured([...SCREEN, "-"], lines.join("\n"));
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`rejected line 1 (id LH-0001): /: unknown field: "__proto__"`);
    expect(stderr).toContain(`/region: unknown field: "constructor"`);
    expect(stderr).toContain(`/members/0: unknown field: "__proto__"`);
    expect(stderr).toContain(`/income: unknown field: "prototype"`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("handles money, dates and strings that are not what they should be", async () => {
    const cases: [string, (h: Record<string, any>) => void, string][] = [
      [
        "1e400",
        (h) => {
          h.income.wage = 1e400;
        },
        "/income/wage",
      ],
      [
        "12.345",
        (h) => {
          h.income.wage = "12.345";
        },
        "two decimal places",
      ],
      [
        "NaN",
        (h) => {
          h.income.wage = "NaN";
        },
        "/income/wage",
      ],
      [
        "Infinity",
        (h) => {
          h.income.wage = "Infinity";
        },
        "/income/wage",
      ],
      [
        "40 digits",
        (h) => {
          h.income.wage = "1234567890123456789012345678901234567890";
        },
        "/income/wage",
      ],
      [
        "2025-02-29",
        (h) => {
          h.members[0].birthDate = "2025-02-29";
        },
        "not a real calendar date",
      ],
      [
        "0000-01-01",
        (h) => {
          h.members[0].birthDate = "0000-01-01";
        },
        "/members/0/birthDate",
      ],
      [
        "2025-13-01",
        (h) => {
          h.events[0].date = "2025-13-01";
        },
        "/events/0/date",
      ],
      [
        "megabyte string",
        (h) => {
          h.region.village = "村".repeat(1 << 20);
        },
        "at most 100 characters",
      ],
      [
        "megabyte id",
        (h) => {
          h.id = "x".repeat(1 << 20);
        },
        "/id",
      ],
    ];
    const lines = cases.map(([, change]) => {
      const h = contractExample();
      change(h);
      return JSON.stringify(h);
    });
    lines.push(JSON.stringify({ ...contractExample(), id: "OK-1" }));
    const minusZero = contractExample();
    minusZero.id = "OK-2";
    minusZero.income.business = "-0";
    lines.push(JSON.stringify(minusZero));
    const { stdout, stderr, code } = await runCliCaptured([...SCREEN, "-"], lines.join("\n"));
    expect(code).toBe(1);
    expect(
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).householdId),
    ).toEqual(["OK-1", "OK-2"]);
    cases.forEach(([name, , expected], index) =>
      expect(stderr, name).toMatch(new RegExp(`rejected line ${index + 1}\\b.*${expected.replace(/[/.]/g, "\\$&")}`)),
    );
    expect(stderr).toContain(`read ${cases.length + 2}, screened 2, rejected ${cases.length}`);
    noStackTrace(stderr);
  });

  it("handles deep nesting, invalid UTF-8, a BOM, blank lines, CRLF, an empty file, a truncated last line and a 50 MB line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-hostile-"));
    const good = JSON.stringify(contractExample());
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const file = join(dir, "hostile.ndjson");
    const parts = [
      Buffer.from("\uFEFF" + good + "\r\n\r\n"),
      Buffer.from(deep + "\n"),
      Buffer.concat([Buffer.from(good.slice(0, 20)), Buffer.from([0xff, 0xfe]), Buffer.from(good.slice(20) + "\n")]),
      Buffer.from(`{"id": "${"x".repeat(50 * 1024 * 1024)}"}\n`),
      Buffer.from(good + "\n"),
      Buffer.from(good.slice(0, good.length - 10)),
    ];
    writeFileSync(file, Buffer.concat(parts));
    const { stdout, stderr, code } = await runCliCaptured([...SCREEN, file]);
    expect(code).toBe(1);
    expect(stdout.trim().split("\n")).toHaveLength(2);
    expect(stderr).toContain("rejected line 3: /: expected object, received array");
    expect(stderr).toContain("rejected line 4: /: line is not valid UTF-8");
    expect(stderr).toMatch(/rejected line 5: \/: line is longer than \d+ bytes/);
    expect(stderr).toMatch(/rejected line 7: \/: invalid JSON/);
    expect(stderr).toContain("read 6, screened 2, rejected 4");
    noStackTrace(stderr);
    writeFileSync(join(dir, "empty.ndjson"), "");
    const empty = await runCliCaptured([...SCREEN, join(dir, "empty.ndjson")]);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain("read 0, screened 0, rejected 0");
  }, 120_000);
});
