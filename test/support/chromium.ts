import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";

/**
 * Where browser tests find Chromium: `CHROMIUM_PATH` when set, else the usual command names on the
 * `PATH`, else the usual install locations (Debian/Ubuntu, the snap, macOS, Windows). dixian never
 * downloads a browser; any Chromium or Chrome will do.
 */
export const CHROMIUM_ENV = "CHROMIUM_PATH";

const COMMAND_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

const KNOWN_PATHS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium", "/usr/bin/google-chrome"],
  darwin: [
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  ],
  win32: [
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files\\Chromium\\Application\\chrome.exe",
  ],
};

/** What the lookup found: a path, or why there is none. */
export type ChromiumLookup = { found: true; path: string } | { found: false; reason: string };

export interface LookupEnvironment {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Whether a file exists and may be run. */
  isExecutable(path: string): boolean;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, process.platform === "win32" ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const HOST: LookupEnvironment = { env: process.env, platform: process.platform, isExecutable };

/** Looks for Chromium; never throws. */
export function findChromium(host: LookupEnvironment = HOST): ChromiumLookup {
  const fromEnv = host.env[CHROMIUM_ENV];
  if (fromEnv) {
    return host.isExecutable(fromEnv)
      ? { found: true, path: fromEnv }
      : { found: false, reason: `${CHROMIUM_ENV}=${fromEnv} is not an executable file` };
  }
  const suffixes = host.platform === "win32" ? [".exe", ""] : [""];
  const dirs = (host.env.PATH ?? host.env.Path ?? "").split(host.platform === "win32" ? ";" : ":").filter(Boolean);
  for (const name of COMMAND_NAMES) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const path = join(dir, name + suffix);
        if (host.isExecutable(path)) return { found: true, path };
      }
    }
  }
  for (const path of KNOWN_PATHS[host.platform] ?? []) if (host.isExecutable(path)) return { found: true, path };
  return {
    found: false,
    reason: `no Chromium found: set ${CHROMIUM_ENV}, or install chromium (looked for ${COMMAND_NAMES.join(", ")} on the PATH and in the usual install locations)`,
  };
}

/** True when running under CI (`CI=true`, or any value other than empty, "0" and "false"). */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI;
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

/**
 * For a browser test: the Chromium to launch. Without one the test is skipped with the reason
 * (shown by the reporter) — except under CI, where a missing browser is a failure, so the browser
 * tests cannot silently stop running.
 */
export function chromiumForTest(context: { skip(note?: string): never }, env: NodeJS.ProcessEnv = process.env): string {
  const lookup = findChromium({ ...HOST, env });
  if (lookup.found) return lookup.path;
  if (underCi(env)) throw new Error(`browser test under CI: ${lookup.reason}`);
  console.warn(`skipping browser test: ${lookup.reason}`);
  return context.skip(lookup.reason);
}

/** Flags that keep headless Chromium from reaching the network by itself. */
const QUIET_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Chromium at `executablePath` (from {@link chromiumForTest}) with nothing that reaches the network by itself. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: QUIET_FLAGS });
}
