#!/usr/bin/env node
// The `dixian` command. The code is dist/cli.js, built from the repository's src/ by `npm run build`;
// this file exists before the build, so npm links the command in a fresh checkout too.
import process from "node:process";

import("../dist/cli.js").catch((error) => {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli.js")) throw error;
  process.stderr.write("dixian: dist/cli.js is not built yet: run `npm run build` in the repository first\n");
  process.exitCode = 2;
});
