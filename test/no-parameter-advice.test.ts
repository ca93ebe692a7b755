import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildService } from "../src/service/app.js";
import { DixianError, loadBuiltInRuleSet, loadRuleSet, NoParameterInForceError, screen } from "../src/index.js";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * E_NO_PARAMETER_IN_FORCE says how to supply the missing value in terms of whoever can: a county
 * overlay made with `dixian init-overlay` for a rule set shipped in the package (never an edit of
 * an installed file), the file where the value goes for a rule set in the user's own folder, and
 * for the HTTP service, what its operator does.
 */

const household = join(mkdtempSync(join(tmpdir(), "dixian-advice-")), "household.json");
writeFileSync(household, JSON.stringify(contractExample()));

/** An overlay on builtin:yunnan that writes no 2026 value. */
function emptyOverlay(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "dixian-advice-")), "county");
  mkdirSync(dir);
  writeFileSync(
    join(dir, "ruleset.json"),
    JSON.stringify({ id: "county", version: "1", extends: "builtin:yunnan", description: { zh: "某县" } }),
  );
  return dir;
}

const screen2026 = (rules: string, lang: "zh" | "en") =>
  runCliCaptured(["screen", "--quiet", "--lang", lang, "--rules", rules, "--as-of", "2026-06-30", household]);

describe("E_NO_PARAMETER_IN_FORCE on the command line", () => {
  it("for a built-in rule set, leads with dixian init-overlay and never offers an installed file for editing", async () => {
    const chinese = await screen2026("builtin:yunnan", "zh");
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain(
      "E_NO_PARAMETER_IN_FORCE: 规则集 yunnan 的参数 threshold 在 2026-06-30 没有生效的取值（已有取值：",
    );
    const advice = chinese.stderr.split("）。")[1]!;
    expect(advice).toMatch(
      /^要按该日筛查，请先为本县建立县级规则集：dixian init-overlay 我的县 --extends builtin:yunnan --threshold 2026=取值 --source "文件名称及文号"/,
    );
    expect(advice).toContain("再用 --rules 我的县 筛查");
    expect(advice).toContain("--set threshold=取值");
    expect(chinese.stderr).not.toMatch(/请在 builtin:|在此处增加/);
    expect(chinese.stderr).toContain(
      "builtin:yunnan/parameters.json:3:3 /threshold：参数 threshold 在 2026-06-30 没有生效的取值（此文件随 dixian 安装，不要修改",
    );

    const english = await screen2026("builtin:yunnan", "en");
    expect(english.code).toBe(2);
    expect(english.stderr).toContain(
      '. To screen that date, make a county overlay first: dixian init-overlay my-county --extends builtin:yunnan --threshold 2026=VALUE --source "document title and number"',
    );
    expect(english.stderr).not.toMatch(/in builtin:yunnan\/parameters\.json|add a dated value here/);

    // A shipped overlay names itself as the rule set to extend.
    const lianhe = await screen2026("builtin:examples/xundian-lianhe", "en");
    expect(lianhe.stderr).toContain(
      "dixian init-overlay my-county --extends builtin:examples/xundian-lianhe --threshold 2026=VALUE",
    );
  });

  it("for a rule set in the user's folder, names the file where the value goes, a county overlay and --set", async () => {
    const { code, stderr } = await screen2026("rules/yunnan", "en");
    expect(code).toBe(2);
    expect(stderr).toContain(
      ". Add a value dated for 2026-06-30 in rules/yunnan/parameters.json, supply one in a county overlay that extends this rule set, or give --set threshold=VALUE.",
    );
    expect(stderr).not.toContain("init-overlay");
  });

  it("for an overlay on a built-in set, points at the overlay's own parameters.json, not the inherited file", async () => {
    const dir = emptyOverlay();
    const chinese = await screen2026(dir, "zh");
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain(
      `。请在本规则集的 ${dir}/parameters.json 中用 "merge": "addValues" 为 threshold 增加适用于 2026-06-30 的取值（继承的规则集随 dixian 安装，不要修改），或用 --set threshold=取值 临时指定。`,
    );
    const english = await screen2026(dir, "en");
    expect(english.stderr).toContain(`to this rule set's own ${dir}/parameters.json with "merge": "addValues"`);
    expect(english.stderr).not.toMatch(/in builtin:yunnan\/parameters\.json/);
  });

  it("validate --as-of gives the same advice", async () => {
    const builtIn = await runCliCaptured(["validate", "--as-of", "2026-06-30", "builtin:yunnan"]);
    expect(builtIn.code).toBe(2);
    expect(builtIn.stderr).toContain(
      "参数 threshold 在 2026-06-30 没有生效取值：该日的筛查会失败。要按该日筛查，请先为本县建立县级规则集：dixian init-overlay 我的县 --extends builtin:yunnan --threshold 2026=取值",
    );
    expect(builtIn.stderr).not.toContain("请在 builtin:");
    const folder = await runCliCaptured(["validate", "--lang", "en", "--as-of", "2026-06-30", "rules/yunnan"]);
    expect(folder.stderr).toContain(
      'parameter "threshold" has no value in force on 2026-06-30: screening on that date fails. Add a value dated for 2026-06-30 in rules/yunnan/parameters.json',
    );
  });
});

