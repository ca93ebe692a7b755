import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { writeFolderAtomically } from "../src/cli/atomic-output.js";
import { loadRuleSet } from "../src/index.js";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * `dixian init-overlay`: a county supplies its 2026 values in one command, and the overlay it
 * writes validates, passes its tests and screens a 2026 date at once.
 */

const scratch = () => mkdtempSync(join(tmpdir(), "dixian-init-"));
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** A household of the overlay's example test, with its income changed. */
function householdOf(dir: string, wage: string): Record<string, any> {
  const household = readJson(join(dir, "tests", "example.json")).tests[0].household;
  return { ...household, income: { ...household.income, wage } };
}

describe("dixian init-overlay", () => {
  it("writes an overlay that validates, passes its test and screens 2026 at once", async () => {
    const dir = join(scratch(), "pingan-county");
    const made = await runCliCaptured([
      "init-overlay",
      dir,
      "--extends",
      "builtin:yunnan",
      "--threshold",
      "2026=9000",
      "--dibao-standard",
      "2026=6000",
      "--source",
      "平安县 2026 年防止返贫监测范围的通知",
    ]);
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`已建立县级规则集 ${dir}（标识 pingan-county，版本 2026.1，继承 builtin:yunnan）`);
    expect(made.stdout).toContain(
      "已检查：按 2026-06-30 校验通过（dixian validate --as-of），示例测试 example-2026-identify 通过",
    );
    expect(made.stdout).toContain(`下一步：dixian screen --rules ${dir} --as-of 2026-06-30`);
    expect(readdirSync(dir).sort()).toEqual(["parameters.json", "ruleset.json", "tests"]);
    expect(readdirSync(join(dir, "tests"))).toEqual(["example.json"]);

    const manifest = readJson(join(dir, "ruleset.json"));
    expect(manifest).toMatchObject({ id: "pingan-county", version: "2026.1", extends: "builtin:yunnan" });
    expect(manifest.description.zh).toContain("2026 年监测标准 9000 元、2026 年低保标准 6000 元");
    expect(manifest.description.en).toContain("the 2026 monitoring threshold of 9000 yuan");
    const { $schema: _schema, ...parameters } = readJson(join(dir, "parameters.json"));
    const value = (amount: string) => ({
      from: "2026-01-01",
      until: "2026-12-31",
      value: amount,
      source: { document: "平安县 2026 年防止返贫监测范围的通知", note: expect.stringContaining("暂定值") },
      // A value supplied before the province publishes one: provisional, the honest default.
      status: "provisional",
    });
    expect(parameters).toEqual({
      threshold: { merge: "addValues", values: [value("9000")] },
      dibaoStandard: { merge: "addValues", values: [value("6000")] },
    });
    const example = readJson(join(dir, "tests", "example.json")).tests[0];
    expect(example).toMatchObject({
      asOf: "2026-06-30",
      expect: { flag: "identify", figures: { threshold: "9000.00" } },
    });

    const validate = await runCliCaptured(["validate", "--lang", "en", "--as-of", "2026-06-30", dir]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^ok .*pingan-county 2026\.1 \(cn → yunnan → pingan-county\)/m);
    // The only warnings are about the two values the overlay itself writes.
    expect(validate.stderr.trim().split("\n")).toEqual([
      expect.stringContaining('parameter threshold = 9000 (from 2026-01-01) has status "provisional"'),
      expect.stringContaining('parameter dibaoStandard = 6000 (from 2026-01-01) has status "provisional"'),
    ]);
    const test = await runCliCaptured(["test", "--coverage", dir]);
    expect(test.stdout).toMatch(/^通过 1 个，失败 0 个$/m);
    expect(test.code).toBe(0);

    const input = join(dirname(dir), "households.ndjson");
    writeFileSync(
      input,
      [householdOf(dir, "24300"), householdOf(dir, "12000")].map((household) => JSON.stringify(household)).join("\n"),
    );
    const screened = await runCliCaptured(["screen", "--quiet", "--rules", dir, "--as-of", "2026-06-30", input]);
    expect(screened.code).toBe(0);
    const [identified, poorer] = screened.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(identified).toMatchObject({
      flag: "identify",
      figures: { threshold: "9000.00", perCapitaNetIncome: "8100.00" },
    });
    expect(identified.ruleSet).toEqual({ id: "pingan-county", version: "2026.1", hash: loadRuleSet(dir).hash });
    // Every result resting on a provisional value says so.
    expect(identified.checks.map((check: { id: string }) => check.id)).toContain("W_PROVISIONAL_PARAMETER");
    // The county's 2026 低保 standard applies: 4000.00 ≤ 6000.
    expect(poorer.measures.map((measure: { id: string }) => measure.id)).toContain("protection.dibao");
  });

  it("names each file's JSON Schema so an editor checks it, and every file is valid against it", async () => {
    const dir = join(scratch(), "nested", "county");
    expect(
      (
        await runCliCaptured([
          "init-overlay",
          dir,
          "--extends",
          "builtin:cn",
          "--threshold",
          "2025=7000.50",
          "--source",
          "某县通知",
          "--status",
          "partial",
        ])
      ).code,
    ).toBe(0);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    for (const [file, schema] of [
      ["ruleset.json", "ruleset"],
      ["parameters.json", "parameters"],
      ["tests/example.json", "rule-test"],
    ] as const) {
      const document = readJson(join(dir, file));
      // Relative to the file, pointing at the package's own schema/ folder (the checkout here; node_modules/dixian when installed).
      const schemaPath = resolve(dirname(join(dir, file)), document.$schema);
      expect(schemaPath).toBe(resolve("schema", `${schema}.schema.json`));
      const validate = ajv.compile(readJson(schemaPath));
      expect(validate(document) ? [] : validate.errors, file).toEqual([]);
    }
    expect(readJson(join(dir, "parameters.json")).threshold.values[0]).toMatchObject({
      value: "7000.50",
      status: "partial",
      source: { document: "某县通知" },
    });
    expect(readJson(join(dir, "parameters.json")).threshold.values[0].source.note).toBeUndefined();
  });

  it("takes a rule-set folder for --extends, written relative to the overlay, and several years", async () => {
    const root = scratch();
    const dir = join(root, "counties", "my-county");
    const made = await runCliCaptured([
      "init-overlay",
      dir,
      "--lang",
      "en",
      "--extends",
      "rules/yunnan",
      "--threshold",
      "2027=9300",
      "--threshold",
      "2026=9100",
      "--source",
      "County notice",
    ]);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(
      "checked: valid on 2026-06-30, 2027-06-30 (dixian validate --as-of), example test example-2026-identify passed",
    );
    const manifest = readJson(join(dir, "ruleset.json"));
    expect(resolve(dir, manifest.extends)).toBe(resolve("rules/yunnan"));
    expect(manifest.version).toBe("2027.1");
    expect(readJson(join(dir, "parameters.json")).threshold.values.map((v: { from: string }) => v.from)).toEqual([
      "2026-01-01",
      "2027-01-01",
    ]);
    expect(readJson(join(dir, "tests", "example.json")).tests[0].description).toMatch(
      /^Example: a general household of 3/,
    );
    for (const asOf of ["2026-06-30", "2027-06-30"])
      expect((await runCliCaptured(["validate", "--as-of", asOf, dir])).code).toBe(0);
    expect((await runCliCaptured(["validate", "--as-of", "2028-06-30", dir])).code).toBe(2);
    expect((await runCliCaptured(["test", dir])).code).toBe(0);
  });

  it("derives the id from the folder name, and says so when the name cannot be one", async () => {
    const root = scratch();
    const chinese = await runCliCaptured([
      "init-overlay",
      join(root, "我的县"),
      "--extends",
      "builtin:yunnan",
      "--threshold",
      "2026=9000",
      "--source",
      "通知",
    ]);
    expect(chinese.code).toBe(0);
    expect(chinese.stdout).toContain("文件夹名 我的县 不能直接作规则集标识");
    expect(readJson(join(root, "我的县", "ruleset.json")).id).toBe("county-overlay");
    const mixed = join(root, "2026 Xundian county");
    expect(
      (
        await runCliCaptured([
          "init-overlay",
          mixed,
          "--extends",
          "builtin:yunnan",
          "--threshold",
          "2026=9000",
          "--source",
          "x",
        ])
      ).code,
    ).toBe(0);
    expect(readJson(join(mixed, "ruleset.json")).id).toBe("Xundian-county");
    const given = join(root, "given");
    await runCliCaptured([
      "init-overlay",
      given,
      "--id",
      "xundian",
      "--extends",
      "builtin:yunnan",
      "--threshold",
      "2026=9000",
      "--source",
      "x",
    ]);
    expect(readJson(join(given, "ruleset.json")).id).toBe("xundian");
  });

  it("writes into an empty folder, and refuses one that is not empty, writing nothing", async () => {
    const root = scratch();
    const empty = join(root, "empty");
    mkdirSync(empty);
    const args = ["--extends", "builtin:yunnan", "--threshold", "2026=9000", "--source", "x"];
    expect((await runCliCaptured(["init-overlay", empty, ...args])).code).toBe(0);
    expect(readdirSync(empty).sort()).toEqual(["parameters.json", "ruleset.json", "tests"]);
    const before = readFileSync(join(empty, "parameters.json"), "utf8");
    const again = await runCliCaptured(["init-overlay", empty, ...args, "--lang", "en"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`E_USAGE: ${empty} exists and is not an empty folder`);
    expect(readFileSync(join(empty, "parameters.json"), "utf8")).toBe(before);
    const file = join(root, "a-file");
    writeFileSync(file, "x");
    expect((await runCliCaptured(["init-overlay", file, ...args])).stderr).toContain("已存在且不是空文件夹");
    // No temporary folder is left beside them.
    expect(readdirSync(root).sort()).toEqual(["a-file", "empty"]);
  });

  it("checks every value like a parameter value and refuses what a county cannot mean, writing nothing", async () => {
    const root = scratch();
    const dir = join(root, "county");
    const cases: [string[], string][] = [
      [["--threshold", "2026=0"], "--threshold 2026=0 is not a valid value: money greater than 0"],
      [["--threshold", "2026=-9000"], "--threshold 2026=-9000 is not a valid value: money greater than 0"],
      [["--dibao-standard", "2026=0.00"], "--dibao-standard 2026=0.00 is not a valid value: money greater than 0"],
      [
        ["--threshold", "2026=9000.123"],
        "--threshold 2026=9000.123 is not a valid value: money: a decimal amount in 元 with at most 2 places",
      ],
      [["--threshold", "2026=9千"], "--threshold 2026=9千 is not a valid value"],
      [["--threshold", "26=9000"], '--threshold "26=9000": write YEAR=VALUE with a four-digit year'],
      [["--threshold", "2026"], '--threshold "2026": write YEAR=VALUE'],
      [["--threshold", "2026=9000", "--threshold", "2026=9100"], "--threshold gives 2026 twice (9000 and 9100)"],
      [[], "give at least one value: --threshold YEAR=VALUE or --dibao-standard YEAR=VALUE"],
      // Yunnan has no 2026 threshold: a 低保 standard alone leaves 2026 unscreenable.
      [
        ["--dibao-standard", "2026=6000"],
        "the overlay would have no value of threshold in force on 2026-06-30, so that date could not be screened: add --threshold 2026=VALUE",
      ],
      [
        ["--threshold", "2026=9000", "--status", "default"],
        "--status default means dixian's own default, with no policy source",
      ],
      [
        ["--threshold", "2026=9000", "--status", "certain"],
        '--status must be one of provisional, partial, confirmed, not "certain"',
      ],
      [["--threshold", "2026=9000", "--id", "9county"], '--id "9county": a rule set id starts with a letter'],
    ];
    for (const [options, text] of cases) {
      const { code, stderr } = await runCliCaptured([
        "init-overlay",
        dir,
        "--lang",
        "en",
        "--extends",
        "builtin:yunnan",
        "--source",
        "x",
        ...options,
      ]);
      expect({ options, code }).toEqual({ options, code: 2 });
      expect(stderr).toContain(text);
    }
    const noSource = await runCliCaptured([
      "init-overlay",
      dir,
      "--extends",
      "builtin:yunnan",
      "--threshold",
      "2026=9000",
    ]);
    expect(noSource).toMatchObject({ code: 2, stderr: expect.stringContaining("缺少必需的选项 --source") });
    const noBase = await runCliCaptured(["init-overlay", dir, "--threshold", "2026=9000", "--source", "x"]);
    expect(noBase.stderr).toContain("缺少必需的选项 --extends");
    const unknownBase = await runCliCaptured([
      "init-overlay",
      dir,
      "--extends",
      "builtin:yunan",
      "--threshold",
      "2026=9000",
      "--source",
      "x",
    ]);
    expect(unknownBase.stderr).toContain('E_RULESET_NOT_FOUND: 没有名为 "yunan" 的内置规则集');
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it("writes the overlay but exits 1 when its example test fails on the rule set extended", async () => {
    const root = scratch();
    // A province that does not count accidents as a risk: the example household is only watched there.
    const province = join(root, "province");
    mkdirSync(join(province, "rules"), { recursive: true });
    writeFileSync(
      join(province, "ruleset.json"),
      JSON.stringify({ id: "province", version: "1", extends: resolve("rules/yunnan"), description: { zh: "某省" } }),
    );
    writeFileSync(
      join(province, "rules", "assessment.json"),
      JSON.stringify({ stage: "assessment", rules: [{ id: "risk.accident", disabled: true, reason: "本省不计" }] }),
    );
    const dir = join(root, "county");
    const made = await runCliCaptured([
      "init-overlay",
      dir,
      "--lang",
      "en",
      "--extends",
      province,
      "--threshold",
      "2026=9000",
      "--source",
      "x",
    ]);
    expect(made.code).toBe(1);
    expect(made.stdout).toContain("the example test example-2026-identify does not pass on the rule set extended");
    expect(made.stderr).toContain('flag: "identify" ≠ "watch"');
    expect((await runCliCaptured(["validate", "--as-of", "2026-06-30", dir])).code).toBe(0);
  });

  it("is the command the no-value message of a built-in rule set gives, and it works as printed", async () => {
    const root = scratch();
    const household = join(root, "household.json");
    writeFileSync(household, JSON.stringify(contractExample()));
    const failed = await runCliCaptured([
      "screen",
      "--quiet",
      "--rules",
      "builtin:yunnan",
      "--as-of",
      "2026-06-30",
      household,
    ]);
    const printed = /dixian (init-overlay 我的县 .*?) --source "文件名称及文号"/.exec(failed.stderr)![1]!;
    const args = printed.replace("取值", "9000").split(" ");
    expect(args).toEqual(["init-overlay", "我的县", "--extends", "builtin:yunnan", "--threshold", "2026=9000"]);
    args[1] = join(root, "我的县");
    const made = await runCliCaptured([...args, "--source", "某县通知"]);
    expect(made.code).toBe(0);
    const screened = await runCliCaptured([
      "screen",
      "--quiet",
      "--rules",
      args[1],
      "--as-of",
      "2026-06-30",
      household,
    ]);
    expect(screened.code).toBe(0);
    expect(JSON.parse(screened.stdout).figures.threshold).toBe("9000.00");
  });

  it("is listed in the command line's help", async () => {
    expect((await runCliCaptured(["--help"])).stdout).toMatch(/^ {2}init-overlay +a county overlay/m);
    const help = await runCliCaptured(["init-overlay", "--help"]);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: dixian init-overlay DIR --extends/) });
  });
});

describe("writeFolderAtomically", () => {
  it("puts a folder in place whole, and leaves nothing behind when it cannot", () => {
    const root = scratch();
    writeFolderAtomically(join(root, "a", "b"), { "x.json": "{}\n", "sub/y.json": "[]\n" });
    expect(readFileSync(join(root, "a", "b", "sub", "y.json"), "utf8")).toBe("[]\n");
    expect(readdirSync(join(root, "a"))).toEqual(["b"]);
    const full = join(root, "full");
    mkdirSync(full);
    writeFileSync(join(full, "keep.txt"), "mine");
    expect(() => writeFolderAtomically(full, { "x.json": "{}" })).toThrow(/cannot write/);
    expect(readdirSync(full)).toEqual(["keep.txt"]);
    expect(readdirSync(root).sort()).toEqual(["a", "full"]);
  });
});
