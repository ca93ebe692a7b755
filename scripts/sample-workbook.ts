/**
 * Writes the sample workbooks of docs/tables.md, with Chinese sheet names, headers and labels and
 * real date cells:
 *
 * - fixtures/workbook/county-tables.xlsx: the tables of fixtures/tables as one workbook. It screens
 *   the same as the CSV tables (test/tables.test.ts checks that).
 * - fixtures/workbook/township-sample.xlsx: a synthetic township of 200 households with leads
 *   (`dixian generate --households 200 --seed 3`), for the walk-through from workbook to results
 *   workbook, worklist and report (test/walkthrough.test.ts runs it as written).
 *
 * Run with `npx tsx scripts/sample-workbook.ts` (the cells come out the same each time; the zip
 * timestamps do not).
 */
import { mkdirSync } from "node:fs";
import { generateHouseholds } from "../src/population/generate-households.js";
import { chineseCopy, householdsToTables, readTables, writeWorkbook } from "../test/support/table-copies.js";

mkdirSync("fixtures/workbook", { recursive: true });
await writeWorkbook("fixtures/workbook/county-tables.xlsx", chineseCopy(readTables("fixtures/tables")));
console.log("fixtures/workbook/county-tables.xlsx");

// The Yunnan threshold of 2025 (8700 yuan), which the township's incomes are spread around.
const township = [...generateHouseholds({ households: 200, seed: 3, asOf: "2025-06-30", referenceIncome: 8700 })];
await writeWorkbook("fixtures/workbook/township-sample.xlsx", chineseCopy(householdsToTables(township)));
console.log("fixtures/workbook/township-sample.xlsx");
