import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

/** The command-line package's own dependencies, installed beside it rather than bundled. */
const cliDependencies = Object.keys(
  (JSON.parse(readFileSync("packages/cli/package.json", "utf8")) as { dependencies: Record<string, string> })
    .dependencies,
);

/**
 * jsonc-parser is bundled in from its ES module build: its CommonJS entry is a UMD file whose
 * internal requires a county system's own bundler (esbuild for a Node server) cannot follow.
 */
const bundledParser = {
  noExternal: ["jsonc-parser"],
  esbuildOptions(options: { mainFields?: string[] }) {
    options.mainFields = ["module", "main"];
  },
};

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    shims: true,
    ...bundledParser,
  },
  {
    // Built on its own, without Node shims, so no chunk it imports refers to a Node built-in.
    entry: { browser: "src/browser.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    platform: "browser",
    target: "es2022",
    shims: false,
    ...bundledParser,
  },
  {
    // The command line and the service are their own package (packages/cli), so a county system
    // that imports the library installs none of their dependencies (docs/architecture.md).
    entry: { cli: "src/cli.ts", "screen-worker": "src/batch/screen-worker.ts" },
    outDir: "packages/cli/dist",
    clean: true,
    external: cliDependencies,
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    ...bundledParser,
  },
]);