describe("E_NO_PARAMETER_IN_FORCE in the API", () => {
  it("is a NoParameterInForceError naming the parameter, the date, the rule set and what an overlay extends", async () => {
    const error = await screen(contractExample(), { ruleSet: loadBuiltInRuleSet("yunnan"), asOf: "2026-06-30" }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(NoParameterInForceError);
    expect(error).toBeInstanceOf(DixianError);
    expect(error).toMatchObject({
      code: "E_NO_PARAMETER_IN_FORCE",
      missing: { parameter: "threshold", asOf: "2026-06-30", ruleSet: "yunnan", base: "builtin:yunnan" },
    });
    const fromFolder = await screen(contractExample(), {
      ruleSet: loadRuleSet("rules/yunnan"),
      asOf: "2026-06-30",
    }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((fromFolder as NoParameterInForceError).missing.base).toBe("rules/yunnan");
  });
});

describe("E_NO_PARAMETER_IN_FORCE from dixian serve", () => {
  it("tells the caller how the operator supplies the value, in Chinese and English", async () => {
    const app = buildService({ ruleSet: loadBuiltInRuleSet("yunnan") });
    try {
      const post = (lang: string) =>
        app.inject({
          method: "POST",
          url: `/v1/screen?asOf=2026-06-30&lang=${lang}`,
          headers: { "content-type": "application/json" },
          payload: JSON.stringify(contractExample()),
        });
      const chinese = await post("zh");
      expect(chinese.statusCode).toBe(400);
      const zh = chinese.json();
      expect(zh).toMatchObject({ code: "E_NO_PARAMETER_IN_FORCE", status: 400 });
      expect(zh.detail).toBe(
        '评估日 2026-06-30：本服务的规则集 yunnan 没有参数 threshold 在 2026-06-30 生效的取值，无法按该日筛查。取值只能由启动服务的运维人员提供，请与其联系：用 --set threshold=取值 重新启动 dixian serve，或建立县级规则集（dixian init-overlay 我的县 --extends builtin:yunnan --threshold 2026=取值 --source "文件名称及文号"）后用 --rules 我的县 重新启动 dixian serve',
      );
      expect(zh.issues).toEqual([{ path: "/query/asOf", message: expect.stringContaining("运维人员") }]);
      const english = (await post("en")).json();
      expect(english.detail).toContain("Only the operator who started the service can supply one");
      expect(english.detail).toContain("restart dixian serve with --set threshold=VALUE");
      expect(english.detail).toContain("and restart dixian serve with --rules my-county");
      // Nothing a caller could do to a file: no parameters.json to edit.
      for (const text of [zh.detail, english.detail])
        expect(text).not.toMatch(/parameters\.json|在此处|add a dated value/);
      // The batch route says the same.
      const batch = await app.inject({
        method: "POST",
        url: "/v1/screen/batch?asOf=2026-06-30&lang=en",
        headers: { "content-type": "application/x-ndjson" },
        payload: JSON.stringify(contractExample()) + "\n",
      });
      expect(batch.statusCode).toBe(400);
      expect(batch.json().detail).toBe(english.detail);
    } finally {
      await app.close();
    }
  });
});
