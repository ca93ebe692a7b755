import { defineConfig } from "tsup";

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
    entry: { cli: "src/cli.ts", "screen-worker": "src/cli/screen-worker.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    ...bundledParser,
  },
]);
