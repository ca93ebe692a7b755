import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HouseholdRejectedError, loadRuleSet, screen } from "../src/index.js";
import { explanationText } from "../src/results/explain-text.js";
import { openApiDocument } from "../src/service/openapi.js";
import { copyRules, editJson, lineOf, loadError } from "./support/rule-set-copy.js";
import { runCliCaptured } from "./support/run-cli.js";
import { householdsToTables, writeTables } from "./support/table-copies.js";

/**
 * A province adds a risk type (因野生动物致害, `wildlifeDamage`, code 08) and a measure group
 * (100A56 野生动物致害补偿) in its own rule-set files, without touching the code: the overlay
 * test/fixtures/rule-sets/province-vocabulary. Both flow through validation, screening, explain,
 * the CSV table, county tables and the monthly report with the labels the overlay gives them.
 */
const OVERLAY = "test/fixtures/rule-sets/province-vocabulary";
const AS_OF = "2025-06-30";
const HOUSEHOLD: Record<string, any> = JSON.parse(readFileSync(join(OVERLAY, "tests/wildlife-damage.json"), "utf8"))
  .tests[0].household;

const household = () => structuredClone(HOUSEHOLD);

async function rejection(value: unknown, ruleSet: ReturnType<typeof loadRuleSet>, lang: "zh" | "en" = "en") {
  try {
    await screen(value, { ruleSet, asOf: AS_OF, lang });
  } catch (error) {
    if (error instanceof HouseholdRejectedError) return error.rejection.issues;
    throw error;
  }
  throw new Error("expected the household to be rejected");
}

async function cli(args: string[], expectedCode = 0) {
  const run = await runCliCaptured(args);
  expect(run.code, run.stderr).toBe(expectedCode);
  return run;
}

