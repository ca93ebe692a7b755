import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WORKBOOK_LIMITS } from "../src/sources/workbook-source.js";
import { runCliCaptured } from "./support/run-cli.js";
import { columnOf, exampleTables, rawWorkbook, type RawCell, type RawSheet } from "./support/raw-workbook.js";

/**
 * Workbooks as spreadsheet programs (and careless or hostile senders) leave them: formulas with and
 * without saved results, error values, a table's sheet given twice, merged cells, and sizes that
 * would take gigabytes to read. Each is read truly or refused whole, naming the sheet and cell.
 */
const dir = mkdtempSync(join(tmpdir(), "dixian-workbook-"));
let count = 0;

function workbook(sheets: RawSheet[]): string {
  const file = join(dir, `wb-${++count}.xlsx`);
  writeFileSync(file, rawWorkbook(sheets));
  return file;
}

const screen = (file: string, ...args: string[]) =>
  runCliCaptured(["screen", "--rules", "builtin:yunnan", "--as-of", "2025-06-30", "--quiet", ...args, file]);

/** The example tables with one household cell replaced. */
function withHouseholdCell(column: string, cell: RawCell, households = 1): RawSheet[] {
  const tables = exampleTables(households);
  tables.households[1]![columnOf("households", column)] = cell;
  return [
    { name: "户", rows: tables.households },
    { name: "成员", rows: tables.members },
  ];
}

const saved = { ...WORKBOOK_LIMITS };
afterEach(() => Object.assign(WORKBOOK_LIMITS, saved));

describe("workbook formulas", () => {
  it("uses a saved numeric result and notes on the result that it came from a formula", async () => {
    const wage = columnOf("households", "wage");
    const { code, stdout } = await screen(workbook(withHouseholdCell("wage", { formula: "10000+2000", value: 12000 })));
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const plain = JSON.parse((await screen(workbook(withHouseholdCell("wage", "12000")))).stdout);
    expect(result.figures).toEqual(plain.figures);
    const note = result.checks.find((check: { id: string }) => check.id === "W_FORMULA_VALUE");
    expect(note).toMatchObject({ severity: "warning" });
    expect(note.message).toContain(`[户] 第 2 行`);
    expect(note.message).toContain("工资性收入（wage）");
    expect(note.message).toContain(`单元格 ${String.fromCharCode(65 + wage)}2`);
    expect(note.message).toContain("=10000+2000");
  });

  it("uses a saved text result, in English with --lang en, and in the CSV checks column", async () => {
    const file = workbook(
      withHouseholdCell("householdType", { formula: 'IF(1,"general","formerlyPoor")', value: "general" }),
    );
    const json = JSON.parse((await screen(file, "--lang", "en")).stdout);
    expect(json.checks.map((check: { message: string }) => check.message).join()).toMatch(
      /row 2 column householdType \(户类型\) \(cell F2\) is the result of the formula =IF/,
    );
    const csv = await screen(file, "--format", "csv");
    expect(csv.stdout).toContain("取自公式");
  });

  it.each([
    ["a formula without a saved result", { formula: "SUM(A1:A2)" }, "E_WORKBOOK_FORMULA", "没有保存计算结果"],
    [
      "a shared formula without a saved result",
      { formula: "", shared: true },
      "E_WORKBOOK_FORMULA",
      "没有保存计算结果",
    ],
    [
      "a formula whose result is an error",
      { formula: "1/0", value: "#DIV/0!", type: "e" as const },
      "E_WORKBOOK_FORMULA",
      "#DIV/0!",
    ],
    ["an error value without a formula", { xml: '<c r="{ref}" t="e"><v>#REF!</v></c>' }, "E_WORKBOOK_FORMULA", "#REF!"],
  ])("refuses %s, naming the sheet and cell, before screening anything", async (_case, cell, errorCode, words) => {
    const wage = String.fromCharCode(65 + columnOf("households", "wage"));
    const { code, stdout, stderr } = await screen(workbook(withHouseholdCell("wage", cell, 3)));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(errorCode);
    expect(stderr).toContain(`[户] ${wage}2`);
    expect(stderr).toContain(words);
  });
});

describe("workbook sheets", () => {
  const tables = exampleTables();
  it.each([
    ["households", "户"],
    ["members", "成员"],
    ["Households", "households "],
    ["成员", " 成　员 "],
    ["MEMBERS", "members"],
  ])("refuses sheets %j and %j for one table, naming both", async (first, second) => {
    const isMembers = /member|成/i.test(first);
    const table = isMembers ? tables.members : tables.households;
    const other = isMembers ? { name: "户", rows: tables.households } : { name: "成员", rows: tables.members };
    const { code, stdout, stderr } = await screen(
      workbook([{ name: first, rows: table }, other, { name: second, rows: table.slice(0, 1) }]),
    );
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("E_WORKBOOK_SHEETS");
    expect(stderr).toContain(`"${first}"`);
    expect(stderr).toContain(`"${second}"`);
  });

  it("takes one sheet whose name differs by case or spaces only", async () => {
    const { code } = await screen(
      workbook([
        { name: " Households", rows: tables.households },
        { name: "MEMBERS", rows: tables.members },
      ]),
    );
    expect(code).toBe(0);
  });
});

