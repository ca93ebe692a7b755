import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateHouseholds } from "../src/population/generate-households.js";
import { chromiumForTest, launchChromium } from "./support/chromium.js";
import { runCliCaptured } from "./support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "dixian-report-"));
let report: any;

beforeAll(async () => {
  const households = [...generateHouseholds({ households: 600, seed: 21, asOf: "2025-06-30", referenceIncome: 8700 })]
    .map((h) => JSON.stringify({ ...h, monitoring: undefined }))
    .join("\n");
  const thisMonth = await runCliCaptured(
    ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--quiet", "--workers", "1", "-"],
    households,
  );
  const lastMonth = await runCliCaptured(
    ["screen", "--rules", "rules/yunnan", "--as-of", "2023-06-30", "--quiet", "--workers", "1", "-"],
    households,
  );
  writeFileSync(join(dir, "june.ndjson"), thisMonth.stdout);
  writeFileSync(join(dir, "previous.ndjson"), lastMonth.stdout);
  const { code, stderr } = await runCliCaptured([
    "report",
    join(dir, "june.ndjson"),
    "--previous",
    join(dir, "previous.ndjson"),
    "--out",
    join(dir, "out"),
  ]);
  if (code !== 0) throw new Error(`dixian report exited ${code}: ${stderr}`);
  report = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8"));
}, 120_000);

