import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { TABLE_FILES } from "./table-location.js";
import { isTableInput } from "./table-input.js";

/** The files an input argument reads: the file itself, or every county table of a table input. */
export function inputFiles(path: string): string[] {
  if (path === "-" || !isTableInput(path)) return [path];
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  return Object.values(TABLE_FILES).map((name) => join(dir, name));
}
