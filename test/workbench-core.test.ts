import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { InputFormatError, type SourceItem } from "../src/sources/read-households.js";
import { readTableSources } from "../src/sources/table-input.js";
import { generateHouseholds } from "../src/population/generate-households.js";
import { loadRuleSet } from "../src/rulesets/load.js";
import { csvTextRows, openMemoryTables, type MemoryFile } from "../src/sources/memory-tables.js";
import { tableHouseholdSources } from "../src/sources/table-rows.js";
import { decodeTableBytes, webGb18030 } from "../src/sources/text-encoding.js";
import { workbookFile } from "../src/results/portable-workbook.js";
import { CountyValueError, missingParameter, workbenchRuleSet } from "../src/workbench/county-values.js";
import { resultsWorkbook, screenWorkbenchFiles } from "../src/workbench/screen-files.js";
import { exampleTables, rawWorkbook } from "./support/raw-workbook.js";
import { runCliCaptured } from "./support/run-cli.js";
import { chineseCopy, householdsToTables, writeTables, writeWorkbook, type Tables } from "./support/table-copies.js";

/**
 * The workbench's screening without the browser: county tables read from memory as the command line
 * reads them from disk (the same households, origins, refusals and messages), screened into the rows,
 * worklist and report `dixian screen --format xlsx` and `dixian report` give, written as a workbook
 * that exceljs reads back as the command line's own.
 */
const ASOF = "2025-06-30";
const gb18030 = webGb18030();
const households = () =>
  [...generateHouseholds({ households: 160, seed: 31, asOf: ASOF, referenceIncome: 8700 })] as any[];

/** The tables with one member's labour skill misspelt, so one household is rejected. */
function countyTables(): Tables {
  const population = households();
  population[4].members[0].labor = "strong";
  return chineseCopy(householdsToTables(population));
}

const filesOf = (dir: string): MemoryFile[] =>
  readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));

/** Source items as comparable text (the folder of table origins left out: the page has none). */
async function items(sources: AsyncIterable<SourceItem>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of sources)
    out.push(
      JSON.stringify(item.kind === "value" && item.origin ? { ...item, origin: { ...item.origin, dir: "" } } : item),
    );
  return out;
}

const fromMemory = async (files: MemoryFile[], language: "zh" | "en" = "zh") =>
  items(tableHouseholdSources(await openMemoryTables(files, { language }, gb18030), "", language));

