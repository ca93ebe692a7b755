import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { contractExample } from "./support/households.js";
import { chromiumForTest, launchChromium } from "./support/chromium.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * The browser entry point as a county web front-end uses it: bundled by esbuild for the browser
 * (no Node built-ins, no stubs, no aliases) and run in headless Chromium, where it must give the
 * very result and hash `dixian screen` gives.
 */
const ASOF = "2025-06-30";
const countyFiles = {
  "ruleset.json": { id: "my-county", version: "2025.1", extends: "builtin:yunnan", description: { zh: "本县规则集" } },
  "rules/plan.json": JSON.stringify({
    stage: "plan",
    rules: [
      {
        id: "followUp.weekly",
        label: { zh: "每周走访" },
        conditions: { all: [{ fact: "flag", operator: "in", value: ["identify", "continue"] }] },
        event: { type: "followUp", params: { visitsPerWeek: 3 } },
      },
    ],
  }),
};

const page = `
import { screen, screenBatch, validateHousehold, loadBuiltInRuleSet, ruleSetFromJson, DixianError } from ${JSON.stringify(resolve("src/browser.ts"))};
globalThis.runDixian = async (household, countyFiles, asOf) => {
  "use strict";
  const ruleSet = loadBuiltInRuleSet("yunnan");
  const result = await screen(household, { ruleSet, asOf });
  const county = ruleSetFromJson(countyFiles);
  const countyResult = await screen(household, { ruleSet: county, asOf, lang: "en" });
  const batch = [];
  for await (const entry of screenBatch([household, { id: "broken" }], { ruleSet, asOf })) batch.push(entry.ok ? entry.result.householdId : entry.rejection.householdId);
  let frozen = false;
  try { ruleSet.parameters.threshold.values[1].value = "1"; } catch (error) { frozen = error instanceof TypeError; }
  let refused = "";
  try { ruleSetFromJson({ "ruleset.json": "{ not json" }); } catch (error) { refused = error instanceof DixianError ? error.code : String(error); }
  return { result: JSON.stringify(result), county: JSON.stringify(countyResult), batch, frozen, refused, valid: validateHousehold(household, asOf).ok };
};
`;

describe("dixian/browser in headless Chromium", () => {
  it("bundles for the browser and screens a household with the CLI's result and hash", async (context) => {
    const executablePath = chromiumForTest(context);
    const dir = mkdtempSync(join(tmpdir(), "dixian-browser-"));
    writeFileSync(join(dir, "page.js"), page);
    const bundle = await build({
      entryPoints: [join(dir, "page.js")],
      bundle: true,
      platform: "browser",
      format: "iife",
      target: "es2022",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.some((input) => input.includes("rules/yunnan/parameters.json"))).toBe(true);
    expect(inputs.filter((input) => /node:|^(fs|path|url|crypto|worker_threads)$/.test(input))).toEqual([]);

    const household = contractExample();
    const cli = await runCliCaptured(
      ["screen", "--rules", "rules/yunnan", "--as-of", ASOF, "--quiet", "--workers", "1", "-"],
      JSON.stringify(household),
    );
    const countyDir = mkdtempSync(join(tmpdir(), "dixian-county-"));
    writeFileSync(join(countyDir, "ruleset.json"), JSON.stringify(countyFiles["ruleset.json"]));
    mkdirSync(join(countyDir, "rules"));
    writeFileSync(join(countyDir, "rules", "plan.json"), countyFiles["rules/plan.json"]);
    const countyCli = await runCliCaptured(
      ["screen", "--rules", countyDir, "--as-of", ASOF, "--lang", "en", "--quiet", "--workers", "1", "-"],
      JSON.stringify(household),
    );

    const browser = await launchChromium(executablePath);
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      tab.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      tab.on("pageerror", (error) => errors.push(error.message));
      tab.on("request", (request) => {
        if (!request.url().startsWith("data:") && request.url() !== "about:blank") requests.push(request.url());
      });
      await tab.setContent("<!doctype html><html><body></body></html>");
      await tab.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const out = await tab.evaluate(([h, files, asOf]) => (globalThis as any).runDixian(h, files, asOf), [
        household,
        countyFiles,
        ASOF,
      ] as const);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(out.result + "\n").toBe(cli.stdout);
      expect(JSON.parse(out.result).ruleSet.hash).toBe(JSON.parse(cli.stdout).ruleSet.hash);
      expect(out.county + "\n").toBe(countyCli.stdout);
      expect(JSON.parse(out.county).followUp).toEqual({ visitsPerWeek: 3 });
      expect(out.batch).toEqual(["LH-0001", "broken"]);
      expect(out.frozen).toBe(true);
      expect(out.refused).toBe("E_RULESET_JSON");
      expect(out.valid).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
