import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import type { Language } from "../messages/catalogue.js";
import { problem } from "./problem.js";

/**
 * `GET /`: the workbench page (dist/workbench.html, built by `npm run build`) for people at the
 * county who open the service in a browser. The page still screens in the browser: it never calls
 * the service, and its Content-Security-Policy — sent as a header as well as in the file — allows
 * no connection at all.
 */

/** The workbench page as built, and the policy it carries. */
export interface WorkbenchPage {
  html: string;
  policy: string;
}

/** The Content-Security-Policy a built workbench file carries in its meta tag. */
export function workbenchPolicyOf(html: string): string | null {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? null;
}

/**
 * Where the built page may be, relative to the running code, first found first: the copy the
 * packed `dixian-cli` package carries at its root (`dist/cli.js` → `workbench.html`, copied by
 * scripts/cli-package-data.mjs), the library's build in a checkout (`packages/cli/dist/cli.js` →
 * `dist/workbench.html`), and the same when running from source (`src/service/` → `dist/`).
 */
export const WORKBENCH_PAGE_PATHS = ["../workbench.html", "../../../dist/workbench.html", "../../dist/workbench.html"];

/** The built page, looked for at {@link WORKBENCH_PAGE_PATHS}; null when it has not been built. */
export function findWorkbenchPage(
  candidates: readonly string[] = WORKBENCH_PAGE_PATHS.map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  ),
): WorkbenchPage | null {
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const html = readFileSync(path, "utf8");
    const policy = workbenchPolicyOf(html);
    if (policy) return { html, policy };
  }
  return null;
}

const NOT_BUILT: Record<Language, string> = {
  zh: "工作台页面尚未生成：请在 dixian 目录中运行 npm run build（生成 dist/workbench.html）",
  en: "the workbench page is not built: run npm run build in dixian (it writes dist/workbench.html)",
};

/** Serves the workbench page at `/` (or, when it is not built, a problem saying how to build it). */
export function registerWorkbench(app: FastifyInstance, page: WorkbenchPage | null, language: Language): void {
  app.get("/", { config: { query: [] } }, async (_request, reply) => {
    if (!page)
      return reply
        .code(404)
        .type("application/problem+json")
        .send(JSON.stringify(problem(404, NOT_BUILT[language])));
    return reply
      .type("text/html; charset=utf-8")
      .header("content-security-policy", page.policy)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .header("cache-control", "no-cache")
      .send(page.html);
  });
}
