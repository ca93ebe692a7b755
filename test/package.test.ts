import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { chromiumForTest, launchChromium } from "./support/chromium.js";
import { contractExample } from "./support/households.js";

/**
 * Packs the checkout's two packages — the library `dixian` and the command line `dixian-cli` — and
 * installs each into a scratch project outside the repository, using them there the way a county
 * system would: the library alone (ESM import, CommonJS require, a strict TypeScript consumer, a strict
 * `"type": "module"` TypeScript project, a server and a web page bundled with esbuild), with none of the
 * command line's dependencies installed; the installed CLI, with a county overlay extending a shipped
 * rule set. attw and publint check the packages.
 */
const repo = resolve(".");
const bin = (name: string) => join(repo, "node_modules", ".bin", name);
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" },
  });

let project = "";
let cliProject = "";
let esmProject = "";
let tarball = "";
let cliTarball = "";
let scratch = "";
/** The command line's own dependencies: a project that installs only the library must have none. */
const CLI_ONLY = [
  "cli-progress",
  "csv-parse",
  "csv-stringify",
  "exceljs",
  "fastify",
  "iconv-lite",
  "pure-rand",
  "saxes",
  "yauzl",
];
const installedCli = () => join(cliProject, "node_modules", ".bin", "dixian");

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "dixian-package-"));
  const packDir = join(scratch, "pack");
  mkdirSync(packDir);
  run("npm", ["pack", "--pack-destination", packDir, "--silent"], repo);
  run("npm", ["pack", "--workspace", "packages/cli", "--pack-destination", packDir, "--silent"], repo);
  const packed = readdirSync(packDir);
  tarball = join(
    packDir,
    packed.find((name) => /^dixian-\d.*\.tgz$/.test(name))!,
  );
  cliTarball = join(
    packDir,
    packed.find((name) => /^dixian-cli-\d.*\.tgz$/.test(name))!,
  );
  project = join(scratch, "county-system");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "county-system", version: "1.0.0", private: true }),
  );
  run("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund", "--silent"], project);
  writeFileSync(join(project, "household.json"), JSON.stringify(contractExample()));
  // A second project, an ES module one, sharing the first one's installation.
  esmProject = join(scratch, "county-esm");
  mkdirSync(esmProject);
  writeFileSync(
    join(esmProject, "package.json"),
    JSON.stringify({ name: "county-esm", version: "1.0.0", private: true, type: "module" }),
  );
  symlinkSync(join(project, "node_modules"), join(esmProject, "node_modules"), "dir");
  // The command line, installed on its own as a county's operator would.
  cliProject = join(scratch, "county-operator");
  mkdirSync(cliProject);
  writeFileSync(
    join(cliProject, "package.json"),
    JSON.stringify({ name: "county-operator", version: "1.0.0", private: true }),
  );
  run("npm", ["install", cliTarball, "--prefer-offline", "--no-audit", "--no-fund", "--silent"], cliProject);
  writeFileSync(join(cliProject, "household.json"), JSON.stringify(contractExample()));
}, 300_000);

const countyOverlay = {
  "ruleset.json": { id: "my-county", version: "2025.1", extends: "builtin:yunnan", description: { zh: "本县规则集" } },
};