/** A refusal as the command line words it, from the message it throws. */
async function refusal(files: MemoryFile[]): Promise<InputFormatError> {
  try {
    await fromMemory(files);
  } catch (error) {
    if (error instanceof InputFormatError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("county tables from memory", () => {
  it("give the households, rows and origins the command line reads from a GB18030 CSV folder", async () => {
    const dir = writeTables(mkdtempSync(join(tmpdir(), "dixian-mem-")), countyTables(), "gb18030");
    const cli = await items(readTableSources(dir, { language: "zh" }));
    expect(cli.length).toBe(160);
    expect(await fromMemory(filesOf(dir))).toEqual(cli);
    expect(cli.join("")).not.toContain("\uFFFD");
  });

  it("and from a UTF-8 folder and a workbook with date cells, in either language", async () => {
    const dir = writeTables(mkdtempSync(join(tmpdir(), "dixian-mem-")), householdsToTables(households()));
    expect(await fromMemory(filesOf(dir), "en")).toEqual(await items(readTableSources(dir, { language: "en" })));
    const file = await writeWorkbook(join(mkdtempSync(join(tmpdir(), "dixian-mem-")), "county.xlsx"), countyTables());
    const memory = await fromMemory([{ name: "county.xlsx", bytes: new Uint8Array(readFileSync(file)) }]);
    expect(memory).toEqual(await items(readTableSources(file, { language: "zh" })));
    expect(memory.some((item) => item.includes('"kind":"error"'))).toBe(false);
  });

  it("refuse a table whose bytes read as UTF-8 and as GB18030 alike, as the command line does", () => {
    // 一业 in GB18030 (D2 BB D2 B5) is also valid UTF-8 (һҵ).
    const bytes = new Uint8Array([...strToU8("id,township\n"), 0x31, 0x2c, 0xd2, 0xbb, 0xd2, 0xb5, 0x0a]);
    let error: unknown;
    try {
      decodeTableBytes("households.csv", bytes, undefined, "zh", gb18030);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputFormatError);
    expect((error as InputFormatError).code).toBe("E_INPUT_ENCODING");
    expect((error as InputFormatError).text?.values).toMatchObject({ line: 2, utf8: '"1,һҵ"', gb18030: '"1,一业"' });
    expect(decodeTableBytes("households.csv", bytes, "gb18030", "zh", gb18030)).toBe("id,township\n1,一业\n");
  });

  it("refuse bytes that are not GB18030 text, naming the line, never with U+FFFD", () => {
    const bytes = new Uint8Array([...strToU8("id\n"), 0xd2, 0xbb, 0x0a, 0x81, 0x30, 0x0a]);
    expect(() => decodeTableBytes("members.csv", bytes, "gb18030", "zh", gb18030)).toThrow(
      "members.csv 第 3 行不是有效的 GB18030/GBK 编码文本",
    );
  });

  it("keep the rows before a cell cut off in quotes, and report the rest as one unreadable row", () => {
    const rows = csvTextRows('id,name\n1,a\n2,"b\n3,c\n');
    expect(rows.slice(0, 2)).toEqual([
      { line: 1, cells: ["id", "name"] },
      { line: 2, cells: ["1", "a"] },
    ]);
    expect(rows[2]).toMatchObject({ line: 3, cells: [] });
    expect(rows[2]!.problem).toMatch(/Quote Not Closed/);
  });

  it.each([
    [
      "merged cells",
      () => {
        const tables = exampleTables(2);
        return rawWorkbook([
          { name: "户", rows: tables.households, merges: ["A2:A3"] },
          { name: "成员", rows: tables.members },
        ]);
      },
      "E_WORKBOOK_MERGED_CELLS",
      "A2:A3",
    ],
    [
      "a formula without a saved result",
      () => {
        const tables = exampleTables(1);
        tables.households[1]![12] = { formula: "SUM(A1:A2)" };
        return rawWorkbook([
          { name: "户", rows: tables.households },
          { name: "成员", rows: tables.members },
        ]);
      },
      "E_WORKBOOK_FORMULA",
      "没有保存计算结果",
    ],
    ["bytes that are not a zip", () => strToU8("not a workbook"), "E_INPUT_JSON", "不是可读的 .xlsx 工作簿"],
    [
      "a workbook without a members sheet",
      () => rawWorkbook([{ name: "户", rows: exampleTables(1).households }]),
      "E_INPUT_JSON",
      "户",
    ],
  ])("refuse a workbook with %s whole, as the command line does", async (_case, make, code, words) => {
    const bytes = make();
    const error = await refusal([{ name: "county.xlsx", bytes }]);
    expect(error.code).toBe(code);
    const file = join(mkdtempSync(join(tmpdir(), "dixian-mem-")), "county.xlsx");
    writeFileSync(file, bytes);
    const cli = await runCliCaptured(["screen", "--rules", "builtin:yunnan", "--as-of", ASOF, "--quiet", file]);
    expect(cli.code).toBe(2);
    const message = error.text
      ? (await import("../src/messages/catalogue.js")).renderText(error.text, "zh")
      : error.message;
    // What the zip library says of bytes that are not a zip is its own (yauzl's or fflate's).
    expect(cli.stderr).toContain(`${code}: ${message.replace(/工作簿：.*$/, "工作簿：")}`);
    expect(message).toContain(words);
  });

  it("refuse what a workbook unpacks to over the limit before inflating it, as a file's zip is", async () => {
    const { WORKBOOK_LIMITS } = await import("../src/sources/workbook-tables.js");
    const saved = WORKBOOK_LIMITS.unpackedBytes;
    WORKBOOK_LIMITS.unpackedBytes = 2000;
    try {
      const tables = exampleTables(3);
      const error = await refusal([
        {
          name: "county.xlsx",
          bytes: rawWorkbook([
            { name: "户", rows: tables.households },
            { name: "成员", rows: tables.members },
          ]),
        },
      ]);
      expect(error.code).toBe("E_WORKBOOK_LIMIT");
    } finally {
      WORKBOOK_LIMITS.unpackedBytes = saved;
    }
  });
});

/** A workbook's sheets as exceljs reads them: name, frozen view, widths, formats, and every cell's value. */
async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => ({
    name: sheet.name,
    views: sheet.views.map((view) => ({ state: view.state, ySplit: (view as { ySplit?: number }).ySplit })),
    widths: sheet.columns.map((column) => column.width),
    formats: sheet.columns.map((column, index) => column.numFmt ?? sheet.getRow(2).getCell(index + 1).numFmt ?? null),
    bold: sheet.getRow(1).font?.bold ?? sheet.getRow(1).getCell(1).font?.bold ?? null,
    rows: (sheet.getSheetValues() as unknown[][])
      .slice(1)
      .map((row) =>
        (row ?? [])
          .slice(1)
          .map((value) => (value instanceof Date ? value.toISOString() : value === "" ? null : (value ?? null))),
      ),
  }));
}

describe("the workbench's screening", () => {
  it("gives the rows, worklist and report of dixian screen --format xlsx and dixian report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-wb-"));
    const file = await writeWorkbook(join(dir, "county.xlsx"), countyTables());
    const cliXlsx = join(dir, "cli.xlsx");
    const cli = await runCliCaptured([
      "screen",
      "--rules",
      "builtin:yunnan",
      "--as-of",
      ASOF,
      "--format",
      "xlsx",
      "--out",
      cliXlsx,
      "--quiet",
      file,
    ]);
    expect(cli.code).toBe(1);
    const ruleSet = workbenchRuleSet("yunnan", ASOF, null, "zh");
    const progress: number[] = [];
    const screening = await screenWorkbenchFiles(
      {
        files: [{ name: "county.xlsx", bytes: new Uint8Array(readFileSync(file)) }],
        ruleSet,
        asOf: ASOF,
        language: "zh",
        gb18030,
        resultsName: "cli.xlsx",
      },
      (done) => progress.push(done),
    );
    expect(progress).toEqual([0, 100, 160]);
    const rejected = screening.entries.filter((entry) => entry.kind === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.kind === "rejected" && rejected[0]!.problems).toEqual([
      {
        where: "county.xlsx [成员] 第 19 行 劳动技能（labor）列",
        cell: "county.xlsx [成员] F19",
        message: expect.stringContaining('取值 "strong" 无效'),
      },
    ]);
    const page = resultsWorkbook(screening);
    const [ours, theirs] = [await readBack(page), await readBack(readFileSync(cliXlsx))];
    for (const [index, sheet] of theirs.entries()) {
      const mine = ours[index]!;
      expect(mine.name).toBe(sheet.name);
      expect(mine.views).toEqual(sheet.views);
      expect(mine.widths).toEqual(sheet.widths);
      expect(mine.formats).toEqual(sheet.formats);
      expect(mine.bold).toBe(true);
      const width = Math.max(...sheet.rows.map((row) => row.length), ...mine.rows.map((row) => row.length));
      const pad = (row: unknown[]) => [...row, ...Array<null>(width - row.length).fill(null)];
      expect(mine.rows.map(pad)).toEqual(sheet.rows.map(pad));
    }
    expect(ours.map((sheet) => sheet.name)).toEqual(["筛查结果", "工作清单"]);
    expect(ours[0]!.rows.length).toBe(161);

    const report = await runCliCaptured(["report", cliXlsx, "--rules", "builtin:yunnan", "--out", join(dir, "report")]);
    expect(report.code).toBe(0);
    const expected = JSON.parse(readFileSync(join(dir, "report", "report.json"), "utf8"));
    expect(JSON.parse(JSON.stringify(screening.report))).toEqual({
      ...expected,
      source: { results: "cli.xlsx", previous: null },
    });
  });

  it("writes money with two places, counts whole and dates as date cells", async () => {
    const bytes = workbookFile([
      {
        name: "t",
        columns: [
          { en: "a", zh: "甲", width: 10, kind: "money" },
          { en: "b", zh: "乙", width: 6, kind: "count" },
          { en: "c", zh: "丙", width: 11, kind: "date" },
          { en: "d", zh: "丁", width: 20, kind: "list" },
          { en: "e", zh: "戊", width: 8 },
        ],
        header: ["甲", "乙", "丙", "丁", "戊"],
        rows: [[{ number: "8700.50" }, { number: "3" }, { date: "2025-06-30" }, "一\n二", "=1+1 & <x>\u0007"]],
      },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(2);
    // A character XML cannot hold is written as SpreadsheetML's _xHHHH_, which Excel reads back as the character.
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(4).value, row.getCell(5).value]).toEqual([
      8700.5,
      3,
      "一\n二",
      "'=1+1 & <x>_x0007_",
    ]);
    expect((row.getCell(3).value as Date).toISOString()).toBe("2025-06-30T00:00:00.000Z");
    expect([row.getCell(1).numFmt, row.getCell(2).numFmt, row.getCell(3).numFmt]).toEqual(["0.00", "0", "yyyy-mm-dd"]);
    expect(row.getCell(4).alignment).toMatchObject({ wrapText: true, vertical: "top" });
    // The same content gives the same bytes: nothing says when the workbook was written.
    expect(workbookFile([{ name: "t", columns: [], header: [], rows: [] }])).toEqual(
      workbookFile([{ name: "t", columns: [], header: [], rows: [] }]),
    );
  });
});

