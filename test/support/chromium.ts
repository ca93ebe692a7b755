import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (installed by .ci/run, never a browser download): the one place its path is known. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Whether the browser tests can run here (CI always runs them). */
export const haveChromium = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);

/** Headless Chromium with nothing that reaches the network by itself. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
