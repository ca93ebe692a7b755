import { describe, expect, it } from "vitest";
import { DixianError, loadBuiltInRuleSet, ruleSetFromJson } from "../src/index.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * A threshold or standard of zero or less flags nobody (or everybody): refused, with the allowed
 * range, whether it comes from --set, the API's overrides, or a rule set's own parameters.json.
 */
function refusal(load: () => unknown): DixianError {
  try {
    load();
  } catch (error) {
    if (error instanceof DixianError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("parameter ranges", () => {
  it.each([
    ["threshold", "-1", /money greater than 0 \(0\.01 to 999999999999999\.99/],
    ["threshold", "0", /money greater than 0/],
    ["threshold", "0.00", /money greater than 0/],
    ["threshold", "-0.01", /money greater than 0/],
    ["dibaoStandard", "-6000", /money greater than 0/],
    ["warningBandMultiplier", "0", /a decimal greater than 0/],
    ["catastrophicSpendingShare", "0.0", /a decimal greater than 0/],
    ["riskWindowMonths", "-3", /a whole number of at least 0/],
    ["waterMinLiters", "-35", /a number of at least 0/],
  ])("refuses --set %s=%s with the allowed range (E_PARAMETER_OVERRIDE)", (name, value, range) => {
    const error = refusal(() => loadBuiltInRuleSet("yunnan", { lang: "en", overrides: { [name]: value } }));
    expect(error.code).toBe("E_PARAMETER_OVERRIDE");
    expect(error.problems[0]).toMatchObject({ file: "--set", path: `/${name}` });
    expect(error.problems[0]!.message).toMatch(range);
    expect(error.problems[0]!.message).toContain(`not "${value}"`);
  });

  it("takes values in range", () => {
    for (const [name, value] of [
      ["threshold", "0.01"],
      ["threshold", "9100"],
      ["riskWindowMonths", "0"],
      ["warningBandMultiplier", "1.2"],
    ])
      expect(loadBuiltInRuleSet("yunnan", { overrides: { [name!]: value! } }).overrides).toEqual({ [name!]: value });
  });

  it("refuses the same from the command line, in Chinese, exit 2: screen, validate and serve", async () => {
    for (const command of [
      ["screen", "--rules", "builtin:yunnan", "--as-of", "2025-06-30", "--set", "threshold=-1", "-"],
      ["validate", "--set", "threshold=0", "rules/yunnan"],
      ["serve", "--rules", "builtin:yunnan", "--port", "0", "--set", "threshold=0"],
    ]) {
      const { code, stdout, stderr } = await runCliCaptured(command, "{}\n");
      expect(code).toBe(2);
      expect(stdout).not.toContain("sha256");
      expect(stderr).toContain("大于 0 的金额");
    }
  });

  it.each([
    ["0", "money greater than 0"],
    ["-8700", "money greater than 0"],
  ])("refuses a threshold of %s in a rule set's parameters.json, naming file and path", (value, range) => {
    const error = refusal(() =>
      ruleSetFromJson(
        {
          "ruleset.json": { id: "county", version: "1", extends: "builtin:yunnan", description: { zh: "县" } },
          "parameters.json": {
            threshold: {
              merge: "addValues",
              values: [{ from: "2026-01-01", value, source: { document: "县文件" }, status: "confirmed" }],
            },
          },
        },
        { lang: "en" },
      ),
    );
    expect(error.code).toBe("E_RULESET_SCHEMA");
    expect(error.problems[0]!.file).toBe("parameters.json");
    expect(error.problems[0]!.path).toMatch(/^\/threshold\/values\/\d+\/value$/);
    expect(error.problems[0]!.message).toBe(
      `the value "${value}" is out of range: it must be ${range} (0.01 to 999999999999999.99 元, at most 2 places)`,
    );
  });
});
