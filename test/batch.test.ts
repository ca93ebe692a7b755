import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ChunkOutput } from "../src/batch/chunk.js";
import { screenSources } from "../src/batch/workers.js";
import { readHouseholdSources } from "../src/sources/read-households.js";
import { loadRuleSet } from "../src/index.js";
import { generateHouseholds } from "../src/population/generate-households.js";
import { readResidentId } from "../src/population/resident-id.js";
import { VOCABULARIES } from "../src/vocabulary/labels.js";
import { referenceScreen } from "./support/reference-policy.js";
import { runCliCaptured } from "./support/run-cli.js";

const scratch = () => mkdtempSync(join(tmpdir(), "dixian-batch-"));
/** A chunk's text as NDJSON output has it: the results' lines, in order. */
const chunkText = (chunk: ChunkOutput) => chunk.entries.map((entry) => entry.text ?? "").join("");
const population = (households: number, seed: number) =>
  [...generateHouseholds({ households, seed, asOf: "2025-06-30", referenceIncome: 8700 })]
    .map((h) => JSON.stringify(h))
    .join("\n") + "\n";

describe("dixian generate", () => {
  it("is deterministic and every household it makes screens without rejection", async () => {
    const a = await runCliCaptured(["generate", "--households", "300", "--seed", "11"]);
    const b = await runCliCaptured(["generate", "--households", "300", "--seed", "11"]);
    const other = await runCliCaptured(["generate", "--households", "300", "--seed", "12"]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(other.stdout);
    const lines = a.stdout.trim().split("\n");
    expect(lines).toHaveLength(300);
    const screened = await runCliCaptured(
      ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--workers", "1", "--lang", "en", "-"],
      a.stdout,
    );
    expect(screened.stderr).toContain("read 300, screened 300, rejected 0");
    expect(screened.code).toBe(0);
  });

  it("is calibrated to the seed township: 8 villages, about 3.45 people per household, incomes around the threshold", () => {
    const households = [
      ...generateHouseholds({ households: 4000, seed: 3, asOf: "2025-06-30", referenceIncome: 8700 }),
    ];
    const villages = new Set(households.map((h) => h.region.village));
    const people = households.reduce((sum, h) => sum + h.members.length, 0) / households.length;
    const formerlyPoor = households.filter((h) => h.householdType === "formerlyPoor").length / households.length;
    const flags = households.map((h) => referenceScreen(h, "2025-06-30", 870000n).flag);
    expect(villages.size).toBe(8);
    expect(people).toBeGreaterThan(3.3);
    expect(people).toBeLessThan(3.6);
    expect(formerlyPoor).toBeGreaterThan(0.4);
    expect(formerlyPoor).toBeLessThan(0.6);
    for (const flag of ["none", "watch", "identify", "continue", "eliminate"]) expect(flags).toContain(flag);
  });
});

describe("dixian screen at township scale", () => {
  const input = population(700, 5);

  it("gives byte-identical output for 1 and 3 workers, in every format", async () => {
    for (const format of ["ndjson", "csv"]) {
      const one = await runCliCaptured(
        [
          "screen",
          "--rules",
          "rules/yunnan",
          "--as-of",
          "2025-06-30",
          "--workers",
          "1",
          "--quiet",
          "--format",
          format,
          "-",
        ],
        input,
      );
      const three = await runCliCaptured(
        [
          "screen",
          "--rules",
          "rules/yunnan",
          "--as-of",
          "2025-06-30",
          "--workers",
          "3",
          "--quiet",
          "--format",
          format,
          "-",
        ],
        input,
      );
      expect(three.stdout).toBe(one.stdout);
      expect(one.stdout.length).toBeGreaterThan(1000);
    }
  });

  /** The yunnan rule set and the options `dixian screen` would pass, for calling the scheduler directly. */
  const screening = () => ({
    ruleSet: loadRuleSet("rules/yunnan"),
    config: {
      asOf: "2025-06-30",
      language: "zh",
      explain: false,
      format: "ndjson",
      engine: "compiled",
    } as const,
  });

  it("hands every chunk on even when workers finish all of them while results are being written (tiny chunks)", async () => {
    // Regression: once every chunk in flight had been handed on, the scheduler waited for a worker
    // instead of sending more input, and the run hung (or reported a lost chunk).
    const { ruleSet, config } = screening();
    const lines = input.trim().split("\n").slice(0, 300).join("\n");
    const run = async (workers: number, chunkSize: number) => {
      let text = "";
      for await (const chunk of screenSources(
        readHouseholdSources(Readable.from([Buffer.from(lines)])),
        config,
        workers,
        ruleSet,
        chunkSize,
      )) {
        await new Promise((resolve) => setImmediate(resolve)); // a slow writer
        text += chunkText(chunk);
      }
      return text;
    };
    const reference = await run(1, 300);
    expect(reference.split("\n").length).toBe(301);
    expect(await run(2, 1)).toBe(reference);
    expect(await run(2, 3)).toBe(reference);
    expect(await run(3, 2)).toBe(reference);
  });

  it("writes every chunk before a failure, and fails the same way, whichever thread screened what", async () => {
    // Input that cannot be read past household 150: every thread count must hand on the same
    // results (all chunks before the failing one) and then the same error.
    const { ruleSet, config } = screening();
    const lines = input.trim().split("\n").slice(0, 300);
    // eslint-disable-next-line @typescript-eslint/require-await -- an async source, as a file read is
    async function* failingSource() {
      for (const [index, text] of lines.entries()) {
        if (index === 150) throw new Error("disk read failed");
        yield { kind: "line" as const, line: index + 1, text };
      }
    }
    const run = async (threads: number) => {
      let text = "";
      try {
        for await (const chunk of screenSources(failingSource(), config, threads, ruleSet, 8)) text += chunkText(chunk);
      } catch (error) {
        return { text, error: (error as Error).message };
      }
      return { text, error: null };
    };
    const one = await run(1);
    expect(one.error).toBe("disk read failed");
    expect(one.text.split("\n").length).toBe(145); // 18 chunks of 8 before the chunk being read
    expect(await run(2)).toEqual(one);
    expect(await run(3)).toEqual(one);
  });

  it("keeps input order and counts read = screened + rejected with workers", async () => {
    const lines = input.trim().split("\n");
    lines.splice(100, 0, "{broken");
    lines.splice(400, 0, JSON.stringify({ id: "BAD-1" }));
    const { stdout, stderr, code } = await runCliCaptured(
      ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--workers", "2", "--lang", "en", "-"],
      lines.join("\n"),
    );
    expect(code).toBe(1);
    expect(stderr).toContain("read 702, screened 700, rejected 2");
    expect(stderr).toContain("rejected line 101: /: invalid JSON");
    expect(stderr).toContain("rejected line 401 (id BAD-1)");
    const ids = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).householdId);
    expect(ids).toEqual(
      input
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).id),
    );
  });

  it("writes Excel-friendly CSV: BOM, Chinese headers by default, English with --lang en, one row per household, flags as the reference says", async () => {
    const zh = await runCliCaptured(
      [
        "screen",
        "--rules",
        "rules/yunnan",
        "--as-of",
        "2025-06-30",
        "--format",
        "csv",
        "--quiet",
        "--workers",
        "2",
        "-",
      ],
      input,
    );
    expect(
      zh.stdout.startsWith(
        "\uFEFF户编号,乡镇,村,户类型,人数,状态,标记,类别,风险类型,3+1问题,帮扶措施,人均纯收入,调整后人均收入,监测标准,理由,数据校验,线索任务,转介部门,每周走访次数,未办结线索,已办结线索,评估日,规则集,不合格原因\r\n",
      ),
    ).toBe(true);
    const en = await runCliCaptured(
      ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--format", "csv", "--lang", "en", "--quiet", "-"],
      input,
    );
    const rows = parse<Record<string, string>>(en.stdout, { bom: true, columns: true });
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
    expect(rows).toHaveLength(700);
    const flagCode = Object.fromEntries(Object.entries(VOCABULARIES.flag).map(([code, label]) => [label.en, code]));
    const households = input
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const count = (flags: string[]) =>
      flags.reduce<Record<string, number>>((acc, flag) => ({ ...acc, [flag]: (acc[flag] ?? 0) + 1 }), {});
    expect(count(rows.map((row) => flagCode[row.flag!]!))).toEqual(
      count(households.map((h) => referenceScreen(h, "2025-06-30", 870000n).flag)),
    );
  });
});

