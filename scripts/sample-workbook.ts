/**
 * Writes fixtures/workbook/county-tables.xlsx: the tables of fixtures/tables as one workbook with
 * Chinese sheet names, headers and labels and real date cells (docs/tables.md). It screens the same
 * as the CSV tables (test/tables.test.ts checks that). Run with `npx tsx scripts/sample-workbook.ts`.
 */
import { mkdirSync } from "node:fs";
import { chineseCopy, readTables, writeWorkbook } from "../test/support/table-copies.js";

mkdirSync("fixtures/workbook", { recursive: true });
await writeWorkbook("fixtures/workbook/county-tables.xlsx", chineseCopy(readTables("fixtures/tables")));
console.log("fixtures/workbook/county-tables.xlsx");
