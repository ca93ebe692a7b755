import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HouseholdRejectedError, loadRuleSet, screen, screenBatch, type BatchEntry } from "../src/index.js";
import { FACTS } from "../src/facts/catalogue.js";
import { ARRAY_LIMITS } from "../src/input/input-limits.js";
import { validateHousehold } from "../src/input/validate-household.js";
import { generateHouseholds } from "../src/population/generate-households.js";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

const ruleSet = loadRuleSet("rules/yunnan");
const asOf = "2025-06-30";
// The assertions quote the English messages; test/messages.test.ts checks the Chinese default.
const SCREEN = ["screen", "--rules", "rules/yunnan", "--as-of", asOf, "--quiet", "--lang", "en"];

async function batch(inputs: unknown[]): Promise<BatchEntry[]> {
  const entries: BatchEntry[] = [];
  for await (const entry of screenBatch(inputs, { ruleSet, asOf })) entries.push(entry);
  return entries;
}

function withId(id: string, change: (h: Record<string, any>) => void = () => undefined): Record<string, any> {
  const household = contractExample();
  household.id = id;
  change(household);
  return household;
}

describe("one household cannot stop the batch", () => {
  it("rejects a 150,000-entry socialAssistance list (no stack overflow) and screens every other household, identically with 1 and 2 workers", () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-isolation-"));
    const good = [...generateHouseholds({ households: 300, seed: 3, asOf, referenceIncome: 8700 })].map((h) =>
      JSON.stringify(h),
    );
    const poisoned = withId("POISON", (h) => (h.members[0].socialAssistance = Array(150_000).fill("dibao")));
    const lines = [...good.slice(0, 150), JSON.stringify(poisoned), ...good.slice(150)];
    writeFileSync(join(dir, "in.ndjson"), lines.join("\n") + "\n");
    const run = (workers: number) => {
      const out = join(dir, `out-${workers}.ndjson`);
      const rejects = join(dir, `rejects-${workers}.ndjson`);
      let code = 0;
      try {
        execFileSync(
          process.execPath,
          [
            "--import",
            "tsx",
            "src/cli.ts",
            ...SCREEN,
            "--workers",
            String(workers),
            "--out",
            out,
            "--rejects",
            rejects,
            join(dir, "in.ndjson"),
          ],
          { stdio: "pipe" },
        );
      } catch (error) {
        code = (error as { status: number }).status;
      }
      return { code, out: readFileSync(out, "utf8"), rejects: readFileSync(rejects, "utf8") };
    };
    const one = run(1);
    const two = run(2);
    expect(one.code).toBe(1);
    expect(one.out.trim().split("\n")).toHaveLength(300);
    const rejection = JSON.parse(one.rejects);
    expect(rejection).toMatchObject({ code: "E_INPUT_SCHEMA", line: 151, householdId: "POISON" });
    expect(rejection.issues).toEqual([
      { path: "/members/0/socialAssistance", message: `at most ${ARRAY_LIMITS.socialAssistance} entries, not 150000` },
    ]);
    expect(two).toEqual(one);
  }, 120_000);

  it.each([
    [
      "members",
      (h: Record<string, any>) => (h.members = Array(ARRAY_LIMITS.members + 1).fill(h.members[0])),
      "/members",
    ],
    [
      "socialAssistance",
      (h: Record<string, any>) =>
        (h.members[0].socialAssistance = Array(ARRAY_LIMITS.socialAssistance + 1).fill("dibao")),
      "/members/0/socialAssistance",
    ],
    [
      "events",
      (h: Record<string, any>) => (h.events = Array(ARRAY_LIMITS.events + 1).fill({ type: "bogus" })),
      "/events",
    ],
    [
      "riskTypes",
      (h: Record<string, any>) =>
        (h.monitoring = {
          category: "unstableFormerlyPoor",
          identifiedOn: "2025-01-01",
          riskTypes: Array(ARRAY_LIMITS.riskTypes + 1).fill("x"),
        }),
      "/monitoring/riskTypes",
    ],
    [
      "measures",
      (h: Record<string, any>) =>
        (h.monitoring = {
          category: "unstableFormerlyPoor",
          identifiedOn: "2025-01-01",
          measures: Array(ARRAY_LIMITS.measures + 1).fill({ id: "x" }),
        }),
      "/monitoring/measures",
    ],
  ])("refuses a %s list longer than the contract allows with one issue", (_name, change, path) => {
    const validation = validateHousehold(withId("LONG", change), asOf, "en");
    expect(validation.ok).toBe(false);
    if (validation.ok) return;
    expect(validation.issues).toEqual([{ path, message: expect.stringMatching(/^at most \d+ entries, not \d+$/) }]);
  });

  it("names the first few of 200,000 stray keys in one issue", () => {
    const household = withId("KEYS");
    for (let i = 0; i < 200_000; i++) household[`k${i}`] = i;
    const validation = validateHousehold(household, asOf, "en");
    expect(validation.ok).toBe(false);
    if (validation.ok) return;
    expect(validation.issues).toHaveLength(1);
    expect(validation.issues[0]!.message).toMatch(/^unknown fields: "k0", .*"k19" and 199980 more$/);
  });

  it("turns a throwing getter or Proxy into a rejection: screen throws HouseholdRejectedError, screenBatch goes on", async () => {
    const getter = withId("GETTER");
    Object.defineProperty(getter, "income", {
      enumerable: true,
      get: () => {
        throw new Error("getter fails");
      },
    });
    const proxy = new Proxy(withId("PROXY"), {
      get: (target, key) => {
        if (key === "members") throw new Error("trap fails");
        return Reflect.get(target, key);
      },
    });
    const opaque = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error("no prototype");
        },
        ownKeys: () => {
          throw new Error("no keys");
        },
      },
    );
    const thrower = {
      get id() {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a thrown non-Error whose message getter throws too
        throw {
          get message() {
            throw new Error("even the message throws");
          },
        };
      },
    };
    for (const bad of [getter, proxy, opaque, thrower]) {
      await expect(screen(bad, { ruleSet, asOf })).rejects.toBeInstanceOf(HouseholdRejectedError);
    }
    const entries = await batch([withId("A"), getter, proxy, opaque, thrower, withId("B")]);
    expect(entries.map((entry) => entry.ok)).toEqual([true, false, false, false, false, true]);
    expect(entries.map((entry) => entry.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const rejected = entries.filter((entry) => !entry.ok).map((entry) => (entry.ok ? null : entry.rejection));
    expect(rejected.map((rejection) => rejection!.code)).toEqual([
      "E_INPUT_SCHEMA",
      "E_INPUT_SCHEMA",
      "E_INPUT_SCHEMA",
      "E_INPUT_SCHEMA",
    ]);
    expect(rejected[0]!.issues[0]!.message).toContain("getter fails");
  });

  describe("a fault of dixian while screening one household", () => {
    const fact = FACTS.get("livingCondition") as unknown as {
      compute: (context: { household: { id: string } }, params: unknown) => unknown;
    };
    const original = fact.compute;
    beforeAll(() => {
      fact.compute = (context, params) => {
        if (context.household.id === "FAULT") throw new TypeError("simulated fault");
        return original(context, params);
      };
    });
    afterAll(() => {
      fact.compute = original;
    });

    it("rejects that household with E_INTERNAL and screens the rest", async () => {
      const entries = await batch([withId("A"), withId("FAULT"), withId("B")]);
      expect(entries.map((entry) => entry.ok)).toEqual([true, false, true]);
      const rejection = entries[1]!.ok ? null : entries[1]!.rejection;
      expect(rejection).toMatchObject({ code: "E_INTERNAL", index: 1, householdId: "FAULT" });
      expect(rejection!.issues[0]!.message).toContain("simulated fault");
      const error = await screen(withId("FAULT"), { ruleSet, asOf }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HouseholdRejectedError);
      expect((error as HouseholdRejectedError).code).toBe("E_INTERNAL");
      const cli = await runCliCaptured(
        [...SCREEN, "--workers", "1", "-"],
        [withId("A"), withId("FAULT"), withId("B")].map((h) => JSON.stringify(h)).join("\n"),
      );
      expect(cli.code).toBe(1);
      expect(
        cli.stdout
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line).householdId),
      ).toEqual(["A", "B"]);
      expect(cli.stderr).toContain("rejected line 2 (id FAULT): /: internal error while screening this household");
    });
  });
});

