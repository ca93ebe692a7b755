// The data files the command-line package ships beside its code: the shipped rule sets (which
// `init-overlay` and `validate` show and copy), the JSON Schemas an overlay's files name, and the
// licence. They live once, at the repository root; `npm pack -w packages/cli` copies them in before
// packing (`copy`) and removes the copies after (`remove`), so no stale copy is ever found first.
import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cliPackage = join(root, "packages", "cli");
const copies = ["rules", "schema", "LICENSE"];

const action = process.argv[2];
for (const name of copies) {
  const target = join(cliPackage, name);
  rmSync(target, { recursive: true, force: true });
  if (action === "copy") cpSync(join(root, name), target, { recursive: true });
  else if (action !== "remove") throw new Error(`usage: cli-package-data.mjs copy|remove (got ${action})`);
}
