import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { HouseholdRejectedError, loadRuleSet, screen, screenBatch, validateHousehold } from "../src/index.js";
import { createProgress } from "../src/cli/progress.js";
import { closestName, editDistance } from "../src/messages/suggestion.js";
import { contractExample } from "./support/households.js";
import { copyRules, editText, lineOf, loadError } from "./support/rule-set-copy.js";
import { runCliCaptured } from "./support/run-cli.js";

const SCREEN = ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--workers", "1"];

/** A household with a misspelt field, a labour code that is not one and a wage with three decimals. */
function brokenHousehold(): Record<string, any> {
  const household = contractExample();
  household.id = "BAD-1";
  household.incom = household.income;
  household.members[0].labor = "ordinay";
  household.income.wage = "12.345";
  return household;
}

describe("household validation speaks Chinese by default and English when asked", () => {
  it("words every issue in the language of the call, with the same paths", () => {
    const zh = validateHousehold(brokenHousehold(), "2025-06-30");
    const en = validateHousehold(brokenHousehold(), "2025-06-30", "en");
    if (zh.ok || en.ok) throw new Error("expected a rejection");
    expect(zh.issues.map((issue) => issue.path)).toEqual(en.issues.map((issue) => issue.path));
    expect(zh.issues).toEqual(
      expect.arrayContaining([
        { path: "", message: `未知字段："incom"；你是否想写 "income"？` },
        {
          path: "/members/0/labor",
          message: expect.stringMatching(/^取值 "ordinay" 无效，应为以下之一：.*；你是否想写 "ordinary"？$/),
        },
        { path: "/income/wage", message: "金额最多两位小数" },
      ]),
    );
    expect(en.issues).toEqual(
      expect.arrayContaining([
        { path: "", message: `unknown field: "incom"; did you mean "income"?` },
        {
          path: "/members/0/labor",
          message: expect.stringMatching(/^invalid value "ordinay": expected one of .*; did you mean "ordinary"\?$/),
        },
        { path: "/income/wage", message: "money has at most two decimal places" },
      ]),
    );
  });

  it("keeps the project's own checks bilingual: a missing field, an identification after the as-of date", () => {
    const household = contractExample();
    delete household.income.wage;
    expect(validateHousehold(household, "2025-06-30")).toMatchObject({
      ok: false,
      issues: [{ path: "/income/wage", message: "缺少必填字段" }],
    });
    expect(validateHousehold(contractExample(), "2024-12-31")).toMatchObject({
      ok: false,
      issues: [{ message: expect.stringContaining("晚于评估日 2024-12-31") }],
    });
    expect(validateHousehold(contractExample(), "2024-12-31", "en")).toMatchObject({
      ok: false,
      issues: [{ message: expect.stringContaining("after the as-of date 2024-12-31") }],
    });
  });

  it("never lets one call's language leak into the next (no global zod setting)", () => {
    const messages = ["zh", "en", "zh", "en"].map((lang) => {
      const result = validateHousehold(brokenHousehold(), "2025-06-30", lang as "zh" | "en");
      return result.ok ? "" : result.issues.find((issue) => issue.path === "/income/wage")!.message;
    });
    expect(messages).toEqual([
      "金额最多两位小数",
      "money has at most two decimal places",
      "金额最多两位小数",
      "money has at most two decimal places",
    ]);
  });

  it("screen() rejects with E_INPUT_SCHEMA in the screening's language", async () => {
    const ruleSet = loadRuleSet("rules/yunnan");
    const rejection = (lang?: "zh" | "en") =>
      screen(brokenHousehold(), { ruleSet, asOf: "2025-06-30", ...(lang ? { lang } : {}) }).catch(
        (error: unknown) => error,
      );
    const zh = await rejection();
    const en = await rejection("en");
    expect(zh).toBeInstanceOf(HouseholdRejectedError);
    expect(zh).toMatchObject({
      code: "E_INPUT_SCHEMA",
      message: expect.stringMatching(/^农户 BAD-1 数据有误：.*\/income\/wage：金额最多两位小数/),
    });
    expect(en).toMatchObject({
      code: "E_INPUT_SCHEMA",
      message: expect.stringMatching(
        /^household BAD-1 is invalid: .*\/income\/wage: money has at most two decimal places/,
      ),
    });
    const entries = [];
    for await (const entry of screenBatch([brokenHousehold()], { ruleSet, asOf: "2025-06-30", lang: "en" }))
      entries.push(entry);
    expect(entries[0]).toMatchObject({
      ok: false,
      rejection: {
        code: "E_INPUT_SCHEMA",
        issues: expect.arrayContaining([{ path: "/income/wage", message: "money has at most two decimal places" }]),
      },
    });
  });
});