describe("county tables as input", () => {
  it("screens households.csv + members.csv + events.csv joined by id", async () => {
    const { stdout, code } = await runCliCaptured([
      "screen",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--quiet",
      "fixtures/tables",
    ]);
    expect(code).toBe(0);
    const results = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(results.map((r) => [r.householdId, r.flag])).toEqual([
      ["TB-001", "identify"],
      ["TB-002", "continue"],
      ["TB-003", "none"],
    ]);
    expect(results[2].riskTypes.map((r: { id: string }) => r.id)).toEqual(["unstableEmployment"]);
    expect(results[1].measures.find((m: { id: string }) => m.id === "protection.dibao").inPlace).toBe(true);
  });

  it("names the file, row and column of a bad value, and reports members of a missing household", async () => {
    const dir = scratch();
    cpSync("fixtures/tables", dir, { recursive: true });
    const members = readFileSync(join(dir, "members.csv"), "utf8").replace(
      "TB-001,M2,1977-08-21,female,spouse,ordinary",
      "TB-001,M2,1977-08-21,female,spouse,strong",
    );
    writeFileSync(
      join(dir, "members.csv"),
      members + "TB-999,M1,1980-01-01,male,head,ordinary,none,,none,false,resident,\n",
    );
    const { stderr, code } = await runCliCaptured([
      "screen",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--lang",
      "en",
      dir,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'rejected households.csv row 2 (id TB-001): members.csv row 3 column labor (劳动技能): "strong" is not valid: write one of the Chinese labels 普通劳动力, 技能劳动力, 弱劳动力或半劳动力, 丧失劳动力, 无劳动力, or a code: ordinary',
    );
    expect(stderr).toContain(`rejected members.csv row 8: /: household "TB-999" is not in households.csv`);
    expect(stderr).toContain("read 4, screened 2, rejected 2");
  });

  it("accepts Chinese headers and refuses unknown columns", async () => {
    const dir = scratch();
    cpSync("fixtures/tables", dir, { recursive: true });
    const households = readFileSync(join(dir, "households.csv"), "utf8").replace(
      /^id,province,county/,
      "户编号,省代码,县代码",
    );
    writeFileSync(join(dir, "households.csv"), households);
    expect(
      (await runCliCaptured(["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--quiet", dir])).code,
    ).toBe(0);
    writeFileSync(join(dir, "households.csv"), households.replace("户编号,省代码", "户编号,省代马"));
    const bad = await runCliCaptured([
      "screen",
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2025-06-30",
      "--quiet",
      "--lang",
      "en",
      dir,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`households.csv: unknown column "省代马"`);
  });
});

describe("dixian diff", () => {
  it("reports exactly the households whose flag changes between the 2023 and 2025 thresholds", async () => {
    const dir = scratch();
    const households = [
      ...generateHouseholds({ households: 400, seed: 9, asOf: "2025-06-30", referenceIncome: 8700 }),
    ].map((h) => ({ ...h, monitoring: undefined, income: { ...h.income, periodEnd: undefined } }));
    writeFileSync(join(dir, "h.ndjson"), households.map((h) => JSON.stringify(h)).join("\n"));
    const { stdout, code } = await runCliCaptured([
      "diff",
      join(dir, "h.ndjson"),
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2023-06-30",
      "--as-of-b",
      "2025-06-30",
      "--json",
    ]);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    const expected = households
      .filter((h) => referenceScreen(h, "2023-06-30", 805000n).flag !== referenceScreen(h, "2025-06-30", 870000n).flag)
      .map((h) => h.id);
    expect(diff.flagChanged.map((change: { householdId: string }) => change.householdId)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    const total = Object.values(diff.matrix as Record<string, Record<string, number>>)
      .flatMap((row) => Object.values(row))
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(400);
    const text = await runCliCaptured([
      "diff",
      join(dir, "h.ndjson"),
      "--rules",
      "rules/yunnan",
      "--as-of",
      "2023-06-30",
      "--as-of-b",
      "2025-06-30",
    ]);
    expect(text.stdout).toContain(`${expected.length} changed flag`);
    expect(text.stdout).toMatch(/T 8050\.00 {2}→ {2}N .* T 8700\.00/);
  });
});

describe("dixian anonymize", () => {
  it("checks resident ID numbers (GB 11643) and reads birth date and sex", () => {
    expect(readResidentId("11010519491231002X")).toEqual({ ok: true, birthDate: "1949-12-31", sex: "female" });
    expect(readResidentId("530129197204153011")).toEqual({ ok: true, birthDate: "1972-04-15", sex: "male" });
    expect(readResidentId("530129197204153012", "en")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("check digit"),
    });
    expect(readResidentId("530129197204153012")).toMatchObject({ ok: false, problem: "校验码不符（GB 11643）" });
    expect(readResidentId("5301291972041530")).toMatchObject({ ok: false });
  });

  it("hashes ids with the salt, drops names, phones and addresses, and names the row of a bad ID number", async () => {
    const { stdout, stderr, code } = await runCliCaptured([
      "anonymize",
      "--salt",
      "county-secret-2025",
      "--lang",
      "en",
      "fixtures/county-export",
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      "error households.csv row 3: members.csv row 6 column idNumber (身份证号): check digit does not match",
    );
    expect(stdout).not.toMatch(/张某某|13800000000|联合乡某村|530129-LH-0102|530129197204153011/);
    const household = JSON.parse(stdout.trim());
    expect(household.id).toMatch(/^A[0-9a-f]{15}$/);
    expect(
      household.members.map((m: { id: string; birthDate: string; sex: string }) => [m.id, m.birthDate, m.sex]),
    ).toEqual([
      ["M1", "1972-04-15", "male"],
      ["M2", "1974-09-02", "female"],
      ["M3", "2013-03-01", "male"],
    ]);
    const again = await runCliCaptured(["anonymize", "--salt", "county-secret-2025", "fixtures/county-export"]);
    const otherSalt = await runCliCaptured(["anonymize", "--salt", "another-secret", "fixtures/county-export"]);
    expect(again.stdout).toBe(stdout);
    expect(JSON.parse(otherSalt.stdout.trim()).id).not.toBe(household.id);
    const screened = await runCliCaptured(
      ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--quiet", "-"],
      stdout,
    );
    expect(screened.code).toBe(0);
  });
});
