import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { generateHouseholds } from "../src/population/generate-households.js";
import { neutralizeCell } from "../src/results/spreadsheet-safety.js";
import { runCliCaptured } from "./support/run-cli.js";
import {
  chineseCopy,
  householdsToTables,
  readTables,
  writeTables,
  writeWorkbook,
  type Tables,
} from "./support/table-copies.js";

const scratch = () => mkdtempSync(join(tmpdir(), "dixian-tables-"));
const screenArgs = ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--workers", "1"];
const screen = (input: string, ...extra: string[]) => runCliCaptured([...screenArgs, ...extra, input]);

/** The shipped tables followed by generated households written as tables (events, measures, every vocabulary). */
function ownTables(): Tables {
  const shipped = readTables("fixtures/tables");
  const generated = householdsToTables([
    ...generateHouseholds({ households: 120, seed: 15, asOf: "2025-06-30", referenceIncome: 8700 }),
  ]);
  return {
    households: { header: shipped.households.header, rows: [...shipped.households.rows, ...generated.households.rows] },
    members: { header: shipped.members.header, rows: [...shipped.members.rows, ...generated.members.rows] },
    events: { header: shipped.events.header, rows: [...shipped.events.rows, ...generated.events.rows] },
  };
}

async function workbookRows(
  file: string,
): Promise<{ name: string; rows: unknown[][]; frozen: boolean; types: number[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  // The results, then the week's work made from them (工作清单).
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^(工作清单|worklist)$/)]),
  );
  expect(workbook.worksheets).toHaveLength(2);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  const types: number[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
    const cellTypes: number[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => cellTypes.push(cell.type));
    types.push(cellTypes);
  });
  return {
    name: sheet.name,
    rows,
    frozen: sheet.views.some((view) => view.state === "frozen" && view.ySplit === 1),
    types,
  };
}

describe("county tables as township staff hand them on", () => {
  const dir = scratch();
  let reference: string;
  let tables: Tables;

  beforeAll(async () => {
    tables = ownTables();
    writeTables(join(dir, "utf8"), tables);
    const { stdout, code, stderr } = await screen(join(dir, "utf8"), "--quiet");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    reference = stdout;
    expect(reference.trim().split("\n")).toHaveLength(123);
  }, 60_000);

  it("gives identical results from GB18030 copies, detected or named with --encoding", async () => {
    writeTables(join(dir, "gb"), tables, "gb18030");
    expect(readFileSync(join(dir, "gb", "households.csv")).includes(Buffer.from("联合乡"))).toBe(false);
    expect((await screen(join(dir, "gb"), "--quiet")).stdout).toBe(reference);
    expect((await screen(join(dir, "gb"), "--quiet", "--encoding", "gb18030")).stdout).toBe(reference);
    const chinese = chineseCopy(tables);
    writeTables(join(dir, "gb-zh"), chinese, "gb18030");
    expect((await screen(join(dir, "gb-zh"), "--quiet")).stdout).toBe(reference);
  });

  it("gives identical results from copies with Chinese headers, Chinese labels and YYYY/M/D dates", async () => {
    const chinese = chineseCopy(tables);
    expect(chinese.households.rows[1]).toContain("脱贫户");
    expect(chinese.members.rows.flat()).toContain("长期慢性病");
    expect(chinese.members.rows.flat()).toContain("户主");
    expect(chinese.households.rows.flat()).toContain("2025/5/31");
    writeTables(join(dir, "zh"), chinese);
    expect((await screen(join(dir, "zh"), "--quiet")).stdout).toBe(reference);
  });

  it("gives identical results from an .xlsx workbook with date cells, with Chinese or English sheet names", async () => {
    const zh = await writeWorkbook(join(dir, "县级数据.xlsx"), chineseCopy(tables), "zh");
    expect((await screen(zh, "--quiet")).stdout).toBe(reference);
    const en = await writeWorkbook(join(dir, "county.xlsx"), tables, "en");
    expect((await screen(en, "--quiet")).stdout).toBe(reference);
  });

  it("ships a sample workbook that screens the same as the CSV tables", async () => {
    const csv = await screen("fixtures/tables", "--quiet");
    expect((await screen("fixtures/workbook/county-tables.xlsx", "--quiet")).stdout).toBe(csv.stdout);
  });

  it("refuses undecodable text naming the file and the encoding, in Chinese by default and in English with --lang en", async () => {
    const bad = join(dir, "bad-utf8");
    writeTables(bad, tables, "gb18030");
    const named = await screen(bad, "--quiet", "--encoding", "utf8");
    expect(named.code).toBe(2);
    expect(named.stderr).toContain("households.csv 第 2 行不是有效的 UTF-8 编码文本");
    expect(named.stdout).not.toContain("\uFFFD");
    const english = await screen(bad, "--quiet", "--encoding", "utf8", "--lang", "en");
    expect(english.stderr).toContain("households.csv line 2 is not valid UTF-8 text");

    const broken = join(dir, "bad-gb");
    writeTables(broken, tables);
    // 0x81 0x20 is not a GB18030 character (nor UTF-8): the file cannot be read in either encoding.
    const members = readFileSync(join(broken, "members.csv"));
    writeFileSync(
      join(broken, "members.csv"),
      Buffer.concat([members.subarray(0, 60), Buffer.from([0x81, 0x20]), members.subarray(60)]),
    );
    const gb = await screen(broken, "--quiet", "--lang", "en");
    expect(gb.code).toBe(2);
    expect(gb.stderr).toMatch(/members\.csv line \d+ is not valid GB18030\/GBK text/);
    expect(gb.stdout).toBe("");
  });
});

