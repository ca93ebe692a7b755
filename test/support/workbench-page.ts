import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";

/**
 * The workbench page as a person uses it, driven by playwright-core: opened from file:// with
 * every request that would leave the computer aborted (and recorded), files chosen, a date and
 * county values entered, screened. Used by the browser test and scripts/workbench-screenshots.ts.
 */

export interface OpenedWorkbench {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Every request the page (or its worker) tried that was not for its own file, a blob: or a data: URL. */
  blocked: string[];
}

const LOCAL = /^(file|blob|data):/;

/** Opens the workbench file with the network blocked. */
export async function openWorkbench(
  browser: Browser,
  file: string,
  viewport = { width: 1280, height: 900 },
): Promise<OpenedWorkbench> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: "zh-CN" });
  const errors: string[] = [];
  const blocked: string[] = [];
  await context.route("**", (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("worker", (worker) =>
    worker.on("console", (message) => message.type() === "error" && errors.push(message.text())),
  );
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("#start");
  return { page, errors, blocked };
}

export interface ScreenOptions {
  files: string[];
  asOf: string;
  ruleSet?: string;
  county?: { threshold?: string; dibaoStandard?: string; source?: string };
}

/** Sets the date (and county values), chooses the files and screens; the milliseconds from the click to the summary. */
export async function screenInPage(page: Page, options: ScreenOptions): Promise<number> {
  await page.click("#tab-screen");
  if (options.ruleSet) await page.selectOption("#rule-set", options.ruleSet);
  await page.fill("#as-of", options.asOf);
  await page.dispatchEvent("#as-of", "change");
  for (const [name, value] of Object.entries(options.county ?? {})) {
    await page.fill(`#county input[name="${name}"]`, value ?? "");
    await page.dispatchEvent(`#county input[name="${name}"]`, "change");
  }
  // Files chosen before are cleared first.
  if (await page.locator("#files button.link").count()) await page.click("#files button.link");
  await page.setInputFiles("#file-input", options.files);
  await page.waitForSelector("#files li");
  const started = Date.now();
  // What an earlier screening showed is marked, so only this screening's outcome ends the wait.
  await page.evaluate(() => {
    const { document } = globalThis as unknown as Marking;
    for (const element of document.querySelectorAll("#problem, #summary #hash"))
      element.setAttribute("data-earlier", "");
  });
  // The button is disabled while the worker screens; then the summary (or the problem) is shown.
  await page.click("#start");
  await waitForScreening(page, { problem: true, timeout: 300_000 });
  return Date.now() - started;
}

/** The little of the DOM the functions here use (the tests are type-checked without the DOM library). */
type Query = { document: { querySelector(selector: string): { hasAttribute(name: string): boolean } | null } };
type Marking = {
  document: { querySelectorAll(selector: string): Iterable<{ setAttribute(name: string, value: string): void }> };
};

/**
 * Waits until a screening is over: the start button enabled again and its summary shown (or, with
 * `problem`, its problem), not one marked as an earlier screening's. A function, not a string: the
 * page's policy allows no eval, so a string predicate could not be polled in it.
 */
export async function waitForScreening(page: Page, options: { problem?: boolean; timeout: number }): Promise<void> {
  await page.waitForFunction(
    (problem: boolean) => {
      const { document } = globalThis as unknown as Query;
      return (
        !document.querySelector("#start")?.hasAttribute("disabled") &&
        ((problem && document.querySelector("#problem:not([data-earlier])") !== null) ||
          document.querySelector("#summary #hash:not([data-earlier])") !== null)
      );
    },
    options.problem ?? false,
    { timeout: options.timeout, polling: 50 },
  );
}