describe("the command line speaks Chinese by default and English with --lang en", () => {
  it("prints rejected households' lines in the language, with the same exit status", async () => {
    const input = [JSON.stringify(brokenHousehold()), "{not json"].join("\n");
    const zh = await runCliCaptured([...SCREEN, "-"], input);
    const en = await runCliCaptured([...SCREEN, "--lang", "en", "-"], input);
    expect([zh.code, en.code]).toEqual([1, 1]);
    expect(zh.stderr).toContain("未通过校验 第 1 行（户编号 BAD-1）：");
    expect(zh.stderr).toContain("/income/wage：金额最多两位小数");
    expect(zh.stderr).toContain("未通过校验 第 2 行：/：不是有效的 JSON：");
    expect(zh.stderr).toContain("dixian screen：读取 2 户，筛查 0 户，不合格 2 户");
    expect(en.stderr).toContain("rejected line 1 (id BAD-1): ");
    expect(en.stderr).toContain("/income/wage: money has at most two decimal places");
    expect(en.stderr).toContain("rejected line 2: /: invalid JSON: ");
    expect(en.stderr).toContain("dixian screen: read 2, screened 0, rejected 2");
  });

  it("writes --rejects in the language too, with the same codes and paths", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-messages-"));
    for (const lang of ["zh", "en"]) {
      await runCliCaptured(
        [...SCREEN, "--quiet", "--lang", lang, "--rejects", join(dir, `${lang}.ndjson`), "-"],
        JSON.stringify(brokenHousehold()),
      );
    }
    const zh = JSON.parse(readFileSync(join(dir, "zh.ndjson"), "utf8"));
    const en = JSON.parse(readFileSync(join(dir, "en.ndjson"), "utf8"));
    expect(zh.code).toBe("E_INPUT_SCHEMA");
    expect(en.code).toBe("E_INPUT_SCHEMA");
    expect(zh.issues.map((issue: { path: string }) => issue.path)).toEqual(
      en.issues.map((issue: { path: string }) => issue.path),
    );
    expect(zh.issues.find((issue: { path: string }) => issue.path === "/income/wage").message).toBe("金额最多两位小数");
  });

  it("words usage errors in the language, E_USAGE and exit 2 in both, with a suggestion for a misspelt option or command", async () => {
    const cases: [string[], RegExp, RegExp][] = [
      [
        ["screen", "--fromat", "csv"],
        /E_USAGE: 未知选项 --fromat；你是否想写 --format？\n运行 "dixian screen --help" 查看用法。/,
        /E_USAGE: unknown option --fromat; did you mean --format\?\nRun "dixian screen --help" for usage\./,
      ],
      [
        ["screen", "--as-of", "2025-06-30", "-"],
        /E_USAGE: 缺少必需的选项 --rules <rule-set dir>/,
        /E_USAGE: --rules <rule-set dir> is required/,
      ],
      [["screen", "--rules"], /E_USAGE: 选项 --rules 需要一个取值/, /E_USAGE: option --rules needs a value/],
      [
        ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--format", "xlsxx", "-"],
        /E_USAGE: --format 须为 .* 之一，不能是 "xlsxx"/,
        /E_USAGE: --format must be one of .*, not "xlsxx"/,
      ],
      [
        ["validate", "--as-of", "2025-02-30", "rules/cn"],
        /E_USAGE: --as-of：2025-02-30 不是真实存在的日期/,
        /E_USAGE: --as-of: 2025-02-30 is not a real calendar date/,
      ],
      [
        ["generate", "--households", "x", "--seed", "1"],
        /E_USAGE: --households 须为整数/,
        /E_USAGE: --households must be a whole number/,
      ],
      [
        ["test"],
        /E_USAGE: 请至少给出一个规则集目录或测试文件/,
        /E_USAGE: give at least one rule-set directory or test file/,
      ],
    ];
    for (const [args, zh, en] of cases) {
      const chinese = await runCliCaptured(args);
      const english = await runCliCaptured([...args, "--lang", "en"]);
      expect(chinese.code, args.join(" ")).toBe(2);
      expect(english.code, args.join(" ")).toBe(2);
      expect(chinese.stderr, args.join(" ")).toMatch(zh);
      expect(english.stderr, args.join(" ")).toMatch(en);
    }
    const command = await runCliCaptured(["scren", "--lang", "en"]);
    expect(command).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`dixian: unknown command "scren"; did you mean screen?`),
    });
    expect((await runCliCaptured(["scren"])).stderr).toContain(`dixian: 未知命令 "scren"；你是否想写 screen？`);
  });

  it("keeps error codes the same in both languages", async () => {
    // rules/yunnan has thresholds for 2023, 2024 and 2025 only (docs/policy.md#s2-1): none is in force in 2022.
    for (const lang of ["zh", "en"]) {
      const noThreshold = await runCliCaptured(
        [...SCREEN, "--lang", lang, "--as-of", "2022-06-30", "-"],
        JSON.stringify(contractExample()),
      );
      expect(noThreshold.stderr).toContain("E_NO_PARAMETER_IN_FORCE");
      const badDate = await runCliCaptured([...SCREEN, "--lang", lang, "--as-of", "2025-02-30", "-"], "");
      expect(badDate.stderr).toContain("E_BAD_AS_OF");
      const missing = await runCliCaptured(
        ["screen", "--rules", "rules/nowhere", "--as-of", "2025-06-30", "--lang", lang, "-"],
        "",
      );
      expect(missing.stderr).toContain("E_RULESET_NOT_FOUND");
    }
    expect((await runCliCaptured([...SCREEN, "--as-of", "2022-06-30", "-"], "")).stderr).toMatch(
      /E_NO_PARAMETER_IN_FORCE: 规则集 yunnan 的参数 threshold 在 2022-06-30 没有生效的取值/,
    );
  });
});

