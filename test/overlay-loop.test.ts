import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateHouseholds } from "../src/population/generate-households.js";
import { loadBuiltInRuleSet, loadRuleSet } from "../src/index.js";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * The rule author's loop on a county overlay: `test --coverage` counts the overlay's own rules,
 * `validate` warns only about the values the overlay writes, `diff --set-a` tries a value on the
 * first side only.
 */

const STALE = JSON.parse(readFileSync("rules/cn/rules/checks.json", "utf8")).rules.find(
  (rule: { id: string }) => rule.id === "check.staleIncomeData",
);

/** A county overlay on builtin:yunnan with one new rule, one replaced rule and a 2026 provisional threshold. */
function overlay(tests: Record<string, unknown>[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), "dixian-overlay-")), "county");
  mkdirSync(join(dir, "rules"), { recursive: true });
  mkdirSync(join(dir, "tests"));
  const json = (file: string, value: unknown) => writeFileSync(join(dir, file), JSON.stringify(value, null, 2));
  json("ruleset.json", {
    id: "test-county",
    version: "1",
    extends: "builtin:yunnan",
    description: { zh: "测试县", en: "Test county" },
  });
  json("parameters.json", {
    threshold: {
      merge: "addValues",
      values: [
        {
          from: "2026-01-01",
          until: "2026-12-31",
          value: "9000",
          source: { document: "测试县 2026 年认定标准（测试值）" },
          status: "provisional",
        },
      ],
    },
  });
  json("rules/checks.json", {
    stage: "checks",
    rules: [
      {
        id: "check.local.chronicIllness",
        label: { zh: "慢性病成员", en: "Member with chronic illness" },
        basis: { document: "测试县工作方案（测试）" },
        conditions: {
          all: [{ fact: "memberCount", params: { illness: ["chronic"] }, operator: "greaterThanInclusive", value: 1 }],
        },
        event: { type: "check", params: { severity: "warning" } },
        reason: { zh: "家中有慢性病成员：核对医保报销", en: "a member has a chronic illness: check reimbursement" },
      },
      // The national rule, replaced by the county with its own wording.
      { ...STALE, reason: { zh: "本县：收入数据过期", en: "county: stale income data" } },
    ],
  });
  json("tests/county.json", { tests });
  return dir;
}

const chronic = {
  name: "chronic-illness-check",
  asOf: "2025-06-30",
  household: contractExample(),
  expect: { checks: { include: ["check.local.chronicIllness"] } },
};
const stale = {
  name: "stale-income-check",
  asOf: "2025-06-30",
  household: { ...contractExample(), income: { ...contractExample().income, periodEnd: "2023-12-31" } },
  expect: { checks: { include: ["check.staleIncomeData"] } },
};

