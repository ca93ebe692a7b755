import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * `dixian report` reads what `dixian screen` wrote, in any of its formats, and `screen --report`
 * writes the same report in the same run. The township, its households and their leads come from
 * `dixian generate`; the counts are checked against the households themselves.
 */

const AS_OF = "2025-06-30";
const RULES = "rules/examples/xundian-lianhe";
let dir: string;
let households: { id: string; householdType: string; members: unknown[]; monitoring?: unknown }[];

/** report.json without what names the file it was made from. */
function reportOf(out: string) {
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
  delete report.source;
  return report;
}

async function cli(args: string[], expectedCode = 0) {
  const run = await runCliCaptured(args);
  expect(run.code, run.stderr).toBe(expectedCode);
  return run;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dixian-report-inputs-"));
  const generated = await cli(["generate", "--households", "800", "--seed", "5", "--as-of", AS_OF, "--quiet"]);
  households = generated.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  // Two households the contract refuses: the report counts them and the worklist names them.
  const bad = [
    JSON.stringify({ id: "BAD-1", region: { province: "530000", county: "530129" } }),
    JSON.stringify({ id: "BAD-2", householdType: "poor" }),
  ];
  writeFileSync(join(dir, "h.ndjson"), generated.stdout + bad.join("\n") + "\n");
  for (const format of ["ndjson", "csv", "xlsx"])
    await cli(
      [
        "screen",
        join(dir, "h.ndjson"),
        "--rules",
        RULES,
        "--as-of",
        AS_OF,
        "--format",
        format,
        "--out",
        join(dir, `r.${format}`),
        "--rejects",
        join(dir, `rejects-${format}.ndjson`),
        "--quiet",
        ...(format === "ndjson" ? ["--report", join(dir, "same-run")] : []),
      ],
      1,
    );
  await cli([
    "report",
    join(dir, "r.ndjson"),
    "--rejects",
    join(dir, "rejects-ndjson.ndjson"),
    "--out",
    join(dir, "from-ndjson"),
  ]);
  await cli(["report", join(dir, "r.csv"), "--out", join(dir, "from-csv")]);
  await cli(["report", join(dir, "r.xlsx"), "--out", join(dir, "from-xlsx")]);
}, 240_000);

