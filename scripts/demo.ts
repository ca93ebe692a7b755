/**
 * `npm run demo`: screens every shipped fixture household with the rule set its file names, each on
 * its own as-of date, prints a table in Chinese (flag and category as a cadre reads them) and writes
 * the full results to out/demo-results.ndjson.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyOverrides, DixianError, loadRuleSet, screen, type RuleSet } from "../src/index.js";
import { readTestFile } from "../src/rule-tests/run.js";
import { labelOf } from "../src/vocabulary/labels.js";

const FIXTURES = "fixtures/yunnan";
const OUT = "out/demo-results.ndjson";

/** Terminal width of a string: CJK characters take two columns. */
const width = (text: string) => [...text].reduce((sum, ch) => sum + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const pad = (text: string, columns: number) => text + " ".repeat(Math.max(0, columns - width(text)));

const ruleSets = new Map<string, RuleSet>();
const rows: string[][] = [
  [
    "户 household",
    "评估日 as of",
    "标记 flag",
    "类别 category",
    "风险 risks",
    "人均纯收入 N",
    "标准 T",
    "措施 measures",
    "规则集 rule set",
  ],
];
const lines: string[] = [];
for (const name of readdirSync(FIXTURES)
  .filter((n) => n.endsWith(".json"))
  .sort()) {
  const { ruleSetDir, tests } = readTestFile(join(FIXTURES, name));
  let base = ruleSets.get(ruleSetDir);
  if (!base) ruleSets.set(ruleSetDir, (base = loadRuleSet(ruleSetDir)));
  for (const test of tests) {
    const id = (test.household as { id: string }).id;
    const ruleSet = test.set ? applyOverrides(base, test.set) : base;
    try {
      const result = await screen(test.household, { ruleSet, asOf: test.asOf });
      lines.push(JSON.stringify(result));
      rows.push([
        id,
        test.asOf,
        labelOf("flag", result.flag, "zh"),
        result.category ? labelOf("category", result.category, "zh") : "-",
        result.riskTypes.map((r) => r.label).join("、") || "-",
        result.figures.perCapitaNetIncome,
        result.figures.threshold ?? "-",
        String(result.measures.length),
        ruleSet.id,
      ]);
    } catch (error) {
      if (!(error instanceof DixianError)) throw error;
      rows.push([id, test.asOf, `错误 ${error.code}`, "", "", "", "", "", ruleSet.id]);
    }
  }
}
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => width(row[column]!))));
for (const row of rows)
  console.log(
    row
      .map((cell, column) => pad(cell, widths[column]!))
      .join("  ")
      .trimEnd(),
  );
mkdirSync("out", { recursive: true });
writeFileSync(OUT, lines.join("\n") + "\n");
console.log(
  `\n${lines.length} households screened (rule sets: ${[...ruleSets.values()].map((set) => `${set.id} ${set.hash}`).join(", ")}).`,
);
console.log(`Full results: ${OUT}`);
