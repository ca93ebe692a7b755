import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { shiftDays, type IsoDate } from "../src/input/calendar-date.js";
import { daysBetween } from "../src/reporting/worklist.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * The worklist (工作清单) is checked against the households themselves, not against the code that
 * makes it: the tasks due and overdue are worked out here from each household's lead dates and the
 * rule set's days (10 to verify each open lead, 15 from the earliest open lead to identify a household
 * that is not monitored).
 */

const AS_OF = "2025-06-30" as IsoDate;
const VERIFY_DAYS = 10;
const IDENTIFY_DAYS = 15;

interface Lead {
  channel: string;
  department?: string | null;
  date: IsoDate;
  resolvedOn?: IsoDate | null;
}
interface Household {
  id: string;
  region: { village?: string };
  leads?: Lead[];
  monitoring?: { riskEliminatedOn?: string | null } | null;
}

let dir: string;
let households: Household[];
let results: { householdId: string; flag: string; followUp: { visitsPerWeek: number } | null; checks: unknown[] }[];

/** Rows of a worklist CSV (English headers) as objects. */
function worklistCsv(text: string): Record<string, string>[] {
  return parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { columns: true });
}

/** Tasks due by asOf + days or overdue, from the households' leads: "id verify leadDate dueBy daysLate". */
function expectedTasks(days: number): string[] {
  const horizon = shiftDays(AS_OF, days);
  const lines: string[] = [];
  for (const household of households) {
    const open = (household.leads ?? []).filter(
      (lead) => lead.date <= AS_OF && (lead.resolvedOn == null || lead.resolvedOn > AS_OF),
    );
    const tasks = open.map((lead) => ({ kind: "verify", lead, dueBy: shiftDays(lead.date, VERIFY_DAYS) }));
    const monitored = !!household.monitoring && !household.monitoring.riskEliminatedOn;
    if (open.length > 0 && !monitored) {
      const earliest = [...open].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0]!;
      tasks.push({ kind: "identify", lead: earliest, dueBy: shiftDays(earliest.date, IDENTIFY_DAYS) });
    }
    for (const task of tasks)
      if (task.dueBy <= horizon)
        lines.push(
          [
            household.id,
            task.kind,
            task.lead.date,
            task.dueBy,
            Math.max(0, daysBetween(task.dueBy, AS_OF)),
            household.region.village ?? "-",
          ].join(" "),
        );
  }
  return lines.sort();
}

/** The worklist of the NDJSON results and their rejections, as an English CSV. */
const englishWorklist = () =>
  runCliCaptured([
    "worklist",
    join(dir, "r.ndjson"),
    "--rejects",
    join(dir, "rejects-ndjson.ndjson"),
    "--format",
    "csv",
    "--lang",
    "en",
  ]);

function listedTasks(rows: Record<string, string>[]): string[] {
  const kinds: Record<string, string> = { verify: "verify", "complete identification": "identify" };
  return rows
    .filter((row) => row.work === "lead tasks")
    .map((row) =>
      [row.householdId, kinds[row.what!], row.leadDate, row.dueBy, row.daysLate || "0", row.village].join(" "),
    )
    .sort();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dixian-worklist-"));
  const generated = await runCliCaptured([
    "generate",
    "--households",
    "1500",
    "--seed",
    "11",
    "--as-of",
    AS_OF,
    "--quiet",
  ]);
  expect(generated.code).toBe(0);
  // One household the contract refuses, so the list has a rejected one to name.
  const bad = JSON.stringify({ id: "BAD-1", region: { village: "V01" } });
  writeFileSync(join(dir, "h.ndjson"), generated.stdout + bad + "\n");
  households = generated.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Household);
  for (const format of ["ndjson", "csv", "xlsx"]) {
    const screened = await runCliCaptured([
      "screen",
      join(dir, "h.ndjson"),
      "--rules",
      "rules/examples/xundian-lianhe",
      "--as-of",
      AS_OF,
      "--format",
      format,
      "--out",
      join(dir, `r.${format}`),
      "--rejects",
      join(dir, `rejects-${format}.ndjson`),
      "--quiet",
    ]);
    expect(screened.code, screened.stderr).toBe(1); // one household rejected
  }
  results = readFileSync(join(dir, "r.ndjson"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as (typeof results)[number]);
}, 240_000);

