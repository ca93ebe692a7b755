import { defineConfig } from "vitest/config";

/**
 * The tests left out of `npm run test:quick`: they build or pack the package, start worker
 * threads or a browser, or run the command line over large populations. `npm test` (and CI) runs
 * them all.
 */
const SLOW = [
  "test/package.test.ts", // builds and packs the package, installs it in a scratch project
  "test/determinism.test.ts", // the built CLI across engines, worker counts, timezones and locales
  "test/batch.test.ts", // township-sized batches with worker threads
  "test/report.test.ts", // headless Chromium
  "test/browser.test.ts", // bundles dixian/browser and screens in headless Chromium
  "test/service.test.ts", // starts dixian serve processes, one with worker threads
  "test/workbench.test.ts", // builds the workbench page and screens 5,000 households in headless Chromium
  "test/service-workbench.test.ts", // starts dixian serve and opens its page in headless Chromium
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "quick", include: ["test/**/*.test.ts"], exclude: SLOW } },
      { extends: true, test: { name: "slow", include: SLOW } },
    ],
  },
});