describe("a risk type and a measure group a province adds", () => {
  const overlay = loadRuleSet(OVERLAY);

  it("screen with the overlay's labels, code and group", async () => {
    const result = await screen(household(), { ruleSet: overlay, asOf: AS_OF });
    expect(result.flag).toBe("continue");
    expect(result.riskTypes).toEqual([
      { id: "wildlifeDamage", code: "08", label: "因野生动物致害", reason: "监测记录登记了因野生动物致害" },
    ]);
    expect(result.measures).toContainEqual(
      expect.objectContaining({ id: "province.wildlifeCompensation", group: "100A56", kind: "protective" }),
    );
    const english = await screen(household(), { ruleSet: overlay, asOf: AS_OF, lang: "en" });
    expect(english.riskTypes[0]).toMatchObject({ label: "Wildlife damage" });
    expect(english.reasons).toContain("risk factors remain: Wildlife damage");
  });

  it("households may record it only where the rule set has it; an unknown id keeps today's message", async () => {
    const yunnan = loadRuleSet("rules/yunnan");
    const contract = `"illness", "disaster", "disability", "lackOfLabor", "accident", "industryFailure", "unstableEmployment", "education", "other"`;
    expect(await rejection(household(), yunnan)).toEqual([
      { path: "/monitoring/riskTypes/0", message: `invalid value "wildlifeDamage": expected one of ${contract}` },
    ]);
    const misspelt = household();
    misspelt.monitoring.riskTypes = ["illness", "wildlifeDamages"];
    expect(await rejection(misspelt, overlay)).toEqual([
      {
        path: "/monitoring/riskTypes/1",
        message: `invalid value "wildlifeDamages": expected one of ${contract}, "wildlifeDamage"; did you mean "wildlifeDamage"?`,
      },
    ]);
    expect(await rejection(misspelt, overlay, "zh")).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^取值 "wildlifeDamages" 无效，应为以下之一：/) }),
    ]);
  });

  it("the service's OpenAPI document lists it among the ids a household may record", () => {
    const riskTypes = (ruleSet: ReturnType<typeof loadRuleSet>) =>
      JSON.stringify(
        (openApiDocument(ruleSet, "test") as { components: { schemas: Record<string, unknown> } }).components.schemas
          .Household,
      );
    expect(riskTypes(overlay)).toContain('"wildlifeDamage"');
    expect(riskTypes(loadRuleSet("rules/yunnan"))).not.toContain("wildlifeDamage");
  });

  it("explain names it with the overlay's label in both languages", async () => {
    const result = await screen(household(), { ruleSet: overlay, asOf: AS_OF, lang: "en", explain: true });
    const text = explanationText(result, overlay, "en");
    expect(text).toContain("  - Wildlife damage (wildlifeDamage, 08): monitoring records wildlife damage\n");
    expect(text).toContain(
      "  - Compensation for wildlife damage (province.wildlifeCompensation, 100A56, protective, suggested)",
    );
    expect(text).toContain("3+1: Food ok · Clothing ok · Compulsory education ok · Basic medical care ok");
    const zh = await screen(household(), { ruleSet: overlay, asOf: AS_OF, explain: true });
    expect(explanationText(zh, overlay, "zh")).toContain(
      "  - 因野生动物致害 (wildlifeDamage, 08): 监测记录登记了因野生动物致害\n",
    );
  });

  it("a rule or a fact naming a risk type or group the catalogue lacks is an error with a did-you-mean", () => {
    const copy = copyRules();
    const root = join(copy, "..");
    const dir = join(root, "province");
    // The overlay, copied beside the copied rules, extending them.
    for (const file of [
      "ruleset.json",
      "risk-types.json",
      "measures.json",
      "rules/assessment.json",
      "rules/plan.json",
    ]) {
      const target = join(dir, file);
      const text = readFileSync(join(OVERLAY, file), "utf8").replace('"../../../../rules/yunnan"', '"../rules/yunnan"');
      mkdirFor(target);
      writeFileSync(target, text);
    }
    editJson(join(dir, "rules/assessment.json"), (file) => {
      file.rules[0].event.params.riskType = "wildlifeDamag";
    });
    editJson(join(dir, "rules/plan.json"), (file) => {
      file.rules[0].conditions.all[0].params.id = "wildlifeDamge";
      file.rules[0].conditions.all[1].params.groups = ["100A65"];
    });
    const problems = loadError(dir).problems;
    expect(problems.map((p) => [p.path, p.message])).toEqual(
      expect.arrayContaining([
        ["/rules/0/event/params/riskType", 'unknown risk type "wildlifeDamag"; did you mean "wildlifeDamage"?'],
        ["/rules/0/conditions/all/0/params/id", 'unknown risk type "wildlifeDamge"; did you mean "wildlifeDamage"?'],
        [
          "/rules/0/conditions/all/1/params/groups/0",
          expect.stringMatching(/^measure group "100A65" is not defined in the groups of measures.json/),
        ],
      ]),
    );
    expect(problems.find((p) => p.path === "/rules/0/event/params/riskType")!.line).toBe(
      lineOf(join(dir, "rules/assessment.json"), '"wildlifeDamag"'),
    );
  });

  it("the CSV table, county tables and the monthly report use the overlay's labels", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-province-vocabulary-"));
    writeFileSync(join(dir, "h.ndjson"), JSON.stringify(household()) + "\n");
    const csv = join(dir, "r.csv");
    await cli([
      "screen",
      join(dir, "h.ndjson"),
      "--rules",
      OVERLAY,
      "--as-of",
      AS_OF,
      "--format",
      "csv",
      "--out",
      csv,
      "--quiet",
    ]);
    expect(readFileSync(csv, "utf8")).toContain(",因野生动物致害,");
    await cli([
      "screen",
      join(dir, "h.ndjson"),
      "--rules",
      OVERLAY,
      "--as-of",
      AS_OF,
      "--format",
      "csv",
      "--lang",
      "en",
      "--out",
      join(dir, "en.csv"),
      "--quiet",
    ]);
    expect(readFileSync(join(dir, "en.csv"), "utf8")).toContain(",Wildlife damage,");

    // County tables name the risk type by its Chinese label, read with the rule set's catalogue.
    const tables = householdsToTables([household()]);
    const column = tables.households.header.indexOf("riskTypes");
    tables.households.rows[0]![column] = "因野生动物致害";
    const tableDir = writeTables(join(dir, "tables"), tables);
    const fromTables = await cli(["screen", tableDir, "--rules", OVERLAY, "--as-of", AS_OF, "--quiet"]);
    expect(JSON.parse(fromTables.stdout).riskTypes[0]).toMatchObject({ id: "wildlifeDamage", code: "08" });
    const refused = await cli(["screen", tableDir, "--rules", "rules/yunnan", "--as-of", AS_OF, "--quiet"], 1);
    expect(refused.stderr).toContain('"因野生动物致害"');
    expect(refused.stderr).toContain("因病、因自然灾害、因残");

    // The report reads the table's labels back with the rule set (--rules), and shows its risk type and group.
    const out = join(dir, "report");
    await cli(["report", csv, "--rules", OVERLAY, "--out", out]);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.riskTypes).toEqual({ wildlifeDamage: { label: "因野生动物致害", count: 1 } });
    expect(report.riskTypeLabels.wildlifeDamage).toBe("因野生动物致害");
    expect(report.groupLabels["100A56"]).toBe("野生动物致害补偿");
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("因野生动物致害");
    expect(html).toContain("野生动物致害补偿");
    const english = join(dir, "report-en");
    await cli(["report", csv, "--rules", OVERLAY, "--out", english, "--lang", "en"]);
    expect(readFileSync(join(english, "report.html"), "utf8")).toContain("Wildlife damage");
    // Without the rule set, a label of its own cannot be read from the table: the message names the row.
    const unread = await cli(["report", csv, "--out", join(dir, "report-unread")], 2);
    expect(unread.stderr).toMatch(/r\.csv/);
    // The worklist reads the same table with --rules.
    await cli(["worklist", csv, "--rules", OVERLAY]);
  });
});

function mkdirFor(file: string): void {
  mkdirSync(join(file, ".."), { recursive: true });
}