describe("duplicate keys and broken JSON documents", () => {
  it("rejects an NDJSON household that repeats a key, naming the key and where it is", async () => {
    const good = JSON.stringify(withId("A"));
    const duplicated = JSON.stringify(withId("DUP")).replace('"labor":"ordinary"', '"labor":"ordinary","labor":"lost"');
    expect(duplicated).not.toBe(JSON.stringify(withId("DUP")));
    const run = await runCliCaptured(
      [...SCREEN, "--workers", "1", "-"],
      [good, duplicated, '{"id":"X","id":"Y"}', good].join("\n"),
    );
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split("\n")).toHaveLength(2);
    expect(run.stderr).toMatch(/rejected line 2 \(id DUP\): \/members\/0\/labor: duplicate key "labor"/);
    expect(run.stderr).toMatch(/rejected line 3 \(id Y\): \/id: duplicate key "id"/);
  });

  it("rejects a household of a pretty-printed JSON array that repeats a key, with its line; the others are screened", async () => {
    const text = JSON.stringify([withId("A"), withId("DUP"), withId("B")], null, 2);
    const lines = text.split("\n");
    const at = lines.findIndex((line) => line.includes('"DUP"'));
    lines.splice(at + 1, 0, '    "householdType": "general",');
    const run = await runCliCaptured([...SCREEN, "-"], lines.join("\n"));
    expect(run.code).toBe(1);
    expect(
      run.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).householdId),
    ).toEqual(["A", "B"]);
    expect(run.stderr).toMatch(/rejected line \d+: \/householdType: duplicate key "householdType"/);
  });

  it("reports a JSON array with one stray comma as one error at its line and column", async () => {
    const text = JSON.stringify([withId("A"), withId("B"), withId("C")], null, 2);
    const lines = text.split("\n");
    const at = lines.findIndex((line) => line.includes('"B"'));
    lines[at] = lines[at] + ",";
    const run = await runCliCaptured([...SCREEN, "-"], lines.join("\n"));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`E_INPUT_JSON: input is not valid JSON at line ${at + 2}, column \\d+`));
  });
});
