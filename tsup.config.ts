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
    // The command line bundles its dependencies: one file to load instead of hundreds starts every
    // command (and every screening worker) about 0.1 s sooner. The library above keeps them
    // external, so a host application shares its own copies.
    entry: { cli: "src/cli.ts", "screen-worker": "src/cli/screen-worker.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    noExternal: [/./],
    // CommonJS dependencies inside an ES module still call require() for Node's built-in modules.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  },
]);
