/**
 * `npm run demo`: screens every shipped fixture household with the Yunnan rule set, each on its own
 * as-of date, prints a table and writes the full results to out/demo-results.ndjson.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DixianError, loadRuleSet, screen } from "../src/index.js";
import { readTestFile } from "../src/rule-tests/run.js";

const FIXTURES = "fixtures/yunnan";
const OUT = "out/demo-results.ndjson";

/** Terminal width of a string: CJK characters take two columns. */
const width = (text: string) => [...text].reduce((sum, ch) => sum + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const pad = (text: string, columns: number) => text + " ".repeat(Math.max(0, columns - width(text)));

const ruleSet = loadRuleSet("rules/yunnan");
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
  ],
];
const lines: string[] = [];
for (const name of readdirSync(FIXTURES)
  .filter((n) => n.endsWith(".json"))
  .sort()) {
  for (const test of readTestFile(join(FIXTURES, name)).tests) {
    const id = (test.household as { id: string }).id;
    try {
      const result = await screen(test.household, { ruleSet, asOf: test.asOf });
      lines.push(JSON.stringify(result));
      rows.push([
        id,
        test.asOf,
        result.flag,
        result.category ?? "-",
        result.riskTypes.map((r) => r.label).join("、") || "-",
        result.figures.perCapitaNetIncome,
        result.figures.threshold ?? "-",
        String(result.measures.length),
      ]);
    } catch (error) {
      if (!(error instanceof DixianError)) throw error;
      rows.push([id, test.asOf, `error ${error.code}`, "", "", "", "", ""]);
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
console.log(`\n${lines.length} households screened with ${ruleSet.id} ${ruleSet.version} (${ruleSet.hash}).`);
console.log(`Full results: ${OUT}`);
