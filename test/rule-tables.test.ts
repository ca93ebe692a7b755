import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, screen } from "../src/index.js";
import { contractExample } from "./support/households.js";
import { copyRules, editJson, editText, lineOf, loadError } from "./support/rule-set-copy.js";

/** The seven disaster rules as they were written out before the decision table replaced them. */
const WRITTEN_OUT: Record<string, unknown>[] = JSON.parse(
  readFileSync("test/fixtures/rule-sets/disaster-rules-written-out.json", "utf8"),
).rules;

/** A copy of the shipped rules with the disaster table replaced by the seven rules written out. */
function writtenOutCopy(): string {
  const copy = copyRules();
  editJson(join(copy, "cn/rules/assessment.json"), (file) => {
    const at = file.rules.findIndex((rule: { id: string }) => rule.id === "risk.disaster");
    file.rules.splice(at, 1, ...WRITTEN_OUT);
  });
  return copy;
}

const tableFile = (copy: string) => join(copy, "cn/rules/assessment.json");

describe("decision tables: the disaster table", () => {
  it("makes exactly the seven rules it replaced, in their place, with the same hash", () => {
    const copy = writtenOutCopy();
    for (const name of ["cn", "yunnan", "examples/xundian-lianhe"]) {
      const table = loadRuleSet(`rules/${name}`);
      const written = loadRuleSet(join(copy, name));
      expect(table.rules).toEqual(written.rules);
      expect(table.hash).toBe(written.hash);
    }
    const cn = loadRuleSet("rules/cn");
    const ids = cn.rules.map((rule) => rule.id);
    expect(ids.slice(ids.indexOf("risk.illness"), ids.indexOf("risk.disability") + 1)).toEqual([
      "risk.illness",
      ...WRITTEN_OUT.map((rule) => rule.id),
      "risk.disability",
    ]);
    expect(ids).not.toContain("risk.disaster");
    const other = cn.rules.find((rule) => rule.id === "risk.disaster.other")!;
    expect(other).toEqual({ ...WRITTEN_OUT[6], stage: "assessment" });
    expect(other.conditions).toEqual({
      all: [
        expect.objectContaining({
          params: { type: "naturalDisaster", subtypes: ["other", null], withinMonths: { param: "riskWindowMonths" } },
        }),
      ],
    });
  });

  it("each row's rule is found where its row is written", () => {
    const file = "rules/cn/rules/assessment.json";
    const origin = loadRuleSet("rules/cn").origins.get("rule:risk.disaster.drought")!;
    expect(origin.path).toMatch(/^\/rules\/\d+\/table\/rows\/2$/);
    expect(origin.line).toBe(lineOf(file, `{ "id": "drought"`));
  });

  it("screens a flood and an event without a subtype as the written-out rules do", async () => {
    const household = contractExample();
    household.events = [
      { type: "naturalDisaster", subtype: "flood", date: "2025-03-02", loss: "8000" },
      { type: "naturalDisaster", date: "2025-04-02", loss: "100" },
    ];
    const options = { asOf: "2025-06-30", explain: true } as const;
    const table = await screen(household, { ...options, ruleSet: loadRuleSet("rules/yunnan") });
    const written = await screen(household, { ...options, ruleSet: loadRuleSet(join(writtenOutCopy(), "yunnan")) });
    expect(table).toEqual(written);
    expect(table.riskTypes.find((risk) => risk.id === "disaster")).toMatchObject({ code: "0201" });
    expect(table.explanation.filter((rule) => rule.rule.startsWith("risk.disaster.") && rule.status === "met")).toEqual(
      [
        expect.objectContaining({ rule: "risk.disaster.flood", label: "因自然灾害风险（洪涝）" }),
        expect.objectContaining({ rule: "risk.disaster.other", label: "因自然灾害风险（其他）" }),
      ],
    );
  });
});

