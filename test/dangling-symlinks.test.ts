import { renameSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyRules, loadError } from "./support/rule-set-copy.js";
import { runCliCaptured } from "./support/run-cli.js";

/** A link to nothing inside a rule set is an error naming it, never a file silently left out. */
describe("a dangling symbolic link in a rule set", () => {
  it.each([
    ["a rule file", "rules/extra.json"],
    ["parameters.json", "parameters.json"],
    ["ruleset.json", "ruleset.json"],
    ["the rules folder", "rules"],
  ])("refuses %s that points nowhere (E_RULESET_NOT_FOUND)", (_case, entry) => {
    const cn = join(copyRules(), "cn");
    const path = join(cn, entry);
    rmSync(path, { recursive: true, force: true });
    symlinkSync(join(cn, "gone", "nothing.json"), path);
    const error = loadError(cn);
    expect(error.code).toBe("E_RULESET_NOT_FOUND");
    const problem = error.problems.find((p) => p.message.startsWith("symbolic link"))!;
    expect(problem.file.endsWith(entry)).toBe(true);
    expect(problem.message).toBe(`symbolic link to something that does not exist: ${join(cn, "gone", "nothing.json")}`);
  });

  it("refuses one in a set that is extended, and says so in Chinese from validate (exit 2)", async () => {
    const rules = copyRules();
    const target = join(rules, "cn", "rules", "checks.json");
    renameSync(target, join(rules, "cn", "rules", "moved.json.bak"));
    symlinkSync("checks-gone.json", target);
    const error = loadError(join(rules, "yunnan"), "zh");
    expect(error.code).toBe("E_RULESET_NOT_FOUND");
    expect(error.message).toContain("符号链接指向的文件不存在：checks-gone.json");
    const { code, stderr } = await runCliCaptured(["validate", join(rules, "yunnan")]);
    expect(code).toBe(2);
    expect(stderr).toContain("checks.json");
    expect(stderr).toContain("符号链接指向的文件不存在");
  });
});
