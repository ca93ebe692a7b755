import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { generateHouseholds } from "../src/population/generate-households.js";
import { chromiumForTest } from "./support/chromium.js";
import { runCliCaptured } from "./support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "dixian-report-"));
let report: any;

beforeAll(async () => {
  const households = [...generateHouseholds({ households: 600, seed: 21, asOf: "2025-06-30", referenceIncome: 8700 })]
    .map((h) => JSON.stringify({ ...h, monitoring: undefined })).join("\n");
  const thisMonth = await runCliCaptured(["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--quiet", "--workers", "1", "-"], households);
  const lastMonth = await runCliCaptured(["screen", "--rules", "rules/yunnan", "--as-of", "2023-06-30", "--quiet", "--workers", "1", "-"], households);
  writeFileSync(join(dir, "june.ndjson"), thisMonth.stdout);
  writeFileSync(join(dir, "previous.ndjson"), lastMonth.stdout);
  const { code, stderr } = await runCliCaptured(["report", join(dir, "june.ndjson"), "--previous", join(dir, "previous.ndjson"), "--out", join(dir, "out")]);
  if (code !== 0) throw new Error(`dixian report exited ${code}: ${stderr}`);
  report = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8"));
}, 120_000);

describe("dixian report", () => {
  it("totals by flag, village, category, risk type, 3+1 problem and measure group", () => {
    const results = readFileSync(join(dir, "june.ndjson"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(report.households).toBe(600);
    const byFlag: Record<string, number> = {};
    for (const result of results) byFlag[result.flag] = (byFlag[result.flag] ?? 0) + 1;
    for (const [flag, count] of Object.entries(byFlag)) expect(report.byFlag[flag]).toBe(count);
    expect(Object.keys(report.byVillage)).toHaveLength(8);
    const villageTotal = Object.values(report.byVillage as Record<string, Record<string, number>>).flatMap((row) => Object.values(row)).reduce((a, b) => a + b, 0);
    expect(villageTotal).toBe(600);
    expect(report.toIdentify).toHaveLength(byFlag.identify ?? 0);
    expect(report.toIdentify[0].reasons.length).toBeGreaterThan(0);
    const measures = results.flatMap((r) => r.measures);
    const neededTotal = Object.values(report.measuresByGroup as Record<string, { needed: number; inPlace: number }>).reduce((sum, g) => sum + g.needed + g.inPlace, 0);
    expect(neededTotal).toBe(measures.length);
  });

  it("says what changed since last month", () => {
    const june = readFileSync(join(dir, "june.ndjson"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    const previous = new Map(readFileSync(join(dir, "previous.ndjson"), "utf8").trim().split("\n").map((line) => JSON.parse(line)).map((r) => [r.householdId, r.flag]));
    const newlyIdentified = june.filter((r) => r.flag === "identify" && previous.get(r.householdId) !== "identify").map((r) => r.householdId);
    expect(report.changes.newIdentifications).toEqual(newlyIdentified);
    const transitions = Object.values(report.changes.transitions as Record<string, Record<string, number>>).flatMap((row) => Object.values(row)).reduce((a, b) => a + b, 0);
    expect(transitions).toBe(600);
  });

  it("opens in headless Chromium without console errors, shows the totals and renders the charts", async (context) => {
    const browser = await chromium.launch({
      executablePath: chromiumForTest(context),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("request", (request) => { if (!request.url().startsWith("file:")) requests.push(request.url()); });
      await page.goto("file://" + join(dir, "out", "report.html"));
      expect(errors).toEqual([]);
      expect(requests).toEqual([]); // self-contained: nothing fetched
      const totals = await page.textContent("#totals");
      expect(totals).toContain(`${report.households} 农户`);
      expect(totals).toContain(`识别 ${report.byFlag.identify}`);
      const charts = await page.locator("svg.chart").count();
      expect(charts).toBeGreaterThanOrEqual(6);
      const bars = await page.locator("svg.chart rect.bar").evaluateAll((nodes) => nodes.filter((node) => (node as unknown as { getBBox(): { width: number } }).getBBox().width > 0).length);
      expect(bars).toBeGreaterThan(10);
      mkdirSync("out", { recursive: true });
      await page.screenshot({ path: "out/report-screenshot.png", fullPage: false });
      expect(existsSync("out/report-screenshot.png")).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