describe("decision tables: problems name the file, the row or cell, and the line", () => {
  it("a bad cell is named at the cell, once", () => {
    const copy = copyRules();
    editText(tableFile(copy), `"code": "0203"`, `"code": "02x3"`);
    const problems = loadError(join(copy, "cn")).problems;
    const atCell = problems.filter((problem) => problem.path.endsWith("/table/rows/2/code"));
    expect(atCell).toEqual([
      expect.objectContaining({ file: tableFile(copy), line: lineOf(tableFile(copy), `"02x3"`) }),
    ]);
    expect(problems).toHaveLength(1);
  });

  it("a cell inside a list cell is named inside the cell", () => {
    const copy = copyRules();
    editText(tableFile(copy), `"subtypes": ["other", null]`, `"subtypes": ["other", 7]`);
    // The fact's params check the list: the path goes on inside the cell.
    const [problem] = loadError(join(copy, "cn")).problems;
    expect(problem).toMatchObject({
      path: expect.stringMatching(/\/table\/rows\/6\/subtypes\/1$/),
      line: lineOf(tableFile(copy), `"subtypes": ["other", 7]`),
    });
  });

  it("a slip in the table's rule is named once, in the rule, with a did-you-mean", () => {
    const copy = copyRules();
    editText(tableFile(copy), `"riskType": "disaster"`, `"riskType": "disastr"`);
    const problems = loadError(join(copy, "cn")).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/^\/rules\/1\/event\/params\/riskType$/),
        line: lineOf(tableFile(copy), `"disastr"`),
        message: expect.stringMatching(/"disastr".*; did you mean "disaster"\?$/),
      }),
    ]);
  });

  it("an unknown column, a row without a cell, an unknown cell and a repeated row id", () => {
    const copy = copyRules();
    const file = tableFile(copy);
    editText(file, `"code": "{{code}}"`, `"code": "{{cod}}"`);
    expect(loadError(join(copy, "cn")).problems).toEqual([
      expect.objectContaining({
        file,
        path: "/rules/1/event/params/code",
        line: lineOf(file, `{{cod}}`),
        message: expect.stringMatching(/^decision table "risk.disaster" has no column "cod".*did you mean "code"\?$/),
      }),
    ]);
    editText(file, `"code": "{{cod}}"`, `"code": "{{code}}"`);
    editText(file, `"code": "0204", `, ``);
    editText(file, `"sufferedEn": "a drought disaster"`, `"sufferdEn": "a drought disaster"`);
    editText(file, `{ "id": "meteorological"`, `{ "id": "flood"`);
    const problems = loadError(join(copy, "cn"), "zh").problems;
    expect(problems.map((p) => [p.path, p.line, p.message])).toEqual([
      [
        "/rules/1/table/rows/2/sufferdEn",
        lineOf(file, `"sufferdEn"`),
        '判定表 "risk.disaster" 没有列 "sufferdEn"：请先在 table.columns 中说明这一列；你是否想写 "sufferedEn"？',
      ],
      [
        "/rules/1/table/rows/2",
        lineOf(file, `{ "id": "drought"`),
        '判定表 "risk.disaster" 的行 "drought" 缺少列 "sufferedEn"（该列没有 default）',
      ],
      [
        "/rules/1/table/rows/3",
        lineOf(file, `{ "id": "biological"`),
        '判定表 "risk.disaster" 的行 "biological" 缺少列 "code"（该列没有 default）',
      ],
      [
        "/rules/1/table/rows/4/id",
        lineOf(file, `{ "id": "flood", "subtypes": ["meteorological"]`),
        '判定表 "risk.disaster" 中行标识 "flood" 重复（第 1 行已用过）',
      ],
    ]);
  });

  it("a row whose rule id another rule of the layer has", () => {
    const copy = copyRules();
    editJson(tableFile(copy), (file) => {
      file.rules.push({ ...WRITTEN_OUT[0], id: "risk.disaster.earthquake" });
    });
    const [problem] = loadError(join(copy, "cn")).problems;
    expect(problem).toMatchObject({
      path: expect.stringMatching(/^\/rules\/\d+\/id$/),
      message: 'duplicate rule id "risk.disaster.earthquake"',
    });
  });

  it("a small file cannot make rules without bound: the values a table makes are limited", () => {
    const copy = copyRules();
    editJson(tableFile(copy), (file) => {
      const table = file.rules[1];
      // A default list of 1000 values in every row's rule, over 5000 rows: 5 million values from a few kilobytes.
      table.table.columns.subtypes.default = Array.from({ length: 1000 }, () => "flood");
      table.table.rows = Array.from({ length: 5000 }, (_, i) => ({
        id: `r${i}`,
        code: "0201",
        name: "洪涝",
        suffered: "洪涝",
        sufferedEn: "a flood",
      }));
    });
    const started = performance.now();
    expect(loadError(join(copy, "cn")).problems).toEqual([
      expect.objectContaining({
        path: "/rules/1/table/rows",
        message: expect.stringContaining("more than 2000000 values"),
      }),
    ]);
    expect(performance.now() - started).toBeLessThan(20_000); // bounded, not a benchmark
  });

  it("a list put into a text, and a table without rows", () => {
    const copy = copyRules();
    editText(tableFile(copy), `遭受{{suffered}}`, `遭受{{subtypes}}`);
    expect(loadError(join(copy, "cn")).problems[0]).toMatchObject({
      path: "/rules/1/table/rows/0/subtypes",
      message: expect.stringContaining(`must be a whole value, written "{{subtypes}}"`),
    });
    editJson(tableFile(copy), (file) => {
      file.rules[1].table.rows = [];
    });
    expect(loadError(join(copy, "cn")).problems[0]).toMatchObject({ path: "/rules/1/table/rows" });
  });
});