describe("the packed package, installed in a fresh project", () => {
  it("installs none of the command line's or the service's dependencies with the library", () => {
    const installed = readdirSync(join(project, "node_modules"));
    expect(installed).toContain("dixian");
    expect(installed.filter((name) => CLI_ONLY.includes(name))).toEqual([]);
    const tree = run("npm", ["ls", "--all", "--parseable"], project);
    for (const name of CLI_ONLY) expect(tree).not.toContain(`/node_modules/${name}`);
    // The command line is its own package, with its own bin.
    expect(readdirSync(join(project, "node_modules", ".bin"))).not.toContain("dixian");
    expect(readdirSync(join(cliProject, "node_modules"))).toEqual(expect.arrayContaining(["dixian-cli", ...CLI_ONLY]));
  });

  it("imports as ESM and screens with a shipped rule set", () => {
    writeFileSync(
      join(project, "esm.mjs"),
      `
      import { readFileSync } from "node:fs";
      import { loadBuiltInRuleSet, screen, BUILT_IN_RULE_SETS } from "dixian";
      const ruleSet = loadBuiltInRuleSet("yunnan");
      const result = await screen(JSON.parse(readFileSync("household.json", "utf8")), { ruleSet, asOf: "2025-06-30" });
      console.log(JSON.stringify({ flag: result.flag, hash: result.ruleSet.hash, sets: BUILT_IN_RULE_SETS }));
    `,
    );
    const output = JSON.parse(run("node", ["esm.mjs"], project));
    expect(output.flag).toBe("continue");
    expect(output.hash).toMatch(/^sha256:/);
    expect(output.sets).toContain("yunnan");
  });

  it("requires as CommonJS", () => {
    writeFileSync(
      join(project, "cjs.cjs"),
      `
      const { loadBuiltInRuleSet, screen, validateHousehold } = require("dixian");
      const household = require("./household.json");
      screen(household, { ruleSet: loadBuiltInRuleSet("yunnan"), asOf: "2025-06-30", lang: "en" })
        .then((result) => console.log(JSON.stringify({ flag: result.flag, label: result.riskTypes[0].label, ok: validateHousehold({}, "2025-06-30").ok })));
    `,
    );
    expect(JSON.parse(run("node", ["cjs.cjs"], project))).toEqual({ flag: "continue", label: "Illness", ok: false });
  });

  it("type-checks a strict TypeScript consumer with node16, nodenext and bundler resolution", () => {
    writeFileSync(
      join(project, "consumer.ts"),
      `
      import { loadBuiltInRuleSet, screen, screenBatch, DixianError, ruleSetFromJson, type ScreeningResult, type BatchEntry, type Flag } from "dixian";
      import * as browser from "dixian/browser";
      export async function inPage(household: unknown): Promise<string> {
        const ruleSet: browser.RuleSet = browser.ruleSetFromJson({ "ruleset.json": { id: "x", version: "1", extends: "builtin:cn", description: { zh: "x" } } });
        return (await browser.screen(household, { ruleSet, asOf: "2025-06-30" })).ruleSet.hash + ruleSetFromJson({}).hash;
      }
      export async function check(household: unknown): Promise<Flag> {
        const ruleSet = loadBuiltInRuleSet("yunnan");
        const result: ScreeningResult = await screen(household, { ruleSet, asOf: "2025-06-30" });
        for await (const entry of screenBatch([household], { ruleSet, asOf: "2025-06-30" })) {
          const typed: BatchEntry = entry;
          if (!typed.ok) console.log(typed.rejection.issues.map((issue) => issue.path));
        }
        const error: unknown = new DixianError("E_BAD_AS_OF", "x");
        if (error instanceof DixianError) console.log(error.code);
        return result.flag;
      }
    `,
    );
    for (const [module, resolution] of [
      ["node16", "node16"],
      ["nodenext", "nodenext"],
      ["esnext", "bundler"],
    ]) {
      writeFileSync(
        join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module,
            moduleResolution: resolution,
            target: "es2022",
            lib: ["es2022", "dom"],
            types: [],
            skipLibCheck: false,
          },
          files: ["consumer.ts"],
        }),
      );
      expect(() => run(bin("tsc"), ["-p", "tsconfig.json"], project)).not.toThrow();
    }
  }, 240_000);

  it('type-checks and runs a strict "type": "module" consumer under nodenext', () => {
    writeFileSync(
      join(esmProject, "consumer.ts"),
      `
      import { loadBuiltInRuleSet, screen, ruleSetFromJson, DixianError, type ScreeningResult, type RuleSet } from "dixian";
      import { screen as screenInPage, loadBuiltInRuleSet as builtIn, type ScreeningResult as PageResult } from "dixian/browser";
      const household: unknown = JSON.parse(process.argv[2] ?? "{}");
      const ruleSet: RuleSet = loadBuiltInRuleSet("yunnan");
      const county = ruleSetFromJson(${JSON.stringify(countyOverlay)});
      const result: ScreeningResult = await screen(household, { ruleSet, asOf: "2025-06-30" });
      const inPage: PageResult = await screenInPage(household, { ruleSet: builtIn("yunnan"), asOf: "2025-06-30" });
      const error: unknown = new DixianError("E_BAD_AS_OF", "x");
      console.log(JSON.stringify({ flag: result.flag, same: JSON.stringify(result) === JSON.stringify(inPage), county: county.layers, isError: error instanceof Error }));
    `,
    );
    writeFileSync(
      join(esmProject, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom"],
          types: [],
          skipLibCheck: false,
          outDir: "out",
          declaration: true,
        },
        files: ["consumer.ts", "process.d.ts"],
      }),
    );
    writeFileSync(join(esmProject, "process.d.ts"), "declare const process: { argv: string[] };\n");
    expect(() => run(bin("tsc"), ["-p", "tsconfig.json"], esmProject)).not.toThrow();
    const output = JSON.parse(run("node", ["out/consumer.js", JSON.stringify(contractExample())], esmProject));
    expect(output).toEqual({ flag: "continue", same: true, county: ["cn", "yunnan", "my-county"], isError: true });
  }, 180_000);

  it("still finds the shipped rule sets in a server bundled with esbuild", async () => {
    writeFileSync(
      join(project, "server.js"),
      `
      const { loadBuiltInRuleSet, loadRuleSet, ruleSetFromJson, screen } = require("dixian");
      const household = ${JSON.stringify(contractExample())};
      const county = ruleSetFromJson(${JSON.stringify(countyOverlay)});
      screen(household, { ruleSet: loadBuiltInRuleSet("yunnan"), asOf: "2025-06-30" }).then((result) =>
        console.log(JSON.stringify({ hash: result.ruleSet.hash, county: county.hash, flag: result.flag })));
    `,
    );
    const unbundled = JSON.parse(run("node", ["server.js"], project));
    const out = join(scratch, "deployed");
    await build({
      entryPoints: [join(project, "server.js")],
      bundle: true,
      platform: "node",
      target: "node20",
      outfile: join(out, "server.cjs"),
      logLevel: "silent",
      absWorkingDir: project,
    });
    // Deployed alone: no node_modules and no rules/ folder beside it.
    expect(readdirSync(out)).toEqual(["server.cjs"]);
    expect(JSON.parse(run("node", ["server.cjs"], out))).toEqual(unbundled);
    expect(unbundled.flag).toBe("continue");
  }, 120_000);

  it("bundles dixian/browser for a web page that screens in Chromium as the installed CLI does", async (context) => {
    const executablePath = chromiumForTest(context);
    writeFileSync(
      join(project, "page.js"),
      `
      import { screen, loadBuiltInRuleSet } from "dixian/browser";
      globalThis.screenInPage = async (household) => JSON.stringify(await screen(household, { ruleSet: loadBuiltInRuleSet("yunnan"), asOf: "2025-06-30" }));
    `,
    );
    const bundle = await build({
      entryPoints: [join(project, "page.js")],
      bundle: true,
      platform: "browser",
      format: "iife",
      write: false,
      logLevel: "silent",
      absWorkingDir: project,
    });
    const cli = run(
      installedCli(),
      ["screen", "--rules", "builtin:yunnan", "--as-of", "2025-06-30", "--quiet", "household.json"],
      cliProject,
    );
    const browser = await launchChromium(executablePath);
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.setContent("<!doctype html><html><body></body></html>");
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const result = await page.evaluate((household) => (globalThis as any).screenInPage(household), contractExample());
      expect(errors).toEqual([]);
      expect(result + "\n").toBe(cli);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("runs the installed CLI, with a shipped rule set and a county overlay that extends it", () => {
    const out = run(
      installedCli(),
      ["screen", "--rules", "builtin:yunnan", "--as-of", "2025-06-30", "--quiet", "household.json"],
      cliProject,
    );
    expect(JSON.parse(out).flag).toBe("continue");
    const county = join(cliProject, "county-rules");
    mkdirSync(join(county, "rules"), { recursive: true });
    writeFileSync(
      join(county, "ruleset.json"),
      JSON.stringify({
        id: "my-county",
        version: "2025.1",
        extends: "builtin:yunnan",
        description: { zh: "本县规则集" },
      }),
    );
    writeFileSync(
      join(county, "rules", "plan.json"),
      JSON.stringify({
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
    );
    const countyResult = JSON.parse(
      run(
        installedCli(),
        ["screen", "--rules", "county-rules", "--as-of", "2025-06-30", "--quiet", "household.json"],
        cliProject,
      ),
    );
    expect(countyResult.followUp).toEqual({ visitsPerWeek: 3 });
    expect(countyResult.ruleSet.id).toBe("my-county");
    const validated = run(installedCli(), ["validate", "county-rules", "builtin:examples/xundian-lianhe"], cliProject);
    expect(validated).toContain("cn → yunnan → my-county");
  });

  it("writes a 2026 county overlay with the installed CLI, its files naming the installed schemas", () => {
    const dixian = installedCli();
    const args = ["--extends", "builtin:yunnan", "--threshold", "2026=9000", "--source", "某县 2026 年认定标准"];
    run(dixian, ["init-overlay", "county-2026", ...args], cliProject);
    const manifest = JSON.parse(readFileSync(join(cliProject, "county-2026", "ruleset.json"), "utf8"));
    expect(manifest.$schema).toBe("../node_modules/dixian-cli/schema/ruleset.schema.json");
    const example = JSON.parse(readFileSync(join(cliProject, "county-2026", "tests", "example.json"), "utf8"));
    expect(example.$schema).toBe("../../node_modules/dixian-cli/schema/rule-test.schema.json");
    expect(run(dixian, ["validate", "--as-of", "2026-06-30", "county-2026"], cliProject)).toContain("cn → yunnan →");
    expect(run(dixian, ["test", "county-2026"], cliProject)).toContain("通过 1 个，失败 0 个");
    const result = JSON.parse(
      run(
        dixian,
        ["screen", "--rules", "county-2026", "--as-of", "2026-06-30", "--quiet", "household.json"],
        cliProject,
      ),
    );
    expect(result.figures.threshold).toBe("9000.00");
  });

  it("ships dist, rules and schemas, and no tests or fixtures; the command line ships its own copy", () => {
    const listing = run("tar", ["-tzf", tarball], repo);
    expect(listing).toMatch(/package\/dist\/index\.cjs/);
    expect(listing).toMatch(/package\/rules\/yunnan\/parameters\.json/);
    expect(listing).toMatch(/package\/schema\/rules\.schema\.json/);
    expect(listing).toMatch(/package\/dist\/browser\.js/);
    expect(listing).not.toMatch(/\/tests\/|fixtures|package\/test\/|package\/src\/|package\/dist\/cli\.js/);
    const cliListing = run("tar", ["-tzf", cliTarball], repo);
    for (const file of [
      "bin/dixian.js",
      "dist/cli.js",
      "dist/screen-worker.js",
      "rules/cn/ruleset.json",
      "schema/ruleset.schema.json",
      "LICENSE",
    ])
      expect(cliListing).toContain(`package/${file}`);
    expect(cliListing).not.toMatch(/\/tests\/|fixtures|package\/test\/|package\/src\//);
    // The copies made for packing are gone again, so a checkout never finds a stale one first.
    expect(readdirSync(join(repo, "packages", "cli")).sort()).not.toContain("rules");
  });

  it("passes @arethetypeswrong/cli and publint", () => {
    expect(run(bin("attw"), [tarball, "--format", "ascii"], repo)).toMatch(/No problems found/);
    expect(run(bin("publint"), [join(project, "node_modules", "dixian")], repo)).toMatch(/All good/);
    expect(run(bin("publint"), [join(cliProject, "node_modules", "dixian-cli")], repo)).toMatch(/All good/);
  });
});