describe("dixian report", () => {
  it("counts households and people, by flag, and names the township and month", () => {
    const results = readFileSync(join(dir, "june.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(report.people).toBe(results.reduce((sum, r) => sum + r.householdSize, 0));
    expect(report.people).toBeGreaterThan(report.households);
    const identified = results.filter((r) => r.flag === "identify");
    expect(report.peopleByFlag.identify).toBe(identified.reduce((sum, r) => sum + r.householdSize, 0));
    expect(report.area.townships).toEqual(["联合乡"]);
    const html = readFileSync(join(dir, "out", "report.html"), "utf8");
    expect(html).toContain("<title>联合乡 2025年6月 防返贫监测月度分析</title>");
    expect(html).toContain("@page { size: A4;");
    // Measure names beside group codes, and the data-check summary.
    const group = Object.entries(report.measuresByGroup as Record<string, { labels: string[] }>)[0]!;
    expect(html).toContain(
      `<td>${report.groupLabels[group[0]]} <code>${group[0]}</code></td><td>${group[1].labels.join("、")}</td>`,
    );
    expect(html).toContain('<section id="checks">');
    expect(existsSync(join(dir, "out", "report.xlsx"))).toBe(true);
  });

  it("keeps a report of 50,000 households under 1 MB, with every listed household in report.xlsx", async () => {
    const results = readFileSync(join(dir, "june.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const tasks = [
      {
        kind: "verify",
        channel: "sectorWarning",
        department: "medicalSecurity",
        leadDate: "2025-06-01",
        dueBy: "2025-06-16",
        overdue: true,
        reason: "…",
      },
    ];
    const lines: string[] = [];
    for (let index = 0; index < 50_000; index++) {
      const result = results[index % results.length];
      lines.push(
        JSON.stringify({
          ...result,
          householdId: `${result.householdId}-${index}`,
          // Only the injected tasks: the generated households' own leads are left out here.
          tasks: index % 500 === 0 ? tasks : [],
        }),
      );
    }
    const big = join(dir, "big");
    mkdirSync(big, { recursive: true });
    writeFileSync(join(big, "results.ndjson"), lines.join("\n") + "\n");
    const { code } = await runCliCaptured(["report", join(big, "results.ndjson"), "--out", join(big, "out")]);
    expect(code).toBe(0);
    const html = readFileSync(join(big, "out", "report.html"));
    expect(html.length).toBeLessThan(1024 * 1024);
    const bigReport = JSON.parse(readFileSync(join(big, "out", "report.json"), "utf8"));
    expect(bigReport.households).toBe(50_000);
    expect(bigReport.overdueTasks).toHaveLength(100);
    expect(html.toString()).toContain(`核实已逾期的线索: 100`);
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(big, "out", "report.xlsx"));
    expect(workbook.worksheets[0]!.rowCount).toBe(bigReport.toIdentify.length + 1);
    expect(bigReport.toIdentify.length).toBeGreaterThan(200);
  }, 120_000);

  it("totals by flag, village, category, risk type, 3+1 problem and measure group", () => {
    const results = readFileSync(join(dir, "june.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(report.households).toBe(600);
    const byFlag: Record<string, number> = {};
    for (const result of results) byFlag[result.flag] = (byFlag[result.flag] ?? 0) + 1;
    for (const [flag, count] of Object.entries(byFlag)) expect(report.byFlag[flag]).toBe(count);
    expect(Object.keys(report.byVillage)).toHaveLength(8);
    const villageTotal = Object.values(report.byVillage as Record<string, Record<string, number>>)
      .flatMap((row) => Object.values(row))
      .reduce((a, b) => a + b, 0);
    expect(villageTotal).toBe(600);
    expect(report.toIdentify).toHaveLength(byFlag.identify ?? 0);
    expect(report.toIdentify[0].reasons.length).toBeGreaterThan(0);
    const measures = results.flatMap((r) => r.measures);
    const neededTotal = Object.values(
      report.measuresByGroup as Record<string, { needed: number; inPlace: number }>,
    ).reduce((sum, g) => sum + g.needed + g.inPlace, 0);
    expect(neededTotal).toBe(measures.length);
  });

  it("says what changed since last month", () => {
    const june = readFileSync(join(dir, "june.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const previous = new Map(
      readFileSync(join(dir, "previous.ndjson"), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line))
        .map((r) => [r.householdId, r.flag]),
    );
    const newlyIdentified = june
      .filter((r) => r.flag === "identify" && previous.get(r.householdId) !== "identify")
      .map((r) => r.householdId);
    expect(report.changes.newIdentifications).toEqual(newlyIdentified);
    const transitions = Object.values(report.changes.transitions as Record<string, Record<string, number>>)
      .flatMap((row) => Object.values(row))
      .reduce((a, b) => a + b, 0);
    expect(transitions).toBe(600);
  });

  it("opens in headless Chromium without console errors, shows the totals and renders the charts", async (context) => {
    const browser = await launchChromium(chromiumForTest(context));
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) requests.push(request.url());
      });
      await page.goto("file://" + join(dir, "out", "report.html"));
      expect(errors).toEqual([]);
      expect(requests).toEqual([]); // self-contained: nothing fetched
      const totals = await page.textContent("#totals");
      expect(totals).toContain(`共${report.households}户${report.people}人`);
      expect(await page.textContent("#flag-totals")).toContain(`识别为监测对象 ${report.byFlag.identify}户`);
      expect(await page.textContent("#title")).toBe("联合乡 2025年6月 防返贫监测月度分析");
      // This month's changes come first.
      expect(await page.locator("section").first().getAttribute("id")).toBe("changes");
      const charts = await page.locator("svg.chart").count();
      expect(charts).toBeGreaterThanOrEqual(6);
      const bars = await page
        .locator("svg.chart rect.bar")
        .evaluateAll(
          (nodes) =>
            nodes.filter((node) => (node as unknown as { getBBox(): { width: number } }).getBBox().width > 0).length,
        );
      expect(bars).toBeGreaterThan(10);
      // The county-sized page (written by the test before) opens as cleanly.
      if (existsSync(join(dir, "big", "out", "report.html"))) {
        await page.goto("file://" + join(dir, "big", "out", "report.html"));
        expect(errors).toEqual([]);
        expect(await page.textContent("#totals")).toContain("共50000户");
        await page.goto("file://" + join(dir, "out", "report.html"));
      }
      // It prints on A4 (the print stylesheet), as a township prints its monthly report.
      await page.emulateMedia({ media: "print" });
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(errors).toEqual([]);
      await page.emulateMedia({ media: "screen" });
      mkdirSync("out", { recursive: true });
      await page.screenshot({ path: "out/report-screenshot.png", fullPage: false });
      expect(existsSync("out/report-screenshot.png")).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
