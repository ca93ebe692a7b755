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
    entry: { cli: "src/cli.ts", "screen-worker": "src/cli/screen-worker.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
  },
]);