describe("bad table rows and duplicates", () => {
  /** A copy of the shipped tables, with LF line ends so rows can be edited as lines. */
  const shipped = () => {
    const dir = scratch();
    cpSync("fixtures/tables", dir, { recursive: true });
    for (const file of ["households.csv", "members.csv", "events.csv"])
      writeFileSync(join(dir, file), readFileSync(join(dir, file), "utf8").replace(/\r\n/g, "\n"));
    return dir;
  };

  it("rejects the household of a ragged row or a cut-off last row, naming file and row, and screens the rest", async () => {
    const dir = shipped();
    const members = readFileSync(join(dir, "members.csv"), "utf8").split("\n");
    members[2] = members[2] + ",extra";
    writeFileSync(join(dir, "members.csv"), members.join("\n"));
    const households = readFileSync(join(dir, "households.csv"), "utf8").trimEnd();
    writeFileSync(join(dir, "households.csv"), households.slice(0, households.lastIndexOf("\n") + 30));
    const { stdout, stderr, code } = await screen(dir);
    expect(code).toBe(1);
    expect(
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).householdId),
    ).toEqual(["TB-002"]);
    expect(stderr).toMatch(
      /未通过校验 households\.csv 第 2 行（户编号 TB-001）：.*members\.csv 第 3 行[:：] ?有 13 个单元格，表头有 12 列/,
    );
    expect(stderr).toMatch(
      /未通过校验 households\.csv 第 4 行（户编号 TB-003）：.*households\.csv 第 4 行[:：] ?有 \d+ 个单元格，表头有 37 列/,
    );
    expect(stderr).toContain("读取 3 户，筛查 1 户，不合格 2 户");
  });

  it("a quote left open rejects the rest of that file and reports the members it leaves without a household", async () => {
    const dir = shipped();
    const households = readFileSync(join(dir, "households.csv"), "utf8").split("\n");
    households[3] = households[3]!.replace("TB-003,", '"TB-003,');
    writeFileSync(join(dir, "households.csv"), households.join("\n"));
    const { stdout, stderr, code } = await screen(dir, "--lang", "en");
    expect(code).toBe(1);
    expect(
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).householdId),
    ).toEqual(["TB-001", "TB-002"]);
    expect(stderr).toMatch(/rejected households\.csv row 4: \/: households\.csv row 4: .*[Qq]uote/);
    expect(stderr).toContain(`rejected members.csv row 7: /: household "TB-003" is not in households.csv`);
  });

  it("ignores the empty columns and rows Excel leaves around the data", async () => {
    const dir = shipped();
    const households = readFileSync(join(dir, "households.csv"), "utf8").trimEnd().split("\n");
    writeFileSync(
      join(dir, "households.csv"),
      [households[0] + ",,", ...households.slice(1).map((line) => line + ","), ",,,,,", ""].join("\n"),
    );
    const { stdout, code } = await screen(dir, "--quiet");
    expect(code).toBe(0);
    expect(stdout).toBe((await screen("fixtures/tables", "--quiet")).stdout);
  });

  it("refuses a column given twice, in English and in Chinese", async () => {
    const dir = shipped();
    const households = readFileSync(join(dir, "households.csv"), "utf8").split("\n");
    households[0] = households[0]!.replace(",village,", ",村,");
    const withTwo = households.map((line, index) => (index === 0 ? line + ",乡镇" : line ? line + ",联合乡" : line));
    writeFileSync(join(dir, "households.csv"), withTwo.join("\n"));
    const { stderr, code } = await screen(dir, "--lang", "en");
    expect(code).toBe(2);
    expect(stderr).toContain(
      `households.csv: column township (乡镇) is given twice (column 4 "township" and column 38 "乡镇")`,
    );
    expect((await screen(dir)).stderr).toContain("households.csv：列 township（乡镇）出现两次");
  });

  it("takes the six water columns all or none: none is water unknown, some is a rejection naming the missing ones", async () => {
    const tables = readTables("fixtures/tables");
    const at = (name: string) => tables.households.header.indexOf(name);
    const water = [
      "waterLitersPerPersonPerDay",
      "waterScarceArea",
      "waterQualityOk",
      "waterPipedIn",
      "waterFetchMinutes",
      "waterInterruptionDaysPerYear",
    ];
    const [first, second] = tables.households.rows as [string[], string[], ...string[][]];
    for (const column of water) first[at(column)] = ""; // none: water unknown
    second[at("waterQualityOk")] = ""; // some: a rejection
    second[at("waterFetchMinutes")] = "";
    const dir = writeTables(scratch(), tables);
    const { stdout, stderr, code } = await screen(dir);
    expect(code).toBe(1);
    const results = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(results.map((result) => result.householdId)).toEqual(["TB-001", "TB-003"]);
    expect(results[0].guarantees.water).toBe("unknown");
    expect(stderr).toContain(
      "饮水情况的六列（人均日供水量、缺水地区、水质达标、自来水入户、取水往返分钟、年停水天数）须全部填写，或全部不填（饮水安全记为未知）；这一行缺：水质达标、取水往返分钟",
    );
  });

  it("names the Chinese labels a cell may hold when its value is not one of them", async () => {
    const tables = chineseCopy(readTables("fixtures/tables"));
    const column = tables.members.header.indexOf("劳动技能");
    tables.members.rows[0]![column] = "强劳动力";
    const dir = writeTables(scratch(), tables);
    const { stderr, code } = await screen(dir);
    expect(code).toBe(1);
    expect(stderr).toContain(
      '取值 "强劳动力" 无效，应为以下之一：普通劳动力、技能劳动力、弱劳动力或半劳动力、丧失劳动力、无劳动力（也可写代码：ordinary、skilled、weak、lost、none）',
    );
  });

  it("rejects every row of a duplicated household id and screens the others", async () => {
    const dir = shipped();
    const households = readFileSync(join(dir, "households.csv"), "utf8").split("\n");
    writeFileSync(
      join(dir, "households.csv"),
      [...households.filter(Boolean), households[1]!.replace("V01", "V09")].join("\n") + "\n",
    );
    const { stdout, stderr, code } = await screen(dir);
    expect(code).toBe(1);
    expect(
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).householdId),
    ).toEqual(["TB-002", "TB-003"]);
    expect(stderr).toContain(
      `未通过校验 households.csv 第 2 行（户编号 TB-001）：/：户编号 "TB-001" 在 households.csv 中出现多次（第 2、5 行）`,
    );
    expect(stderr).toContain("未通过校验 households.csv 第 5 行（户编号 TB-001）");
  });

  it("anonymize: member and event rows whose household is missing are errors, not dropped", async () => {
    const dir = scratch();
    cpSync("fixtures/county-export", dir, { recursive: true });
    const members = readFileSync(join(dir, "members.csv"), "utf8").replace(/\r\n/g, "\n");
    const lastRow = members.trimEnd().split("\n").pop()!;
    writeFileSync(
      join(dir, "members.csv"),
      members.trimEnd() + "\n" + lastRow.replace(/^[^,]+/, "530129-LH-9999") + "\n",
    );
    const { stderr, code } = await runCliCaptured(["anonymize", "--salt", "county-secret-2025", "--lang", "en", dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/error members\.csv row \d+: household "530129-LH-9999" is not in households\.csv/);
  });
});

