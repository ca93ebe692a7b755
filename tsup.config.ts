import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    shims: true,
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
  },
  {
    entry: { cli: "src/cli.ts", "screen-worker": "src/cli/screen-worker.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
  },
]);
