import { DixianError, loadRuleSet } from "../../src/index.js";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Copies the shipped rules/ tree into a temporary folder, to corrupt or extend in a test. */
export function copyRules(): string {
  const root = mkdtempSync(join(tmpdir(), "dixian-rules-"));
  cpSync("rules", join(root, "rules"), { recursive: true });
  return join(root, "rules");
}

/** Edits a JSON file of a copied rule set in place. */
export function editJson(file: string, edit: (value: any) => void): void {
  const value = JSON.parse(readFileSync(file, "utf8"));
  edit(value);
  writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}

/** Replaces text in a file (for syntax errors and exact line positions). */
export function editText(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`"${from}" not in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

/** The 1-based line of the first occurrence of a text in a file. */
export function lineOf(file: string, text: string): number {
  const content = readFileSync(file, "utf8");
  return content.slice(0, content.indexOf(text)).split("\n").length;
}

/** The DixianError a rule set is rejected with (fails the test when it loads); English unless asked otherwise. */
export function loadError(dir: string, lang: "zh" | "en" = "en"): DixianError {
  try {
    loadRuleSet(dir, { lang });
  } catch (error) {
    if (error instanceof DixianError) return error;
    throw error;
  }
  throw new Error("expected the rule set to be rejected");
}
