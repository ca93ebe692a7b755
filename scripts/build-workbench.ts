/**
 * Builds dist/workbench.html: the workbench page as one self-contained file — its script (the page
 * and, started from the same text, its Web Worker) and its styles inlined — that works from file://
 * and never makes a request. The Content-Security-Policy in the file says so: no connections, no
 * fetched script, style, font, image or frame; the one inline script allowed by its hash; workers
 * only from blob: URLs (the page's own script). `npm run build` (and `npm test`) run it after tsup;
 * `dixian serve` serves the file at `/` with the same policy as a header.
 *
 * Usage: tsx scripts/build-workbench.ts [--out FILE] [--silent]
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The page's Content-Security-Policy for a script of this hash (`sha256-…`, base64). */
export function workbenchPolicy(scriptHash: string): string {
  return [
    "default-src 'none'",
    `script-src '${scriptHash}'`,
    "worker-src blob:",
    "style-src 'unsafe-inline'",
    "img-src data: blob:",
    "connect-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

export interface WorkbenchBuild {
  html: string;
  policy: string;
  /** Bytes of the file, of its script, and of the file gzipped (what a server would send). */
  bytes: number;
  scriptBytes: number;
  gzipBytes: number;
  /** The bundle's inputs, by where they come from (node_modules package, or src folder), in bytes. */
  inputs: Record<string, number>;
}

/** Bundles the page and writes the HTML file to `out` (dist/workbench.html by default), whole. */
export async function buildWorkbench(out = resolve(ROOT, "dist/workbench.html")): Promise<WorkbenchBuild> {
  const bundle = await build({
    entryPoints: [resolve(ROOT, "src/workbench/page.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    charset: "utf8",
    legalComments: "eof",
    write: false,
    metafile: true,
    logLevel: "silent",
    // csv-parse's own browser build (its plain build leans on Node's Buffer).
    alias: { "csv-parse/sync": "csv-parse/browser/esm/sync" },
    mainFields: ["browser", "module", "main"],
  });
  // Inside an inline script, "</script" would end it: a string holding it is written with an escape.
  const script = bundle.outputFiles[0]!.text.replace(/<\/(script)/gi, "<\\/$1").trimEnd();
  const hash = "sha256-" + createHash("sha256").update(script, "utf8").digest("base64");
  const policy = workbenchPolicy(hash);
  const css = readFileSync(resolve(ROOT, "src/workbench/page.css"), "utf8").trim();
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>防返贫监测工作台 · 底线 dixian</title>
<style>
${css}
</style>
</head>
<body>
<noscript>此页面需要启用 JavaScript（全部在本机运行，不联网）。This page needs JavaScript (it runs on this computer only, offline).</noscript>
<script>${script}</script>
</body>
</html>
`;
  mkdirSync(dirname(out), { recursive: true });
  const temporary = `${out}.${process.pid}.tmp`;
  writeFileSync(temporary, html);
  renameSync(temporary, out);
  const inputs: Record<string, number> = {};
  for (const [path, input] of Object.entries(Object.values(bundle.metafile.outputs)[0]!.inputs)) {
    const key = path.includes("node_modules/")
      ? path
          .split("node_modules/")
          .pop()!
          .split("/")
          .slice(0, path.split("node_modules/").pop()!.startsWith("@") ? 2 : 1)
          .join("/")
      : path.split("/").slice(0, 2).join("/");
    inputs[key] = (inputs[key] ?? 0) + input.bytesInOutput;
  }
  return {
    html,
    policy,
    bytes: Buffer.byteLength(html),
    scriptBytes: Buffer.byteLength(script),
    gzipBytes: gzipSync(html).length,
    inputs,
  };
}

/** The Content-Security-Policy a built workbench file carries in its meta tag. */
export function policyOf(html: string): string | null {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? null;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--out");
  const out = at > 0 ? resolve(process.argv[at + 1]!) : undefined;
  const built = await buildWorkbench(out);
  if (!process.argv.includes("--silent")) {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    console.log(`workbench.html ${kb(built.bytes)} (script ${kb(built.scriptBytes)}, gzip ${kb(built.gzipBytes)})`);
  }
}