describe("dixian test --coverage on an overlay", () => {
  it("requires the overlay's own rules, a replaced one included, and lists inherited rules apart without failing", async () => {
    const dir = overlay([chronic]);
    const { code, stdout } = await runCliCaptured(["test", "--coverage", "--lang", "en", dir]);
    // The replaced national rule is the overlay's own: it must fire in the overlay's tests.
    expect(stdout).toContain(
      "coverage: 1 rule(s) written in the rule sets themselves no test fired:\n  test-county: check.staleIncomeData\n",
    );
    expect(stdout).not.toMatch(/^ {2}test-county: check\.local\.chronicIllness$/m);
    const inherited =
      /^coverage: (\d+) rule\(s\) test-county inherits no test here fired \(the base rule sets' own tests cover them; not a failure\): (.*)$/m.exec(
        stdout,
      );
    expect(inherited).not.toBeNull();
    const listed = inherited![2]!.split(", ");
    expect(Number(inherited![1])).toBe(listed.length);
    expect(listed).toContain("risk.disaster.flood");
    expect(listed).not.toContain("check.local.chronicIllness");
    expect(listed).not.toContain("check.staleIncomeData");
    expect(stdout).toMatch(/^1 passed, 0 failed$/m);
    expect(code).toBe(1);

    const covered = overlay([chronic, stale]);
    const full = await runCliCaptured(["test", "--coverage", "--lang", "en", covered]);
    expect(full.stdout).toContain("coverage: every rule fired (2 rules written in the rule sets themselves)");
    expect(full.stdout).toContain("inherits no test here fired");
    expect(full.code).toBe(0);
    const chinese = await runCliCaptured(["test", "--coverage", covered]);
    expect(chinese.stdout).toContain("覆盖：规则集自己写的每条规则都被触发过（共 2 条）");
    expect(chinese.stdout).toMatch(
      /覆盖：test-county 继承的规则中有 \d+ 条没有被这些用例触发（由上级规则集的测试负责，不算失败）/,
    );
    expect(chinese.code).toBe(0);
  });

  it("counts a replaced rule only when the overlay's own definition fired, not the one it replaces", async () => {
    // rules/cn's tests fire the national check.staleIncomeData; the overlay's replacement still never fired.
    const dir = overlay([chronic]);
    const { code, stdout } = await runCliCaptured(["test", "--coverage", "--lang", "en", "rules/cn", dir]);
    expect(stdout).toContain("no test fired:\n  test-county: check.staleIncomeData\n");
    expect(stdout).not.toContain("cn: check.staleIncomeData");
    // cn's rules are cn's own here (the same definitions the overlay inherits), so they are not listed as inherited.
    expect(stdout).not.toContain("test-county inherits");
    expect(code).toBe(1);
  });

  it("on a province layer without rules of its own: nothing to require, the national rules listed as inherited", async () => {
    const { code, stdout } = await runCliCaptured(["test", "--coverage", "--lang", "en", "rules/yunnan"]);
    expect(stdout).toContain("coverage: every rule fired (0 rules written in the rule sets themselves)");
    expect(stdout).toMatch(/^coverage: \d+ rule\(s\) yunnan inherits no test here fired .*risk\.disaster\.flood/m);
    expect(code).toBe(0);
  });
});

describe("dixian validate on an overlay", () => {
  it("warns about the values the overlay writes, not about inherited ones it cannot change", async () => {
    const dir = overlay([chronic]);
    const ownLayer = loadRuleSet(dir).ownLayer;
    expect(ownLayer).toEqual({
      rules: ["check.local.chronicIllness", "check.staleIncomeData"],
      parameterValues: { threshold: ["2026-01-01"] },
    });
    // The national set itself warns about its values that are not confirmed …
    const national = await runCliCaptured(["validate", "--lang", "en", "builtin:cn"]);
    const nationalWarnings = national.stderr.match(/warning: parameter (\w+)/g) ?? [];
    expect(nationalWarnings.length).toBeGreaterThan(3);
    // … the overlay only about its own 2026 threshold.
    for (const asOf of [["--as-of", "2026-06-30"], []]) {
      const { code, stdout, stderr } = await runCliCaptured(["validate", "--lang", "en", ...asOf, dir]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^ok .*test-county 1 \(cn → yunnan → test-county\)/m);
      expect(stderr.trim().split("\n")).toEqual([
        expect.stringMatching(
          /county\/parameters\.json:2:3 \/threshold: warning: parameter threshold = 9000 \(from 2026-01-01\) has status "provisional", not "confirmed"$/,
        ),
      ]);
    }
    // In 2025 the value in force is Yunnan's (confirmed, and not the overlay's): no warning at all.
    const in2025 = await runCliCaptured(["validate", "--lang", "en", "--as-of", "2025-06-30", dir]);
    expect(in2025).toMatchObject({ code: 0, stderr: "" });
    // A shipped overlay is warned about its own values only (xundian-lianhe's visits), in Chinese too.
    const lianhe = await runCliCaptured(["validate", "builtin:examples/xundian-lianhe"]);
    const named = [...lianhe.stderr.matchAll(/警告：参数 (\w+)/g)].map((match) => match[1]);
    expect(named.sort()).toEqual(
      Object.keys(loadBuiltInRuleSet("examples/xundian-lianhe").ownLayer.parameterValues).sort(),
    );
  });
});