describe("county values entered in the workbench", () => {
  const values = { threshold: "9000", dibaoStandard: "6000", source: "某县 2026 年防止返贫监测范围的通知" };

  it("are the overlay dixian init-overlay writes: the same rule-set hash", async () => {
    expect(missingParameter("yunnan", "2026-06-30", "zh")).toBe("threshold");
    expect(missingParameter("yunnan", ASOF, "zh")).toBeNull();
    const dir = join(mkdtempSync(join(tmpdir(), "dixian-ov-")), "workbench-overlay");
    const init = await runCliCaptured([
      "init-overlay",
      dir,
      "--extends",
      "builtin:yunnan",
      "--threshold",
      "2026=9000",
      "--dibao-standard",
      "2026=6000",
      "--source",
      values.source,
    ]);
    expect(init.code).toBe(0);
    const overlay = workbenchRuleSet("yunnan", "2026-06-30", values, "zh");
    expect(overlay.hash).toBe(loadRuleSet(dir).hash);
    expect(overlay.parameters.threshold!.values.at(-1)).toMatchObject({ value: "9000", status: "provisional" });
  });

  it("mark every result that uses them as resting on a provisional value", async () => {
    const dir = writeTables(mkdtempSync(join(tmpdir(), "dixian-ov-")), householdsToTables(households().slice(0, 20)));
    const ruleSet = workbenchRuleSet("yunnan", "2026-06-30", values, "zh");
    const screening = await screenWorkbenchFiles({
      files: filesOf(dir),
      ruleSet,
      asOf: "2026-06-30",
      language: "zh",
      gb18030,
      resultsName: "r.xlsx",
    });
    const results = screening.entries.flatMap((entry) => (entry.kind === "result" ? [entry.result] : []));
    expect(results.length).toBe(20);
    for (const result of results)
      expect(
        result.checks.some((check) => check.id === "W_PROVISIONAL_PARAMETER" && check.message.includes("9000")),
      ).toBe(true);
    expect(screening.report.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "threshold", value: "9000", status: "provisional" })]),
    );
  });

  it("are refused, naming the field, when they are not a value of the parameter or have no source", () => {
    const attempt = (county: typeof values) => {
      try {
        workbenchRuleSet("yunnan", "2026-06-30", county, "zh");
        return null;
      } catch (error) {
        return error instanceof CountyValueError ? error.parameter : error;
      }
    };
    expect(attempt({ ...values, threshold: "9000.123" })).toBe("threshold");
    expect(attempt({ ...values, dibaoStandard: "0" })).toBe("dibaoStandard");
    expect(attempt({ ...values, source: " " })).toBe("source");
  });
});
