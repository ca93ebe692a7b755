import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { applyOverrides, loadRuleSet, screen } from "../src/index.js";
import { validateHousehold } from "../src/input/validate-household.js";
import { leadSummaryHtml } from "../src/reporting/lead-summary.js";
import { MonthlyReportBuilder } from "../src/reporting/monthly-report.js";
import { contractExample } from "./support/households.js";
import { copyRules, editJson, loadError } from "./support/rule-set-copy.js";
import { runCliCaptured } from "./support/run-cli.js";

const yunnan = loadRuleSet("rules/yunnan");
const issuesOf = (input: unknown) => {
  const result = validateHousehold(input, "2025-06-30", "en");
  return result.ok ? [] : result.issues.map((issue) => `${issue.path} ${issue.message}`);
};
/** The contract example, not monitored and comfortably above the line, so only its leads matter. */
function comfortable(leads: unknown[]) {
  const household = contractExample();
  household.monitoring = null;
  household.income.wage = "40000";
  household.expenses = {};
  household.events = [];
  household.members[0].illness = "none";
  household.leads = leads;
  return household;
}

describe("leads (CONTRACT v2)", () => {
  it("are validated: channel, department exactly for sector warnings, dates, lengths, unknown keys, at most 100", () => {
    expect(
      issuesOf(
        comfortable([
          {
            channel: "sectorWarning",
            department: "medicalSecurity",
            date: "2025-06-20",
            code: "YB-1",
            note: "自付较高",
            resolvedOn: null,
          },
        ]),
      ),
    ).toEqual([]);
    expect(
      issuesOf(
        comfortable([
          { channel: "sectorWarning", date: "2025-06-20" },
          { channel: "cadreVisit", department: "housing", date: "2025-06-20" },
          { channel: "hotline", date: "2025-06-20" },
          { channel: "selfApplication", date: "2025-06-20", resolvedOn: "2025-06-19" },
          { channel: "selfApplication", date: "2025-02-30" },
          { channel: "selfApplication", date: "2025-06-20", code: "x".repeat(65), note: "y".repeat(501) },
          { channel: "selfApplication", date: "2025-06-20", resolved: "2025-06-21" },
        ]),
      ),
    ).toEqual([
      "/leads/0/department department is required when channel is sectorWarning",
      "/leads/1/department department is only for sectorWarning leads",
      expect.stringMatching(/^\/leads\/2\/channel /),
      "/leads/3/resolvedOn resolvedOn is before the lead's date",
      expect.stringMatching(/^\/leads\/4\/date .*not a real calendar date/),
      "/leads/5/code at most 64 characters",
      "/leads/5/note at most 500 characters",
      expect.stringMatching(/^\/leads\/6 unknown field: "resolved"; did you mean "resolvedOn"\?/),
    ]);
    expect(
      issuesOf(comfortable(Array.from({ length: 101 }, () => ({ channel: "cadreVisit", date: "2025-06-01" })))),
    ).toEqual(["/leads at most 100 entries, not 101"]);
  });

  it("follow the same rules in the published JSON Schema", () => {
    const validate = new Ajv2020({ strict: false }).compile(
      JSON.parse(readFileSync("schema/household.schema.json", "utf8")),
    );
    const valid = (leads: unknown[]) => validate(comfortable(leads));
    expect(
      valid([
        { channel: "sectorWarning", department: "water", date: "2025-06-01", resolvedOn: null },
        { channel: "cadreVisit", date: "2025-06-01" },
      ]),
    ).toBe(true);
    expect(valid([{ channel: "sectorWarning", date: "2025-06-01" }])).toBe(false);
    expect(valid([{ channel: "publicReport", department: "water", date: "2025-06-01" }])).toBe(false);
    expect(valid([{ channel: "publicReport", date: "2025-06-01", extra: 1 }])).toBe(false);
  });

  it("give a verify task per open lead (10 days) and, before identification, one identify task from the earliest (15 days), in lead order, with reasons in both languages", async () => {
    const household = comfortable([
      { channel: "publicReport", date: "2025-07-01" },
      { channel: "sectorWarning", department: "education", date: "2025-06-15", code: "JY-9" },
      { channel: "cadreVisit", date: "2025-05-01", resolvedOn: "2025-06-30" },
      { channel: "selfApplication", date: "2025-06-30", resolvedOn: "2025-07-01" },
    ]);
    const zh = await screen(household, { ruleSet: yunnan, asOf: "2025-06-30" });
    expect(zh.flag).toBe("watch");
    // Verify each lead within 10 days; complete the household's identification within 15 days of the
    // earliest open lead (docs/policy.md#s4-3); tasks by lead.
    expect(zh.tasks).toEqual([
      {
        kind: "verify",
        channel: "sectorWarning",
        department: "education",
        leadDate: "2025-06-15",
        dueBy: "2025-06-25",
        overdue: true,
        reason: "部门筛查预警（教育）线索（2025-06-15）应在 10 天内入户核实，截止 2025-06-25（已逾期）",
      },
      {
        kind: "identify",
        channel: "sectorWarning",
        department: "education",
        leadDate: "2025-06-15",
        dueBy: "2025-06-30",
        overdue: false,
        reason:
          "部门筛查预警（教育）线索（2025-06-15）起 15 天内完成识别认定（其中村内公示不少于 5 天），截止 2025-06-30",
      },
      {
        kind: "verify",
        channel: "selfApplication",
        department: null,
        leadDate: "2025-06-30",
        dueBy: "2025-07-10",
        overdue: false,
        reason: "农户自主申报线索（2025-06-30）应在 10 天内入户核实，截止 2025-07-10",
      },
    ]);
    expect(zh.checks.map((check) => check.id)).toContain("check.leadOverdue");
    expect(zh.checks.map((check) => check.id)).not.toContain("check.identificationOverdue");
    const en = await screen(household, { ruleSet: yunnan, asOf: "2025-07-01", lang: "en" });
    expect(en.tasks.map((task) => [task.kind, task.channel, task.overdue])).toEqual([
      ["verify", "publicReport", false],
      ["verify", "sectorWarning", true],
      ["identify", "sectorWarning", true],
    ]);
    expect(en.tasks[1]!.reason).toBe(
      "sector warning (education) lead of 2025-06-15: verify within 10 days, by 2025-06-25 (overdue)",
    );
    expect(en.checks.map((check) => check.id)).toEqual(
      expect.arrayContaining(["check.leadOverdue", "check.identificationOverdue"]),
    );
    expect((await screen(comfortable([]), { ruleSet: yunnan, asOf: "2025-06-30" })).tasks).toEqual([]);
  });

  it("take the days to verify from the rule set", async () => {
    const rules = copyRules();
    editJson(join(rules, "cn/parameters.json"), (parameters) => {
      parameters.verifyWithinDays.values[0].value = 5;
    });
    const result = await screen(comfortable([{ channel: "dataAnalysis", date: "2025-06-20" }]), {
      ruleSet: loadRuleSet(join(rules, "yunnan")),
      asOf: "2025-06-30",
    });
    expect(result.tasks.map((task) => [task.kind, task.dueBy, task.overdue])).toEqual([
      ["verify", "2025-06-25", true],
      ["identify", "2025-07-05", false],
    ]);
  });

  it("are read from leads.csv in table input, and a bad cell is named by file, row and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-leads-"));
    cpSync("fixtures/tables", dir, { recursive: true });
    writeFileSync(
      join(dir, "leads.csv"),
      [
        "户编号,线索来源,预警部门,线索日期,预警编号,说明,核实办结日期",
        "TB-003,sectorWarning,humanResources,2025-06-20,RS-7,失业登记,",
        "TB-003,cadreVisit,,2025-05-02,,,2025-05-09",
      ].join("\n") + "\n",
    );
    const ok = await runCliCaptured(["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--quiet", dir]);
    expect(ok.code).toBe(0);
    const third = JSON.parse(ok.stdout.trim().split("\n")[2]!);
    expect(third.tasks).toEqual([
      expect.objectContaining({
        kind: "verify",
        channel: "sectorWarning",
        department: "humanResources",
        leadDate: "2025-06-20",
        dueBy: "2025-06-30",
      }),
      expect.objectContaining({
        kind: "identify",
        channel: "sectorWarning",
        department: "humanResources",
        leadDate: "2025-06-20",
        dueBy: "2025-07-05",
        overdue: false,
      }),
    ]);
    writeFileSync(
      join(dir, "leads.csv"),
      "householdId,channel,department,date,code,note,resolvedOn\nTB-001,sectorWarning,,2025-06-20,,,\n",
    );
    const bad = await runCliCaptured(["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("leads.csv 第 2 行 预警部门（department）列：部门筛查预警线索须填写预警部门");
  });

  it("are read from leads.csv with the contract's Chinese labels and dates as Excel shows them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-leads-"));
    cpSync("fixtures/tables", dir, { recursive: true });
    const codes = [
      "householdId,channel,department,date,code,note,resolvedOn",
      "TB-003,sectorWarning,humanResources,2025-06-20,RS-7,,",
      "TB-003,cadreVisit,,2025-05-02,,,2025-05-09",
    ];
    const labels = [
      "户编号,线索来源,预警部门,线索日期,预警编号,说明,核实办结日期",
      "TB-003,部门筛查预警,人社,2025/6/20,RS-7,,",
      "TB-003,干部排查,,2025/5/2,,,2025/5/9",
    ];
    const screened: string[] = [];
    for (const lines of [codes, labels]) {
      writeFileSync(join(dir, "leads.csv"), lines.join("\n") + "\n");
      const run = await runCliCaptured(["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--quiet", dir]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      screened.push(run.stdout);
    }
    expect(screened[1]).toBe(screened[0]);
    expect(JSON.parse(screened[1]!.trim().split("\n")[2]!).tasks).toEqual([
      expect.objectContaining({
        kind: "verify",
        channel: "sectorWarning",
        department: "humanResources",
        leadDate: "2025-06-20",
      }),
      expect.objectContaining({
        kind: "identify",
        channel: "sectorWarning",
        department: "humanResources",
        leadDate: "2025-06-20",
      }),
    ]);
    // The CSV for people names the task by its channel and department labels.
    for (const [language, column, text] of [
      [
        "zh",
        "线索任务",
        "入户核实 部门筛查预警（人社） 2025-06-20 限 2025-06-30\n完成识别认定 部门筛查预警（人社） 2025-06-20 限 2025-07-05",
      ],
      [
        "en",
        "tasks",
        "verify sector warning (human resources) 2025-06-20 due 2025-06-30\ncomplete identification sector warning (human resources) 2025-06-20 due 2025-07-05",
      ],
    ] as const) {
      const csv = await runCliCaptured([
        "screen",
        "--rules",
        "rules/yunnan",
        "--as-of",
        "2025-06-30",
        "--quiet",
        "--format",
        "csv",
        "--lang",
        language,
        dir,
      ]);
      const rows = parse<Record<string, string>>(csv.stdout, { bom: true, columns: true });
      expect(rows[2]![column]).toBe(text);
    }
  });

  it("keep their channel, department and dates through dixian anonymize, but not their note or warning code", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-leads-export-"));
    cpSync("fixtures/county-export", dir, { recursive: true });
    writeFileSync(
      join(dir, "leads.csv"),
      "householdId,channel,department,date,code,note,resolvedOn\n530129-LH-0102,sectorWarning,medicalSecurity,2025-06-20,YB-530129197204153011,张某某住院,\n",
    );
    const { stdout } = await runCliCaptured(["anonymize", "--salt", "county-secret-2025", dir]);
    expect(stdout).not.toMatch(/张某某|YB-530129197204153011/);
    expect(JSON.parse(stdout.trim()).leads).toEqual([
      { channel: "sectorWarning", department: "medicalSecurity", date: "2025-06-20" },
    ]);
  });

  it("are counted in the report: open and overdue, by channel and department", async () => {
    const builder = new MonthlyReportBuilder("results.ndjson", null);
    const leads = [
      { channel: "sectorWarning", department: "medicalSecurity", date: "2025-06-01" },
      { channel: "sectorWarning", department: "medicalSecurity", date: "2025-06-25" },
      { channel: "sectorWarning", department: "water", date: "2025-06-20" },
      { channel: "selfApplication", date: "2025-06-10" },
    ];
    builder.add(await screen(comfortable(leads), { ruleSet: yunnan, asOf: "2025-06-30" }));
    builder.add(await screen(comfortable([]), { ruleSet: yunnan, asOf: "2025-06-30" }));
    const report = builder.build();
    expect(report.leads).toEqual({
      households: 1,
      open: 4,
      overdue: 2,
      byChannel: {
        selfApplication: { open: 1, overdue: 1 },
        sectorWarning: { open: 3, overdue: 1 },
        cadreVisit: { open: 0, overdue: 0 },
        publicReport: { open: 0, overdue: 0 },
        dataAnalysis: { open: 0, overdue: 0 },
      },
      byDepartment: { medicalSecurity: { open: 2, overdue: 1 }, water: { open: 1, overdue: 0 } },
    });
    const html = leadSummaryHtml(report.leads, "zh");
    expect(html).toContain("有未办结线索的农户 1户 · 未办结 4 · 已逾期 2");
    expect(html).toContain('<td>&nbsp;&nbsp;部门筛查预警（医保）</td><td class="num">2</td><td class="num">1</td>');
  });
});