describe("dixian worklist", () => {
  it("lists exactly the tasks due within 7 days or overdue, worked out from the households' lead dates", async () => {
    const expected = expectedTasks(7);
    // The generated township has leads of the last six weeks: some overdue, some due, some later.
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.some((line) => !line.includes(" 0 "))).toBe(true);
    const { code, stdout, stderr } = await englishWorklist();
    expect(code, stderr).toBe(0);
    const rows = worklistCsv(stdout);
    expect(listedTasks(rows)).toEqual(expected);

    // --days widens the window; tasks due later than it never appear.
    const wider = await runCliCaptured([
      "worklist",
      join(dir, "r.ndjson"),
      "--days",
      "30",
      "--format",
      "csv",
      "--lang",
      "en",
    ]);
    expect(listedTasks(worklistCsv(wider.stdout))).toEqual(expectedTasks(30));
    expect(expectedTasks(30).length).toBeGreaterThan(expected.length);
  });

  it("names every household to visit, every elimination to start, every data check and the rejected household", async () => {
    const { stdout } = await englishWorklist();
    const rows = worklistCsv(stdout);
    const ids = (work: string) =>
      rows
        .filter((row) => row.work === work)
        .map((row) => row.householdId)
        .sort();
    const visited = results.filter((result) => (result.followUp?.visitsPerWeek ?? 0) > 0);
    expect(visited.length).toBeGreaterThan(0);
    expect(ids("visits")).toEqual(visited.map((result) => result.householdId).sort());
    for (const row of rows.filter((row) => row.work === "visits"))
      expect(row.visitsPerWeek).toBe(
        String(visited.find((result) => result.householdId === row.householdId)!.followUp!.visitsPerWeek),
      );
    expect(ids("start the elimination procedure")).toEqual(
      results
        .filter((result) => result.flag === "eliminate")
        .map((result) => result.householdId)
        .sort(),
    );
    expect(ids("data checks")).toEqual(results.flatMap((result) => result.checks.map(() => result.householdId)).sort());
    expect(rows.filter((row) => row.work === "rejected")).toEqual([
      expect.objectContaining({ householdId: "BAD-1", village: "", note: expect.stringContaining("/members") }),
    ]);
  });

  it("reads the CSV and XLSX tables screen wrote and lists the same work as from NDJSON", async () => {
    const fromNdjson = await runCliCaptured([
      "worklist",
      join(dir, "r.ndjson"),
      "--rejects",
      join(dir, "rejects-ndjson.ndjson"),
    ]);
    for (const format of ["csv", "xlsx"]) {
      const fromTable = await runCliCaptured(["worklist", join(dir, `r.${format}`)]);
      expect(fromTable.code, fromTable.stderr).toBe(0);
      expect(fromTable.stdout).toBe(fromNdjson.stdout);
    }
    expect(fromNdjson.stdout).toContain("工作清单（评估日 2025-06-30");
    expect(fromNdjson.stdout).toContain("不合格");
  });

  it("writes an XLSX whose dates are date cells and whose counts are numbers", async () => {
    const out = join(dir, "worklist.xlsx");
    const { code, stderr } = await runCliCaptured(["worklist", join(dir, "r.ndjson"), "--out", out]);
    expect(code, stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      "村",
      "事项",
      "户编号",
      "人数",
      "内容",
      "线索来源",
      "线索日期",
      "截止日期",
      "逾期天数",
      "每周走访次数",
      "类别",
      "说明",
    ]);
    const taskRow = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((row) => row.getCell(2).value === "线索任务" && Number(row.getCell(9).value) > 0)!;
    expect(taskRow.getCell(7).value).toBeInstanceOf(Date);
    expect(taskRow.getCell(8).value).toBeInstanceOf(Date);
    expect(typeof taskRow.getCell(9).value).toBe("number");
    expect(typeof taskRow.getCell(4).value).toBe("number");
  });

  it("is the second sheet of the results workbook screen writes", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, "r.xlsx"));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["筛查结果", "工作清单"]);
    const sheet = workbook.worksheets[1]!;
    const fromSheet = sheet
      .getRows(2, sheet.rowCount - 1)!
      .filter((row) => row.getCell(2).value === "线索任务")
      .map((row) => row.getCell(3).text)
      .sort();
    expect(fromSheet).toEqual(expectedTasks(7).map((line) => line.split(" ")[0]!));
  });

  it("refuses a file it cannot read and says which formats it takes", async () => {
    const odd = join(dir, "notes.txt");
    writeFileSync(odd, "这不是筛查结果\n");
    const { code, stderr } = await runCliCaptured(["worklist", odd]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/NDJSON.*CSV.*XLSX/s);
    const en = await runCliCaptured(["worklist", odd, "--lang", "en"]);
    expect(en.stderr).toMatch(/NDJSON.*CSV.*XLSX/s);
  });
});
