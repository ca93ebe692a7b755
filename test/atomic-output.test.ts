import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openAtomicOutput, writeFileAtomically } from "../src/cli/atomic-output.js";
import { generateHouseholds } from "../src/population/generate-households.js";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

const SCREEN = ["screen", "--rules", "rules/yunnan", "--as-of", "2025-06-30", "--quiet"];
const OLD = "results of last month\n";
const temporaries = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".tmp"));
/** Whether part of the new results has been written (to the temporary file). */
const partlyWritten = (dir: string) =>
  temporaries(dir).some((name) => {
    try {
      return statSync(join(dir, name)).size > 0;
    } catch {
      return false;
    }
  });

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "dixian-atomic-"));
}

function households(count: number, seed = 7): string {
  return (
    [...generateHouseholds({ households: count, seed, asOf: "2025-06-30", referenceIncome: 8700 })]
      .map((h) => JSON.stringify(h))
      .join("\n") + "\n"
  );
}

/** Runs the real command line in a child process, so signals reach it as they would from a shell. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

async function waitFor(test: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("outputs are written whole or not at all", () => {
  it("refuses --out or --rejects naming the input (directly or by symlink) or each other, and the input survives", async () => {
    const dir = freshDir();
    const input = join(dir, "h.ndjson");
    const text = JSON.stringify(contractExample()) + "\n";
    writeFileSync(input, text);
    symlinkSync(input, join(dir, "link.ndjson"));
    for (const args of [
      ["--out", input],
      ["--rejects", input],
      ["--out", join(dir, "link.ndjson")],
      ["--out", join(dir, "r.ndjson"), "--rejects", join(dir, "r.ndjson")],
      ["--out", join(dir, "r.ndjson"), "--rejects", join(dir, "sub", "..", "r.ndjson")],
    ]) {
      if (args.some((arg) => arg.includes("sub"))) mkdirSync(join(dir, "sub"), { recursive: true });
      const run = await runCliCaptured([...SCREEN, ...args, input]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/E_USAGE: --(out|rejects) .* 与 (input|--out) .* 是同一个文件/);
      expect(readFileSync(input, "utf8")).toBe(text);
    }
    expect(existsSync(join(dir, "r.ndjson"))).toBe(false);
    expect(temporaries(dir)).toEqual([]);
  });

  it("refuses an --out that is one of the county tables read", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "households.csv"), "id\n");
    writeFileSync(join(dir, "members.csv"), "householdId\n");
    const run = await runCliCaptured([...SCREEN, "--out", join(dir, "members.csv"), dir]);
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, "members.csv"), "utf8")).toBe("householdId\n");
  });

  it("replaces the previous results only when the run ends normally, rejections included", async () => {
    const dir = freshDir();
    const out = join(dir, "results.ndjson");
    writeFileSync(out, OLD);
    writeFileSync(join(dir, "in.ndjson"), households(3) + '{"id":"bad"}\n');
    const run = await runCliCaptured([
      ...SCREEN,
      "--out",
      out,
      "--rejects",
      join(dir, "rejects.ndjson"),
      join(dir, "in.ndjson"),
    ]);
    expect(run.code).toBe(1);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(3);
    expect(readFileSync(join(dir, "rejects.ndjson"), "utf8")).toContain('"householdId":"bad"');
    expect(temporaries(dir)).toEqual([]);
  });

  it("keeps the previous results when the run fails part-way (a JSON array with a syntax error)", async () => {
    const dir = freshDir();
    const out = join(dir, "results.ndjson");
    writeFileSync(out, OLD);
    const pretty = JSON.stringify([contractExample(), contractExample()], null, 2).replace(
      '"members": [',
      '"members": [,',
    );
    writeFileSync(join(dir, "in.json"), pretty);
    const run = await runCliCaptured([...SCREEN, "--out", out, join(dir, "in.json")]);
    expect(run.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe(OLD);
    expect(temporaries(dir)).toEqual([]);
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "keeps the previous results and removes its temporary file when %s interrupts a run",
    async (signal) => {
      const dir = freshDir();
      const out = join(dir, "results.ndjson");
      writeFileSync(out, OLD);
      writeFileSync(join(dir, "in.ndjson"), households(20_000));
      const { child, exited } = startCli([...SCREEN, "--workers", "2", "--out", out, join(dir, "in.ndjson")]);
      // Interrupt once results are being written.
      await waitFor(() => partlyWritten(dir));
      child.kill(signal);
      const { signal: endedBy, stderr } = await exited;
      expect(endedBy).toBe(signal);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(out, "utf8")).toBe(OLD);
      expect(temporaries(dir)).toEqual([]);
    },
    120_000,
  );

  it("keeps the previous results when the process is killed outright (SIGKILL)", async () => {
    const dir = freshDir();
    const out = join(dir, "generated.ndjson");
    writeFileSync(out, OLD);
    const { child, exited } = startCli(["generate", "--households", "2000000", "--seed", "1", "--out", out]);
    await waitFor(() => partlyWritten(dir));
    child.kill("SIGKILL");
    await exited;
    expect(readFileSync(out, "utf8")).toBe(OLD);
  }, 120_000);

  it("writes through a symlink to its target, and to a device directly", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "real.ndjson"), OLD);
    symlinkSync(join(dir, "real.ndjson"), join(dir, "link.ndjson"));
    writeFileAtomically(join(dir, "link.ndjson"), "new\n");
    expect(readFileSync(join(dir, "real.ndjson"), "utf8")).toBe("new\n");
    writeFileAtomically("/dev/null", "discarded\n");
    const output = await openAtomicOutput(join(dir, "real.ndjson"));
    output.stream.write("half");
    await output.abort();
    expect(readFileSync(join(dir, "real.ndjson"), "utf8")).toBe("new\n");
    expect(temporaries(dir)).toEqual([]);
  });
});