describe("optional parameters", () => {
  it("may have no value; a parameter that is not optional needs one", () => {
    const rules = copyRules();
    editJson(join(rules, "cn/parameters.json"), (parameters) => {
      parameters.dibaoEdgeMultiplier.values = [];
    });
    expect(loadError(join(rules, "cn")).problems.map((problem) => problem.message)).toContain(
      'a parameter needs at least one value, unless it is optional ("optional": true)',
    );
  });

  it("take a value from --set, and dixian validate --as-of does not ask for one", async () => {
    const household = comfortable([]);
    household.income = { ...household.income, wage: "3000", business: "0", transfer: "1700" };
    household.livingConditions.housing = { safetyLevel: "D" };
    const result = await screen(household, {
      ruleSet: applyOverrides(yunnan, { dibaoStandard: "3800" }),
      asOf: "2025-06-30",
    });
    expect(result.ruleSet.overrides).toEqual({ dibaoStandard: "3800" });
    expect(result.measures.find((m) => m.id === "protection.dibao")?.reason).toContain("不高于低保标准 3800.00 元");
    const validate = await runCliCaptured(["validate", "--as-of", "2025-06-30", "rules/yunnan"]);
    expect(validate.code).toBe(0);
    expect(validate.stdout + validate.stderr).not.toMatch(/dibaoStandard" has no value/);
  });

  it("are named by dixian test --coverage when no test could give their rules a value", async () => {
    // Without the tests that set a 低保 standard (`set`), the rules that need one never apply.
    const rules = copyRules();
    rmSync(join(rules, "cn/tests/version-3.json"));
    const { code, stdout } = await runCliCaptured(["test", "--coverage", "--lang", "en", join(rules, "cn")]);
    expect(stdout).toContain(
      "coverage: 8 rule(s) never applied, an optional parameter having no value: measure.tekun, referral.tekun.onDibao, measure.dibaoStandard.dibao, measure.dibaoStandard.edge, measure.rigidSpending, referral.rigidSpending, referral.noLabor.aboveEdge, referral.socialAssistance.watch",
    );
    // Rules only those tests fire are missing too, which fails the coverage.
    expect(stdout).toContain("cn: flag.watch.guaranteeProblem");
    expect(code).toBe(1);
    const full = await runCliCaptured(["test", "--coverage", "--lang", "en", "rules/cn"]);
    expect(full.stdout).not.toContain("never applied");
    expect(full.code).toBe(0);
  });

  it("leave out the rules using them until a layer gives a value", async () => {
    const household = comfortable([]);
    household.income = { ...household.income, wage: "3000", business: "0", transfer: "1700" };
    household.livingConditions.housing = { safetyLevel: "D" };
    const without = await screen(household, { ruleSet: yunnan, asOf: "2025-06-30", explain: true });
    expect(without.flag).toBe("identify");
    expect(without.measures.map((m) => m.id)).not.toContain("protection.dibao");
    const withStandard = await screen(household, {
      ruleSet: loadRuleSet("test/fixtures/yunnan-dibao"),
      asOf: "2025-06-30",
      explain: true,
    });
    expect(withStandard.measures.find((m) => m.id === "protection.dibao")?.reason).toBe(
      "人均纯收入 3800.00 元不高于低保标准 5400.00 元，纳入低保（待民政部门核定）",
    );
    expect(withStandard.explanation.filter((rule) => rule.parametersWithoutValue)).toEqual([]);
  });
});
