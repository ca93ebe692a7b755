import { describe, expect, it } from "vitest";
import { chromiumForTest, findChromium, underCi, type LookupEnvironment } from "./support/chromium.js";

const host = (env: NodeJS.ProcessEnv, files: string[], platform: NodeJS.Platform = "linux"): LookupEnvironment => ({
  env,
  platform,
  isExecutable: (path) => files.includes(path),
});

describe("finding Chromium for the browser tests", () => {
  it("takes CHROMIUM_PATH first, and says so when it names nothing runnable", () => {
    const files = ["/opt/chrome/chrome", "/usr/bin/chromium"];
    const env = { CHROMIUM_PATH: "/opt/chrome/chrome", PATH: "/usr/bin" };
    expect(findChromium(host(env, files))).toEqual({ found: true, path: "/opt/chrome/chrome" });
    const missing = findChromium(host({ CHROMIUM_PATH: "/nowhere/chrome", PATH: "/usr/bin" }, files));
    expect(missing).toEqual({ found: false, reason: expect.stringContaining("CHROMIUM_PATH=/nowhere/chrome") });
  });

  it("looks for the usual names on the PATH, then the usual install locations", () => {
    expect(findChromium(host({ PATH: "/bin:/usr/local/bin" }, ["/usr/local/bin/chromium-browser"]))).toEqual({
      found: true,
      path: "/usr/local/bin/chromium-browser",
    });
    expect(findChromium(host({ PATH: "/bin" }, ["/snap/bin/chromium"]))).toEqual({
      found: true,
      path: "/snap/bin/chromium",
    });
    const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(findChromium(host({ PATH: "/usr/bin" }, [mac], "darwin"))).toEqual({ found: true, path: mac });
    const none = findChromium(host({ PATH: "/usr/bin" }, []));
    expect(none).toEqual({ found: false, reason: expect.stringContaining("set CHROMIUM_PATH") });
  });

  it("skips with the reason locally, and fails under CI", () => {
    const env = { CHROMIUM_PATH: "/nowhere/chrome" };
    const skipped: string[] = [];
    const context = {
      skip: (note?: string): never => {
        skipped.push(note ?? "");
        throw new Error("skipped");
      },
    };
    expect(() => chromiumForTest(context, env)).toThrow("skipped");
    expect(skipped).toEqual([expect.stringContaining("CHROMIUM_PATH=/nowhere/chrome")]);
    expect(() => chromiumForTest(context, { ...env, CI: "true" })).toThrow(/browser test under CI: CHROMIUM_PATH=/);
    expect([underCi({ CI: "true" }), underCi({ CI: "1" }), underCi({ CI: "false" }), underCi({})]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