describe("CSV and XLSX results for people", () => {
  const dir = scratch();
  const withRejected = () => {
    const tables = readTables("fixtures/tables");
    const copy = scratch();
    // TB-002's member has a labour label nobody knows: the household is rejected, the others screened.
    tables.members.rows[3]![5] = "壮劳力";
    writeTables(copy, tables);
    return copy;
  };

  it("CSV: BOM, Chinese header and values, one row per household in input order, the rejected one with its problem in Chinese", async () => {
    const { stdout, code } = await screen(withRejected(), "--format", "csv", "--quiet");
    expect(code).toBe(1);
    expect(
      stdout.startsWith(
        "\uFEFF户编号,乡镇,村,户类型,人数,状态,标记,类别,风险类型,3+1问题,帮扶措施,人均纯收入,调整后人均收入,监测标准,理由,数据校验,线索任务,转介部门,每周走访次数,未办结线索,已办结线索,评估日,规则集,不合格原因\r\n",
      ),
    ).toBe(true);
    const rows = parse<Record<string, string>>(stdout, { bom: true, columns: true });
    expect(rows.map((row) => [row["户编号"], row["状态"]])).toEqual([
      ["TB-001", "已筛查"],
      ["TB-002", "不合格"],
      ["TB-003", "已筛查"],
    ]);
    expect(rows[0]!["标记"]).toBe("识别为监测对象");
    expect(rows[0]!["类别"]).toBe("边缘易致贫户");
    expect(rows[0]!["风险类型"]).toBe("因病");
    expect(rows[0]!["帮扶措施"]).toContain("医疗救助");
    expect(rows[0]!["理由"]).toContain("监测标准 8700.00 元");
    expect(rows[1]!["不合格原因"]).toMatch(/^members\.csv 第 5 行 劳动技能（labor）列[:：] ?/);
    // The labels a table may use are listed, not only the codes.
    expect(rows[1]!["不合格原因"]).toContain("应为以下之一：普通劳动力、技能劳动力");
    expect(rows[0]!["户类型"]).toBe("一般农户");
    expect(rows[0]!["评估日"]).toBe("2025-06-30");
    expect(rows[0]!["规则集"]).toMatch(/^yunnan 2026\.2 sha256:[0-9a-f]{64}$/);
  });

  it("CSV with --lang en: English header and values", async () => {
    const { stdout } = await screen(withRejected(), "--format", "csv", "--quiet", "--lang", "en");
    const rows = parse<Record<string, string>>(stdout, { bom: true, columns: true });
    expect(Object.keys(rows[0]!)).toEqual([
      "householdId",
      "township",
      "village",
      "householdType",
      "householdSize",
      "status",
      "flag",
      "category",
      "riskTypes",
      "problems",
      "measures",
      "perCapitaNetIncome",
      "adjustedPerCapitaIncome",
      "threshold",
      "reasons",
      "checks",
      "tasks",
      "referrals",
      "visitsPerWeek",
      "openLeads",
      "resolvedLeads",
      "asOf",
      "ruleSet",
      "rejection",
    ]);
    expect(rows.map((row) => row.status)).toEqual(["screened", "rejected", "screened"]);
    expect(rows[0]!.flag).toBe("identify for monitoring");
    expect(rows[1]!.rejection).toMatch(/^members\.csv row 5 column labor \(劳动技能\): /);
  });

  it("XLSX: the results and the worklist sheet, frozen header, Chinese by default, every household with the rejected one, money as numbers", async () => {
    const out = join(dir, "results.xlsx");
    const { code } = await screen(withRejected(), "--format", "xlsx", "--out", out, "--quiet");
    expect(code).toBe(1);
    const sheet = await workbookRows(out);
    expect(sheet.name).toBe("筛查结果");
    expect(sheet.frozen).toBe(true);
    expect(sheet.rows[0]!.slice(0, 7)).toEqual(["户编号", "乡镇", "村", "户类型", "人数", "状态", "标记"]);
    expect(sheet.rows.slice(1).map((row) => [row[0], row[5]])).toEqual([
      ["TB-001", "已筛查"],
      ["TB-002", "不合格"],
      ["TB-003", "已筛查"],
    ]);
    expect(sheet.rows[1]![6]).toBe("识别为监测对象");
    expect(sheet.rows[1]![4]).toBe(3);
    expect(sheet.rows[1]![11]).toBe(8000);
    // The as-of date is a date cell, so the sheet sorts by it.
    expect(sheet.rows[1]![21]).toEqual(new Date("2025-06-30T00:00:00Z"));
    expect(String(sheet.rows[2]![23])).toMatch(/^members\.csv 第 5 行 劳动技能（labor）列[:：] ?/);
    const en = join(dir, "results-en.xlsx");
    await screen(withRejected(), "--format", "xlsx", "--out", en, "--quiet", "--lang", "en");
    const english = await workbookRows(en);
    expect(english.rows[0]![0]).toBe("householdId");
    expect(english.rows[2]![5]).toBe("rejected");
  });

  it("XLSX output is byte-identical for any number of workers and on any day", async () => {
    const input = withRejected();
    const one = join(dir, "one.xlsx");
    const two = join(dir, "two.xlsx");
    await screen(input, "--format", "xlsx", "--out", one, "--quiet");
    await runCliCaptured([
      "screen",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--workers",
      "2",
      "--format",
      "xlsx",
      "--out",
      two,
      "--quiet",
      input,
    ]);
    expect(readFileSync(two).equals(readFileSync(one))).toBe(true);
  });

  it("JSON input gets rows for rejected lines too, naming the line", async () => {
    const households = [
      ...generateHouseholds({ households: 3, seed: 4, asOf: "2025-06-30", referenceIncome: 8700 }),
    ].map((h) => JSON.stringify(h));
    households.splice(1, 0, "{broken");
    const { stdout } = await runCliCaptured([...screenArgs, "--format", "csv", "--quiet", "-"], households.join("\n"));
    const rows = parse<Record<string, string>>(stdout, { bom: true, columns: true });
    expect(rows.map((row) => row["状态"])).toEqual(["已筛查", "不合格", "已筛查", "已筛查"]);
    expect(rows[1]!["不合格原因"]).toMatch(/^第 2 行 \/：/);
  });
});