describe("dixian report from any results file", () => {
  it("gives the same report from NDJSON, the CSV table and the XLSX workbook", () => {
    const fromNdjson = reportOf(join(dir, "from-ndjson"));
    for (const format of ["csv", "xlsx"]) {
      const fromTable = reportOf(join(dir, `from-${format}`));
      // Tables have no county column: the only thing they cannot give back.
      expect(fromTable.area.counties).toEqual([]);
      expect({ ...fromTable, area: { ...fromTable.area, counties: fromNdjson.area.counties } }).toEqual(fromNdjson);
    }
  });

  it("is written by screen --report in the same run, as from the file screen wrote", () => {
    expect(reportOf(join(dir, "same-run"))).toEqual(reportOf(join(dir, "from-ndjson")));
    expect(readFileSync(join(dir, "same-run", "report.html"), "utf8")).toContain('<section id="worklist">');
  });

  it("counts the census: households in the input and screened, general against formerly poor and monitored", () => {
    const report = reportOf(join(dir, "from-ndjson"));
    expect(report.input).toEqual({ households: households.length + 2, rejected: 2 });
    expect(report.households).toBe(households.length);
    const people = (list: typeof households) => list.reduce((sum, household) => sum + household.members.length, 0);
    const results = readFileSync(join(dir, "r.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const monitoredIds = new Set(
      results.filter((result) => result.flag === "continue" || result.flag === "eliminate").map((r) => r.householdId),
    );
    const monitored = households.filter((household) => monitoredIds.has(household.id));
    const rest = households.filter((household) => !monitoredIds.has(household.id));
    const formerlyPoor = rest.filter((household) => household.householdType === "formerlyPoor");
    const general = rest.filter((household) => household.householdType === "general");
    expect(report.census).toEqual({
      general: { households: general.length, people: people(general) },
      formerlyPoor: { households: formerlyPoor.length, people: people(formerlyPoor) },
      monitored: { households: monitored.length, people: people(monitored) },
    });
    expect(report.people).toBe(people(households));
  });

  it("follows the pipeline from leads to elimination and sums the visits a week", () => {
    const report = reportOf(join(dir, "from-ndjson"));
    const results = readFileSync(join(dir, "r.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const count = (keep: (result: any) => boolean) => {
      const kept = results.filter(keep);
      return { households: kept.length, people: kept.reduce((sum, r) => sum + r.householdSize, 0) };
    };
    expect(report.pipeline).toEqual({
      leads: count((r) => r.leadCounts.open + r.leadCounts.resolved > 0),
      verified: count((r) => r.leadCounts.resolved > 0),
      identified: count((r) => r.flag === "identify"),
      measuresInPlace: count(
        (r) => (r.flag === "identify" || r.flag === "continue") && r.measures.some((m: any) => m.inPlace),
      ),
      toEliminate: count((r) => r.flag === "eliminate"),
    });
    expect(report.pipeline.leads.households).toBeGreaterThan(0);
    const visited = results.filter((r) => (r.followUp?.visitsPerWeek ?? 0) > 0);
    expect(report.visits.households).toBe(visited.length);
    expect(report.visits.perWeek).toBe(visited.reduce((sum, r) => sum + r.followUp.visitsPerWeek, 0));
  });

  it("says in the page how many were in the input and rejected, names measure groups and lists the category of each elimination", () => {
    const html = readFileSync(join(dir, "from-csv", "report.html"), "utf8");
    expect(html).toMatch(/<p id="input">输入 \d+户，已筛查 \d+户\d+人，不合格 2 户/);
    expect(html).toContain('<section id="coverage">');
    expect(html).toContain('<section id="pipeline">');
    expect(html).toContain('<section id="visits">');
    expect(html).toContain("产业帮扶 <code>100A39</code>");
    const report = reportOf(join(dir, "from-csv"));
    for (const household of report.toEliminate)
      expect(household.category).toMatch(/^(unstableFormerlyPoor|marginal|suddenHardship)$/);
    // The rejected households are named in the worklist, with the reason.
    const rejected = Object.values(report.worklist.villages as Record<string, { kind: string; householdId: string }[]>)
      .flat()
      .filter((item) => item.kind === "rejected")
      .map((item) => item.householdId);
    expect(rejected.sort()).toEqual(["BAD-1", "BAD-2"]);
  });

  it("takes last month's results in any format too", async () => {
    await cli(["report", join(dir, "r.csv"), "--previous", join(dir, "r.xlsx"), "--out", join(dir, "with-previous")]);
    const changes = reportOf(join(dir, "with-previous")).changes;
    // The same results twice: every household stays where it was.
    expect(changes.newIdentifications).toEqual([]);
    const transitions = changes.transitions as Record<string, Record<string, number>>;
    for (const [from, row] of Object.entries(transitions))
      for (const [to, count] of Object.entries(row)) if (from !== to) expect(count).toBe(0);
  });

  it("names in its header every value set by hand with --set", async () => {
    await cli(
      [
        "screen",
        join(dir, "h.ndjson"),
        "--rules",
        "builtin:yunnan",
        "--as-of",
        AS_OF,
        "--set",
        "threshold=9100",
        "--out",
        join(dir, "set.ndjson"),
        "--report",
        join(dir, "set-report"),
        "--quiet",
      ],
      1,
    );
    const report = reportOf(join(dir, "set-report"));
    expect(report.parameters).toEqual([
      expect.objectContaining({ name: "threshold", value: "9100", status: "set", source: "--set threshold=9100" }),
    ]);
    expect(readFileSync(join(dir, "set-report", "report.html"), "utf8")).toMatch(/<p id="parameters">[^<]*9100/);
    // The same header from the file alone: the shipped rule set is found by its hash.
    await cli(["report", join(dir, "set.ndjson"), "--out", join(dir, "set-from-file")]);
    expect(reportOf(join(dir, "set-from-file")).parameters).toEqual(report.parameters);
  });

  it("names in its header a county's own values and their status", async () => {
    await cli(
      [
        "screen",
        join(dir, "h.ndjson"),
        "--rules",
        "test/fixtures/yunnan-2026-provisional",
        "--as-of",
        "2026-06-30",
        "--out",
        join(dir, "2026.ndjson"),
        "--quiet",
      ],
      1,
    );
    await cli([
      "report",
      join(dir, "2026.ndjson"),
      "--rules",
      "test/fixtures/yunnan-2026-provisional",
      "--out",
      join(dir, "2026-report"),
    ]);
    const report = reportOf(join(dir, "2026-report"));
    expect(report.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "threshold", value: "9000", status: "provisional" }),
        expect.objectContaining({ name: "dibaoStandard", value: "6000", status: "provisional" }),
      ]),
    );
    expect(readFileSync(join(dir, "2026-report", "report.html"), "utf8")).toContain("测试县 2026 年认定标准");
  });

  it("refuses a file it cannot read, saying which formats it takes", async () => {
    writeFileSync(join(dir, "notes.txt"), "月度情况说明\n");
    const { stderr } = await cli(["report", join(dir, "notes.txt"), "--out", join(dir, "never")], 2);
    expect(stderr).toMatch(/NDJSON.*CSV.*XLSX/s);
    const header = await cli(["report", join(dir, "h.ndjson"), "--out", join(dir, "never")], 2);
    expect(header.stderr).not.toBe("");
  });

  it("screen --report needs --out, so the report is made from a file that stays", async () => {
    const { stderr } = await cli(
      ["screen", join(dir, "h.ndjson"), "--rules", RULES, "--as-of", AS_OF, "--report", join(dir, "x")],
      2,
    );
    expect(stderr).toContain("--out");
  });
});