describe("dixian diff --set-a", () => {
  const file = join(mkdtempSync(join(tmpdir(), "dixian-diff-")), "households.ndjson");
  writeFileSync(
    file,
    [...generateHouseholds({ households: 150, seed: 11, asOf: "2025-06-30", referenceIncome: 9000 })]
      .map((household) => JSON.stringify(household))
      .join("\n") + "\n",
  );
  const diff = async (...args: string[]) => {
    const { code, stdout, stderr } = await runCliCaptured(["diff", file, "--quiet", "--json", ...args]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    return JSON.parse(stdout);
  };

  it("overrides a parameter in the first screening only, beside --set-b for the second", async () => {
    const both = await diff(
      "--rules",
      "builtin:yunnan",
      "--as-of",
      "2026-06-30",
      "--set-a",
      "threshold=9000",
      "--set-b",
      "threshold=9500",
    );
    expect(both.a.overrides).toEqual({ threshold: "9000" });
    expect(both.b.overrides).toEqual({ threshold: "9500" });
    expect(both.flagChanged.length).toBeGreaterThan(0);
    for (const household of both.flagChanged) {
      expect(household.before.figures.threshold).toBe("9000.00");
      expect(household.after.figures.threshold).toBe("9500.00");
    }
    // Without --rules-b the second side is the rule set as loaded: --set-a does not reach it.
    const firstOnly = await diff("--rules", "builtin:yunnan", "--as-of", "2025-06-30", "--set-a", "threshold=9000");
    expect(firstOnly.a.overrides).toEqual({ threshold: "9000" });
    expect(firstOnly.b.overrides).toBeUndefined();
    expect(firstOnly.b.hash).toBe(loadBuiltInRuleSet("yunnan").hash);
    // --set reaches both sides, and --set-a wins on the first.
    const withSet = await diff(
      "--rules",
      "builtin:yunnan",
      "--as-of",
      "2026-06-30",
      "--set",
      "threshold=9100",
      "--set-a",
      "threshold=9000",
    );
    expect(withSet.a.overrides).toEqual({ threshold: "9000" });
    expect(withSet.b.overrides).toEqual({ threshold: "9100" });
  });

  it("refuses a bad --set-a value naming the option and the parameter", async () => {
    const { code, stderr } = await runCliCaptured([
      "diff",
      file,
      "--quiet",
      "--lang",
      "en",
      "--rules",
      "builtin:yunnan",
      "--as-of",
      "2025-06-30",
      "--set-a",
      "threshold=9000.123",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("E_PARAMETER_OVERRIDE");
    expect(stderr).toContain("threshold");
    const malformed = await runCliCaptured([
      "diff",
      file,
      "--quiet",
      "--lang",
      "en",
      "--rules",
      "builtin:yunnan",
      "--as-of",
      "2025-06-30",
      "--set-a",
      "threshold",
    ]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("--set-a");
  });
});

describe('docs/rule-authoring.md: an overlay with "extends": "builtin:yunnan"', () => {
  it("is a rule set as written there, which validates and screens 2026", async () => {
    const text = readFileSync("docs/rule-authoring.md", "utf8");
    const block = (file: string) => {
      const at = text.indexOf(`\`我的县/${file}\`：`);
      expect(at, file).toBeGreaterThan(0);
      return JSON.parse(/```json\n([\s\S]*?)```/.exec(text.slice(at))![1]!);
    };
    const dir = join(mkdtempSync(join(tmpdir(), "dixian-docs-")), "我的县");
    mkdirSync(dir);
    for (const file of ["ruleset.json", "parameters.json"]) writeFileSync(join(dir, file), JSON.stringify(block(file)));
    expect(loadRuleSet(dir).layers).toEqual(["cn", "yunnan", "my-county"]);
    const { code, stdout } = await runCliCaptured(["validate", "--as-of", "2026-06-30", dir]);
    expect(code).toBe(0);
    expect(stdout).toContain("cn → yunnan → my-county");
  });
});
