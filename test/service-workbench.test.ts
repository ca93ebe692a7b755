import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorkbench, type WorkbenchBuild } from "../scripts/build-workbench.js";
import { loadBuiltInRuleSet } from "../src/rulesets/from-json.js";
import { buildService } from "../src/service/app.js";
import { findWorkbenchPage, workbenchPolicyOf } from "../src/service/workbench-route.js";
import { findChromium, launchChromium } from "./support/chromium.js";
import { exampleTables, rawWorkbook } from "./support/raw-workbook.js";

/**
 * `dixian serve` serves the workbench page at `/`, with the page's Content-Security-Policy as a
 * header too: a county's staff open the service in a browser and screen there, and the page never
 * calls the service (or anything else).
 */
const ruleSet = loadBuiltInRuleSet("yunnan");
let dir: string;
let built: WorkbenchBuild;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dixian-serve-page-"));
  built = await buildWorkbench(join(dir, "workbench.html"));
  app = buildService({
    ruleSet,
    workbench: findWorkbenchPage([join(dir, "missing.html"), join(dir, "workbench.html")]),
  });
  base = await app.listen({ host: "127.0.0.1", port: 0 });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe("dixian serve at /", () => {
  it("serves the built page as HTML, with its Content-Security-Policy as a header", async () => {
    const response = await fetch(base + "/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toBe(readFileSync(join(dir, "workbench.html"), "utf8"));
    expect(response.headers.get("content-security-policy")).toBe(built.policy);
    expect(workbenchPolicyOf(html)).toBe(built.policy);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses query parameters as every route does, and keeps the API where it was", async () => {
    const query = await fetch(base + "/?lang=en");
    expect(query.status).toBe(400);
    expect(query.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const health = await fetch(base + "/healthz");
    expect(await health.json()).toMatchObject({ status: "ok", ruleSet: { hash: ruleSet.hash } });
  });

  it("says how to build the page when it is not built", async () => {
    const bare = buildService({ ruleSet, workbench: findWorkbenchPage([join(dir, "missing.html")]) });
    try {
      const response = await fetch((await bare.listen({ host: "127.0.0.1", port: 0 })) + "/");
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { detail: string }).detail).toContain("npm run build");
    } finally {
      await bare.close();
    }
  });

  const chromium = findChromium();
  it.skipIf(!chromium.found)(
    "screens in the browser from the served page without a request to the service",
    async () => {
      if (!chromium.found) return;
      const browser = await launchChromium(chromium.path);
      try {
        const page = await browser.newPage({ locale: "zh-CN" });
        const requests: string[] = [];
        const errors: string[] = [];
        page.on("request", (request) => requests.push(request.url()));
        page.on("pageerror", (error) => errors.push(error.message));
        page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
        await page.goto(base + "/");
        const tables = exampleTables(3);
        const file = join(dir, "county.xlsx");
        writeFileSync(
          file,
          rawWorkbook([
            { name: "户", rows: tables.households },
            { name: "成员", rows: tables.members },
          ]),
        );
        await page.fill("#as-of", "2025-06-30");
        await page.dispatchEvent("#as-of", "change");
        await page.setInputFiles("#file-input", file);
        await page.waitForSelector("#files li");
        await page.click("#start");
        await page.waitForSelector("#summary #hash");
        expect(await page.locator("#hash").textContent()).toBe(ruleSet.hash);
        expect(requests.filter((url) => !url.startsWith("blob:") && !url.startsWith("data:"))).toEqual([base + "/"]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