describe("dixian validate and test on broken rule files, in both languages", () => {
  const copies = (() => {
    const missingComma = copyRules();
    const parameters = join(missingComma, "yunnan/parameters.json");
    editText(parameters, `"type": "money",`, `"type": "money"`);
    const unknownFact = copyRules();
    const assessment = join(unknownFact, "cn/rules/assessment.json");
    editText(assessment, `"fact": "eventCount"`, `"fact": "eventCont"`);
    return {
      missingComma: join(missingComma, "yunnan"),
      parameters,
      unknownFact: join(unknownFact, "yunnan"),
      assessment,
    };
  })();

  it("names the line where a comma is missing and suggests the fact that was meant", async () => {
    const commaLine = lineOf(copies.parameters, `"type": "money"`);
    const nextLine = lineOf(copies.parameters, `"unit"`);
    const factLine = lineOf(copies.assessment, `"eventCont"`);
    const zh = await runCliCaptured(["validate", copies.missingComma, copies.unknownFact]);
    const en = await runCliCaptured(["validate", "--lang", "en", copies.missingComma, copies.unknownFact]);
    expect([zh.code, en.code]).toEqual([2, 2]);
    expect(zh.stderr).toMatch(
      new RegExp(
        `parameters\\.json:${commaLine}:\\d+ /：JSON 语法错误：第 ${commaLine} 行末尾缺少逗号（下一项从第 ${nextLine} 行`,
      ),
    );
    expect(en.stderr).toMatch(
      new RegExp(
        `parameters\\.json:${commaLine}:\\d+ /: invalid JSON: missing comma at the end of line ${commaLine} \\(the next item starts at line ${nextLine}`,
      ),
    );
    expect(zh.stderr).toMatch(
      new RegExp(
        `assessment\\.json:${factLine}:\\d+ \\S+fact：未知的事实 "eventCont"（见 docs/facts\\.md）；你是否想写 "eventCount"？`,
      ),
    );
    expect(en.stderr).toMatch(
      new RegExp(
        `assessment\\.json:${factLine}:\\d+ \\S+fact: unknown fact "eventCont" \\(see docs/facts\\.md\\); did you mean "eventCount"\\?`,
      ),
    );
  });

  it("names a trailing comma where it is, once", () => {
    const copy = copyRules();
    const file = join(copy, "cn/conditions.json");
    editText(file, `{`, `{\n  "x": [1, 2,],`);
    const problems = loadError(join(copy, "cn"), "zh").problems.filter((p) => p.file.endsWith("conditions.json"));
    expect(problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 13,
        message: "JSON 语法错误：第 2 行第 13 列多了一个逗号：最后一项后面不能有逗号",
      }),
    ]);
  });

  it("gives the same error codes through the API, in the language asked for", () => {
    expect(loadError(copies.missingComma, "zh").code).toBe("E_RULESET_JSON");
    expect(loadError(copies.missingComma, "en").code).toBe("E_RULESET_JSON");
    const zh = loadError(copies.unknownFact, "zh");
    const en = loadError(copies.unknownFact, "en");
    expect([zh.code, en.code]).toEqual(["E_RULESET_SCHEMA", "E_RULESET_SCHEMA"]);
    expect(zh.problems.map((p) => [p.path, p.line])).toEqual(en.problems.map((p) => [p.path, p.line]));
    expect(() => loadRuleSet(copies.unknownFact)).toThrow(/规则集有错误/);
  });

  it("suggests near names for parameters, measures, risk types and named conditions", () => {
    const copy = copyRules();
    editText(join(copy, "cn/rules/plan.json"), `"measure": "housing.renovation"`, `"measure": "housing.renovaton"`);
    editText(join(copy, "cn/rules/assessment.json"), `"param": "riskWindowMonths"`, `"param": "riskWindowMonth"`);
    const messages = loadError(join(copy, "cn"), "zh").problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        `未知的措施 "housing.renovaton"；你是否想写 "housing.renovation"？`,
        `未知的参数 "riskWindowMonth"；你是否想写 "riskWindowMonths"？`,
      ]),
    );
  });

  it("reports dixian test in the language", async () => {
    const zh = await runCliCaptured(["test", "rules/cn"]);
    const en = await runCliCaptured(["test", "--lang", "en", "rules/cn"]);
    expect(zh.stdout).toMatch(/^通过 \d+ 个，失败 0 个$/m);
    expect(en.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(zh.code).toBe(en.code);
  });
});