describe("decision tables in overlays", () => {
  /** An overlay on the copied yunnan with one rules file. */
  function overlay(copy: string, rules: unknown[]): string {
    const dir = join(copy, "county");
    mkdirSync(join(dir, "rules"), { recursive: true });
    writeFileSync(
      join(dir, "ruleset.json"),
      JSON.stringify({ id: "county", version: "1", extends: "../yunnan", description: { zh: "县" } }),
    );
    writeFileSync(join(dir, "rules/assessment.json"), JSON.stringify({ stage: "assessment", rules }, null, 2));
    return dir;
  }

  it("disables one rule of the table by its id, and replaces another", async () => {
    const dir = overlay(copyRules(), [
      { id: "risk.disaster.drought", disabled: true, reason: "本县旱灾另有规则" },
      { ...WRITTEN_OUT[0], event: { type: "risk", params: { riskType: "disaster", code: "0299" } } },
    ]);
    const county = loadRuleSet(dir);
    const yunnan = loadRuleSet("rules/yunnan");
    expect(county.rules.map((rule) => rule.id)).toEqual(
      yunnan.rules.map((rule) => rule.id).filter((id) => id !== "risk.disaster.drought"),
    );
    expect(county.disabled).toContainEqual(
      expect.objectContaining({ kind: "rule", id: "risk.disaster.drought", by: "county" }),
    );
    const household = contractExample();
    household.events = [
      { type: "naturalDisaster", subtype: "drought", date: "2025-03-02", loss: "8000" },
      { type: "naturalDisaster", subtype: "flood", date: "2025-03-02", loss: "8000" },
    ];
    const result = await screen(household, { ruleSet: county, asOf: "2025-06-30" });
    expect(result.riskTypes.find((risk) => risk.id === "disaster")).toMatchObject({
      code: "0299",
      reason: "近 12 个月内遭受洪涝",
    });
  });

  it("a county's own table replaces the inherited rules its rows name", () => {
    const table = JSON.parse(readFileSync("rules/cn/rules/assessment.json", "utf8")).rules[1];
    table.table.rows = table.table.rows.filter((row: { id: string }) => row.id === "earthquake");
    table.table.rows[0].code = "0299";
    const county = loadRuleSet(overlay(copyRules(), [table]));
    const earthquake = county.rules.find((rule) => rule.id === "risk.disaster.earthquake")!;
    expect(earthquake.event).toEqual({ type: "risk", params: { riskType: "disaster", code: "0299" } });
    expect(county.rules.filter((rule) => rule.id.startsWith("risk.disaster."))).toHaveLength(7);
    expect(county.ownLayer.rules).toEqual(["risk.disaster.earthquake"]);
  });
});
