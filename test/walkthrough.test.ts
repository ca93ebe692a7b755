import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * docs/tables.md walks a township from its workbook to the results workbook, the week's list and
 * the month's report. This runs the commands of that page as written, in a folder holding a copy of
 * `fixtures/`, and checks that every output line the page shows is printed or written.
 */

const page = readFileSync("docs/tables.md", "utf8");
const repo = resolve(".");
let folder: string;
let printed = "";

/** The fenced block after each marker, as lines (the page indents some blocks inside a list). */
function blocksAfter(marker: string): string[][] {
  const blocks: string[][] = [];
  for (const part of page.split(`<!-- walkthrough: ${marker} -->`).slice(1)) {
    const fence = /^\s*```\w*\n([\s\S]*?)\n\s*```/.exec(part);
    if (!fence) throw new Error(`no fenced block after <!-- walkthrough: ${marker} -->`);
    blocks.push(
      fence[1]!
        .split("\n")
        .map((line) => line.replace(/^ {3}/, ""))
        .filter((line) => line.trim()),
    );
  }
  return blocks;
}

const commands = blocksAfter("commands").flat();

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "dixian-walkthrough-"));
  mkdirSync(join(folder, "fixtures"));
  cpSync("fixtures/workbook", join(folder, "fixtures", "workbook"), { recursive: true });
  process.chdir(folder);
  for (const command of commands) {
    const [program, ...args] = command.split(/\s+/);
    expect(program).toBe("dixian");
    const run = await runCliCaptured(args);
    expect(run.code, `${command}\n${run.stderr}`).toBe(0);
    printed += run.stdout + run.stderr;
  }
}, 240_000);

afterAll(() => process.chdir(repo));

describe("the walk-through of docs/tables.md", () => {
  it("has the four commands: screen to a workbook, the worklist twice, the report", () => {
    expect(commands.map((command) => command.split(" ")[1])).toEqual(["screen", "worklist", "worklist", "report"]);
  });

  it("prints every line the page shows (… ends a line shown in part)", () => {
    const lines = printed.split("\n").map((line) => line.trimEnd());
    const html = readFileSync(join(folder, "月报", "report.html"), "utf8").replace(/<[^>]+>/g, "\n");
    const shown = blocksAfter("output").flat();
    expect(shown.length).toBeGreaterThan(10);
    for (const line of shown) {
      const expected = line.trimEnd();
      const found = expected.endsWith("…")
        ? lines.some((printedLine) => printedLine.startsWith(expected.slice(0, -1)))
        : lines.includes(expected) || html.includes(expected.trim());
      expect(found, `not printed or written: ${expected}`).toBe(true);
    }
  });

  it("writes the results workbook with the week's work, the worklist workbook and the three report files", async () => {
    const results = new ExcelJS.Workbook();
    await results.xlsx.readFile(join(folder, "结果.xlsx"));
    expect(results.worksheets.map((sheet) => sheet.name)).toEqual(["筛查结果", "工作清单"]);
    expect(results.worksheets[0]!.rowCount).toBe(201);
    const worklist = new ExcelJS.Workbook();
    await worklist.xlsx.readFile(join(folder, "工作清单.xlsx"));
    expect(worklist.worksheets[0]!.rowCount).toBe(results.worksheets[1]!.rowCount);
    for (const file of ["report.html", "report.xlsx", "report.json"])
      expect(existsSync(join(folder, "月报", file))).toBe(true);
  });
});