describe("did you mean", () => {
  it("counts insertions, deletions, substitutions and swaps of neighbours as one edit each", () => {
    expect(editDistance("threshold", "threshold")).toBe(0);
    expect(editDistance("thershold", "threshold")).toBe(1);
    expect(editDistance("eventCont", "eventCount")).toBe(1);
    expect(editDistance("abc", "")).toBe(3);
  });

  it("suggests only names close enough to be a slip, and nothing for a wholly different one", () => {
    expect(closestName("incom", ["id", "income", "region"])).toBe("income");
    expect(closestName("INCOME", ["income"])).toBe("income");
    expect(closestName("zzz", ["income", "region"])).toBeUndefined();
    expect(closestName("x".repeat(500), ["income"])).toBeUndefined();
  });
});

describe("progress", () => {
  const fakeTerminal = () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let written = "";
    stream.on("data", (chunk) => (written += chunk));
    return { stream, written: () => written };
  };

  it("draws a bar with households, rate and time left on a terminal, in the language, and clears it at the end", () => {
    const terminal = fakeTerminal();
    let clock = 0;
    const progress = createProgress(terminal.stream, false, { language: "zh", total: 200, now: () => clock });
    clock = 1000;
    progress.tick(100);
    progress.finish();
    expect(terminal.written()).toMatch(/[█░]{24} 0% · 0 户/);
    // eslint-disable-next-line no-control-regex -- the terminal sequence that clears the line
    expect(terminal.written()).toMatch(/\u001b\[2K$/); // the line is cleared
    const english = fakeTerminal();
    const counter = createProgress(english.stream, false, { language: "en", fraction: () => null, now: () => 0 });
    counter.finish();
    expect(english.written()).toContain("0 households · 0 households/s");
    expect(english.written()).not.toMatch(/[█░]/);
  });

  it("writes nothing when the stream is not a terminal or with --quiet", () => {
    for (const [tty, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const stream = Object.assign(new PassThrough(), { isTTY: tty });
      let written = "";
      stream.on("data", (chunk) => (written += chunk));
      const progress = createProgress(stream, quiet, { language: "zh", total: 10 });
      progress.tick(5);
      progress.finish();
      expect(written).toBe("");
    }
  });

  describe("in real runs of the built command", () => {
    const cli = join(process.cwd(), "packages/cli/dist/cli.js");
    beforeAll(() => {
      if (!existsSync(cli)) execFileSync("npx", ["tsup", "--silent"], { stdio: "ignore" });
    }, 180_000);

    it("is silent when standard error is not a terminal", () => {
      const dir = mkdtempSync(join(tmpdir(), "dixian-progress-"));
      const population = join(dir, "households.ndjson");
      const generated = spawnSync(
        process.execPath,
        [cli, "generate", "--households", "300", "--seed", "3", "--out", population],
        { encoding: "utf8" },
      );
      expect(generated).toMatchObject({ status: 0, stderr: "" });
      const screened = spawnSync(
        process.execPath,
        [
          cli,
          "screen",
          "--rules",
          "rules/yunnan",
          "--as-of",
          "2025-06-30",
          "--workers",
          "1",
          "--out",
          join(dir, "out.ndjson"),
          population,
        ],
        { encoding: "utf8" },
      );
      expect(screened.status).toBe(0);
      expect(screened.stderr).toMatch(/^dixian screen：读取 300 户，筛查 300 户，不合格 0 户（[^\n]*）\n$/);
    });

    it.runIf(existsSync("/usr/bin/script"))(
      "draws a bar when standard error is a terminal (pseudo-terminal through script)",
      () => {
        const dir = mkdtempSync(join(tmpdir(), "dixian-progress-"));
        const out = join(dir, "households.ndjson");
        const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} generate --households 2000 --seed 3 --out ${JSON.stringify(out)}`;
        const transcript = execFileSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8" });
        expect(transcript).toMatch(/[█░]+ \d+% · [\d,]+ 户/);
        expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(2000);
        const quiet = execFileSync("script", ["-qec", `${command} --quiet`, "/dev/null"], { encoding: "utf8" });
        expect(quiet).not.toMatch(/[█░]/);
      },
    );
  });
});
