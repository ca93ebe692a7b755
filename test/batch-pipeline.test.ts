import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { compiledDatesKept, compiledRuleSet, COMPILED_DATES_KEPT } from "../src/batch/compiled-cache.js";
import { screenSources } from "../src/batch/workers.js";
import { screen, screenBatch } from "../src/index.js";
import { loadBuiltInRuleSet } from "../src/rulesets/load.js";
import { buildService } from "../src/service/app.js";
import { readHouseholdSources } from "../src/sources/read-households.js";
import { contractExample } from "./support/households.js";

/**
 * Batch screening is one pipeline: the API, the command line (main thread and workers) and the
 * service turn the same items into the same entries, through one bounded cache of compiled rule sets.
 */
const yunnan = loadBuiltInRuleSet("yunnan");
const household = contractExample();
const broken = { ...contractExample(), id: "BAD", householdType: "poor" };
const ndjson = [household, broken, { ...household, id: "LH-0002" }].map((h) => JSON.stringify(h)).join("\n") + "\n";

/** Dates from 2025-01-01 on, one a day. */
const days = (count: number) =>
  Array.from({ length: count }, (_, day) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10));

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = buildService({ ruleSet: yunnan });
  base = await app.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(() => app.close());

describe("the batch pipeline", () => {
  it("keeps at most a bounded number of compiled dates per rule set, however many dates are asked for", () => {
    const ruleSet = loadBuiltInRuleSet("yunnan", { overrides: { threshold: "9000" } });
    for (const date of days(COMPILED_DATES_KEPT + 20)) compiledRuleSet(ruleSet, date);
    expect(compiledDatesKept(ruleSet)).toBe(COMPILED_DATES_KEPT);
    // The date used last is kept; the first one was dropped and is compiled again when asked for.
    const last = days(COMPILED_DATES_KEPT + 20).at(-1)!;
    expect(compiledRuleSet(ruleSet, last)).toBe(compiledRuleSet(ruleSet, last));
  });

  it("is what the service's batch route uses: many dates keep the cache bounded", async () => {
    for (const date of days(COMPILED_DATES_KEPT + 8)) {
      const response = await fetch(`${base}/v1/screen/batch?asOf=${date}`, {
        method: "POST",
        headers: { "content-type": "application/x-ndjson" },
        body: JSON.stringify(household) + "\n",
      });
      expect(response.status).toBe(200);
    }
    expect(compiledDatesKept(yunnan)).toBeLessThanOrEqual(COMPILED_DATES_KEPT);
  });

  it("gives the same entries to the API, the command line's threads and the service", async () => {
    const api: string[] = [];
    for await (const entry of screenBatch(
      ndjson
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
      { ruleSet: yunnan, asOf: "2025-06-30" },
    ))
      api.push(entry.ok ? JSON.stringify(entry.result) : `rejected ${entry.rejection.householdId}`);
    expect(api[1]).toBe("rejected BAD");
    expect(api[0]).toBe(JSON.stringify(await screen(household, { ruleSet: yunnan, asOf: "2025-06-30" })));

    const config = {
      asOf: "2025-06-30",
      language: "zh",
      explain: false,
      format: "ndjson",
      engine: "compiled",
    } as const;
    for (const threads of [1, 2]) {
      const cli: string[] = [];
      for await (const chunk of screenSources(
        readHouseholdSources(Readable.from([ndjson])),
        config,
        threads,
        yunnan,
        1,
      ))
        for (const entry of chunk.entries)
          cli.push(entry.rejection ? `rejected ${entry.rejection.householdId}` : entry.text!.trimEnd());
      expect(cli).toEqual(api);
    }

    const response = await fetch(`${base}/v1/screen/batch?asOf=2025-06-30`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: ndjson,
    });
    const lines = (await response.text()).trimEnd().split("\n");
    expect(
      lines.map((line) =>
        line.startsWith('{"rejected"') ? `rejected ${JSON.parse(line).rejected.householdId}` : line,
      ),
    ).toEqual(api);
  });
});