describe("workbook size", () => {
  const tables = exampleTables();
  const sheets = (households: Partial<RawSheet>): RawSheet[] => [
    { name: "户", rows: tables.households, ...households },
    { name: "成员", rows: tables.members },
  ];

  it.each([
    ["a declared used range of a whole sheet", { dimension: "A1:XFD1048576" }, /第 16384 列超过上限 256 列/],
    ["a declared used range of two million rows", { dimension: "A1:AK2000000" }, /第 2000000 行超过上限/],
    ["a declared used range of many cells", { dimension: "A1:IV100000" }, /已用区域 A1:IV100000 有 25600000 个单元格/],
    ["a cell far to the right", { extraRows: '<row r="5"><c r="XFD5"><v>1</v></c></row>' }, /单元格 XFD5/],
    ["a cell far below", { extraRows: '<row r="3000000"><c r="A3000000"><v>1</v></c></row>' }, /第 3000000 行超过上限/],
    [
      "a used range grown by a far cell",
      { extraRows: '<row r="900000"><c r="IV900000"><v>1</v></c></row>' },
      /已用区域 A1:[A-Z]+900000 有 \d+ 个单元格/,
    ],
  ])("refuses %s before reading rows (E_WORKBOOK_LIMIT)", async (_case, extra, words) => {
    const { code, stdout, stderr } = await screen(workbook(sheets(extra)));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("E_WORKBOOK_LIMIT");
    expect(stderr).toContain("[户]");
    expect(stderr).toMatch(words);
  });

  it("refuses a file or what it unpacks to over the limits, before inflating anything", async () => {
    const file = workbook(sheets({}));
    WORKBOOK_LIMITS.fileBytes = 1000;
    const tooLarge = await screen(file, "--lang", "en");
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.stderr).toMatch(/E_WORKBOOK_LIMIT: wb-\d+\.xlsx is \d+ bytes, more than the 1000/);
    Object.assign(WORKBOOK_LIMITS, saved);
    WORKBOOK_LIMITS.unpackedBytes = 3000;
    const unpacks = await screen(file);
    expect(unpacks.code).toBe(2);
    expect(unpacks.stderr).toMatch(/E_WORKBOOK_LIMIT: wb-\d+\.xlsx 解压后有 \d+ 字节，超过上限 3000 字节/);
  });

  it("refuses a zip whose entry inflates to more than it declares (a zip bomb's lie)", async () => {
    const bytes = Buffer.from(rawWorkbook(sheets({})));
    // Shrink the declared uncompressed size of the first sheet in the central directory.
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    for (
      let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      at >= 0;
      at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)
    ) {
      const length = bytes.readUInt16LE(at + 28);
      if (bytes.subarray(at + 46, at + 46 + length).equals(name)) bytes.writeUInt32LE(100, at + 24);
    }
    const file = join(dir, "lying.xlsx");
    writeFileSync(file, bytes);
    const { code, stdout, stderr } = await screen(file);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/E_INPUT_JSON: lying\.xlsx 不是可读的 \.xlsx 工作簿/);
  });

  it("streams a workbook of many rows with the results of the same tables as CSV", async () => {
    const many = exampleTables(3000);
    const { code, stdout } = await screen(
      workbook([
        { name: "households", rows: many.households },
        { name: "members", rows: many.members },
      ]),
    );
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(3000);
  });
});

describe("merged cells", () => {
  it.each([
    ["over household rows", "户", ["A2:A3"], "A2:A3"],
    ["over member rows", "成员", ["B2:B4"], "B2:B4"],
    ["several ranges", "户", ["C2:C3", "D2:E2"], "C2:C3, D2:E2"],
    ["in the header", "户", ["A1:B1"], "A1:B1"],
  ])("refuses merged cells %s, naming the range", async (_case, sheet, merges, ranges) => {
    const tables = exampleTables(3);
    const file = workbook([
      { name: "户", rows: tables.households, ...(sheet === "户" ? { merges } : {}) },
      { name: "成员", rows: tables.members, ...(sheet === "成员" ? { merges } : {}) },
    ]);
    const { code, stdout, stderr } = await screen(file);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("E_WORKBOOK_MERGED_CELLS");
    expect(stderr).toContain(`[${sheet}]`);
    expect(stderr).toContain(ranges);
  });
});