describe("spreadsheet safety", () => {
  it("prefixes a single quote to text beginning with =, +, -, @, tab or CR", () => {
    for (const text of ["=1+1", "+86", "-x", "@SUM(A1)", "\tx", "\rx"]) expect(neutralizeCell(text)).toBe(`'${text}`);
    for (const text of ["LH-1", "联合乡", "", "1-2"]) expect(neutralizeCell(text)).toBe(text);
  });

  it("no CSV or XLSX cell of a result begins with a formula character; negative amounts stay numbers", async () => {
    const dir = scratch();
    const tables = readTables("fixtures/tables");
    const evil = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3"];
    tables.households.rows.forEach((row, index) => {
      row[0] = evil[index]!;
      row[4] = evil[(index + 1) % evil.length]!;
      row[3] = "\tTownship";
      if (index === 2) row[13] = "-90000"; // business loss: negative per-capita income
    });
    tables.members.rows.forEach((row) => (row[0] = evil[["TB-001", "TB-002", "TB-003"].indexOf(row[0]!)]!));
    tables.events.rows.forEach((row) => (row[0] = evil[2]!));
    writeTables(dir, tables);
    const csv = await screen(dir, "--format", "csv", "--quiet");
    expect(csv.code).toBe(0);
    const rows: string[][] = parse(csv.stdout, { bom: true });
    expect(rows).toHaveLength(4);
    for (const row of rows.slice(1)) {
      for (const [index, cell] of row.entries()) {
        if (index >= 11 && index <= 13) expect(cell).toMatch(/^-?\d+\.\d{2}$|^$/);
        else expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    expect(rows[1]![0]).toBe(`'${evil[0]}`);
    expect(rows[3]![11]).toMatch(/^-\d+\.\d{2}$/);
    const out = join(dir, "r.xlsx");
    await screen(dir, "--format", "xlsx", "--out", out, "--quiet");
    const sheet = await workbookRows(out);
    for (const row of sheet.rows.slice(1))
      for (const cell of row) if (typeof cell === "string") expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(typeof sheet.rows[3]![11]).toBe("number");
    expect(sheet.rows[3]![11] as number).toBeLessThan(0);
  });
});

describe("table reading details", () => {
  it("reads GB18030 text exactly: the township name survives", async () => {
    const dir = scratch();
    writeTables(dir, readTables("fixtures/tables"), "gb18030");
    expect(iconv.decode(readFileSync(join(dir, "households.csv")), "gb18030")).toContain("联合乡");
    const { stdout } = await screen(dir, "--quiet");
    expect(stdout).toContain('"township":"联合乡"');
    expect(stdout).not.toContain("\uFFFD");
  });
});
