/**
 * Screenshots of the workbench page for docs/workbench.md, and the figures for docs/performance.md:
 * builds dist/workbench.html, opens it in headless Chromium from file:// with the network blocked,
 * screens a generated township of 5,000 households (three times, for the median), and saves a
 * picture of each tab under docs/images/. Needs Chromium (CHROMIUM_PATH, or on the PATH).
 *
 * Usage: npx tsx scripts/workbench-screenshots.ts [--households 5000] [--runs 3] [--no-images]
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateHouseholds } from "../src/population/generate-households.js";
import { findChromium, launchChromium } from "../test/support/chromium.js";
import { chineseCopy, householdsToTables, writeWorkbook } from "../test/support/table-copies.js";
import { openWorkbench, screenInPage } from "../test/support/workbench-page.js";
import { buildWorkbench } from "./build-workbench.js";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const IMAGES = join(ROOT, "docs/images");
const ASOF = "2025-06-30";

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const households = option("households", 5000);
const runs = option("runs", 3);
const images = !process.argv.includes("--no-images");

const chromium = findChromium();
if (!chromium.found) throw new Error(chromium.reason);
const built = await buildWorkbench();
const dir = mkdtempSync(join(tmpdir(), "dixian-screenshots-"));
const population = [...generateHouseholds({ households, seed: 2026, asOf: ASOF, referenceIncome: 8700 })];
// One misspelt labour skill, so the rejected rows tab has a row to show.
(population[11]!.members[0] as { labor: string }).labor = "强劳力";
const county = await writeWorkbook(join(dir, "联合乡-2025年6月.xlsx"), chineseCopy(householdsToTables(population)));

const browser = await launchChromium(chromium.path);
try {
  const { page, errors, blocked } = await openWorkbench(browser, resolve(ROOT, "dist/workbench.html"), {
    width: 1280,
    height: 820,
  });
  const shot = async (name: string) => {
    if (images) await page.screenshot({ path: join(IMAGES, `workbench-${name}.png`) });
  };
  if (images) mkdirSync(IMAGES, { recursive: true });

  const times: number[] = [];
  const inWorker: Record<string, string | null>[] = [];
  for (let run = 0; run < runs; run++) {
    times.push(await screenInPage(page, { files: [county], asOf: ASOF }));
    const done = page.locator("#done");
    inWorker.push({
      read: await done.getAttribute("data-read-ms"),
      screen: await done.getAttribute("data-screen-ms"),
      total: await done.getAttribute("data-total-ms"),
    });
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

  // The whole screening tab, from the files chosen to the summary.
  await page.setViewportSize({ width: 1280, height: 1300 });
  await page.evaluate("window.scrollTo(0, 0)");
  await shot("screen");
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.click("#tab-results");
  await page.selectOption('select[name="flag"]', "identify");
  await page.selectOption('select[name="village"]', "V03");
  await shot("results");
  const first = await page.locator("#results-table tbody tr").first().getAttribute("data-household");
  await page.click(`tr[data-household="${first}"]`);
  await shot("household");
  await page.click("#tab-worklist");
  await shot("worklist");
  await page.click("#tab-rejected");
  await shot("rejected");
  await page.click("#tab-report");
  await shot("report");
  await page.click("#tab-book");
  await page.waitForSelector("#book-frame");
  await page.frameLocator("#book-frame").locator(".decision-table").first().scrollIntoViewIfNeeded();
  await shot("book");

  // A date with no threshold in force: the page asks for the county's value.
  await page.click("#tab-screen");
  await page.fill("#as-of", "2026-06-30");
  await page.dispatchEvent("#as-of", "change");
  await page.waitForSelector("#county.needed");
  await page.locator("#county").scrollIntoViewIfNeeded();
  await shot("county");

  console.log(
    JSON.stringify(
      {
        machine: `${availableParallelism()} × ${cpus()[0]?.model.trim()}`,
        node: process.version,
        chromium: browser.version(),
        households,
        screeningMs: times,
        inWorkerMs: inWorker,
        medianMs: median,
        pageBytes: built.bytes,
        scriptBytes: built.scriptBytes,
        gzipBytes: built.gzipBytes,
        largestInputs: Object.entries(built.inputs)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KB`),
        errors,
        blocked,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
}
