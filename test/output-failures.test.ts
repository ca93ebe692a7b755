import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateHouseholds } from "../src/population/generate-households.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * A full disk or a target that cannot be written: the command says which file, in Chinese (or
 * English with --lang en), exits 2, prints no stack trace and leaves the previous file as it was;
 * a report's three files are replaced together or not at all. /dev/full fails every write with
 * ENOSPC; a file-size limit (ulimit -f, EFBIG) fills "the disk" midway through a real file.
 */
const dir = mkdtempSync(join(tmpdir(), "dixian-full-"));
const input = join(dir, "households.ndjson");
const ASOF = "2025-06-30";

beforeAll(() => {
  const households = [...generateHouseholds({ households: 1500, seed: 5, asOf: ASOF, referenceIncome: 8700 })];
  writeFileSync(input, households.map((h) => JSON.stringify(h)).join("\n") + "\n");
});

/** Runs the CLI from source in a child whose files may grow to `kilobytes` only. */
async function withFileLimit(kilobytes: number, args: string[]): Promise<{ code: number | null; stderr: string }> {
  const command = `ulimit -f ${kilobytes}; exec "${process.execPath}" --import tsx src/cli.ts "$@"`;
  const child = spawn("bash", ["-c", command, "dixian", ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const [code] = await once(child, "exit");
  return { code: code as number | null, stderr };
}

const noStackTrace = (text: string) => {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toContain("node:internal");
  expect(text).not.toContain("意外错误");
};

describe("a full disk", () => {
  it.each(["ndjson", "json", "csv", "xlsx"])(
    "--format %s to /dev/full: E_OUTPUT_WRITE naming the file, exit 2",
    async (format) => {
      const { code, stderr } = await runCliCaptured([
        "screen",
        "--rules",
        "builtin:yunnan",
        "--as-of",
        ASOF,
        "--format",
        format,
        "--out",
        "/dev/full",
        "--quiet",
        input,
      ]);
      expect(code).toBe(2);
      expect(stderr).toContain("E_OUTPUT_WRITE: 无法写入 /dev/full：ENOSPC（磁盘空间不足）");
      noStackTrace(stderr);
    },
  );

  it("--rejects, generate --out and --lang en name the file the same way", async () => {
    const rejects = await runCliCaptured(
      ["screen", "--rules", "builtin:yunnan", "--as-of", ASOF, "--rejects", "/dev/full", "--quiet", "-"],
      '{"id":"bad"}\n',
    );
    expect(rejects.code).toBe(2);
    expect(rejects.stderr).toContain("无法写入 /dev/full");
    const generate = await runCliCaptured([
      "generate",
      "--households",
      "50",
      "--seed",
      "1",
      "--out",
      "/dev/full",
      "--lang",
      "en",
    ]);
    expect(generate.code).toBe(2);
    expect(generate.stderr).toContain("E_OUTPUT_WRITE: cannot write /dev/full: ENOSPC (no space left on the disk)");
    noStackTrace(rejects.stderr + generate.stderr);
  });

  it("a folder that does not exist is named with its reason", async () => {
    const { code, stderr } = await runCliCaptured([
      "screen",
      "--rules",
      "builtin:yunnan",
      "--as-of",
      ASOF,
      "--format",
      "xlsx",
      "--out",
      join(dir, "missing", "results.xlsx"),
      input,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("ENOENT（文件夹不存在）");
    noStackTrace(stderr);
  });

  it.each(["xlsx", "ndjson", "csv"])(
    "keeps the previous --format %s file when the disk fills midway, and leaves no temporary file",
    async (format) => {
      const out = join(dir, `kept.${format}`);
      writeFileSync(out, "last month's results\n");
      const { code, stderr } = await withFileLimit(100, [
        "screen",
        "--rules",
        "builtin:yunnan",
        "--as-of",
        ASOF,
        "--format",
        format,
        "--out",
        out,
        "--workers",
        "1",
        "--quiet",
        input,
      ]);
      expect(code).toBe(2);
      expect(stderr).toContain(`E_OUTPUT_WRITE: 无法写入 ${out}：EFBIG（文件超过系统允许的大小）；原有文件未改动`);
      noStackTrace(stderr);
      expect(readFileSync(out, "utf8")).toBe("last month's results\n");
      expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    },
  );
});

describe("report", () => {
  const results = join(dir, "results.ndjson");
  beforeAll(async () => {
    const screened = await runCliCaptured(["screen", "--rules", "builtin:yunnan", "--as-of", ASOF, "--quiet", input]);
    writeFileSync(results, screened.stdout);
  });

  it("replaces its three files together or not at all when the disk fills midway", async () => {
    const out = join(dir, "report");
    expect((await runCliCaptured(["report", results, "--out", out])).code).toBe(0);
    const before = Object.fromEntries(
      ["report.json", "report.html", "report.xlsx"].map((name) => [name, readFileSync(join(out, name))]),
    );
    // The workbook and the page (written first) fit under the limit, report.json does not: nothing may change.
    const limit = Math.ceil((Math.max(before["report.html"]!.length, before["report.xlsx"]!.length) + 1) / 1024);
    expect(limit * 1024).toBeLessThan(before["report.json"]!.length);
    const { code, stderr } = await withFileLimit(limit, ["report", results, "--out", out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/E_OUTPUT_WRITE: 无法写入 .*report\.json：EFBIG/);
    noStackTrace(stderr);
    for (const [name, bytes] of Object.entries(before)) expect(readFileSync(join(out, name)).equals(bytes)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(["report.html", "report.json", "report.xlsx"]);
  });

  it("writes no file when one of the three cannot be written at all", async () => {
    const out = join(dir, "report-new");
    const { code } = await withFileLimit(4, ["report", results, "--out", out]);
    expect(code).toBe(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it.each([
    [
      "a result listed twice",
      (lines: string[]) => [...lines.slice(0, 10), lines[3]!],
      /"A?[\w-]+" occur more than once/,
    ],
    [
      "two results listed twice",
      (lines: string[]) => [lines[0]!, lines[1]!, lines[0]!, lines[2]!, lines[1]!],
      /on lines 1, 3; .* on lines 2, 5/,
    ],
    [
      "a JSON array with a result twice",
      (lines: string[]) => ["[" + [lines[0], lines[1], lines[0]].join(",\n") + "]"],
      /occur more than once/,
    ],
  ])("refuses %s, naming the ids (E_REPORT_DUPLICATE_ID)", async (_case, edit, words) => {
    const lines = readFileSync(results, "utf8").trim().split("\n");
    const file = join(dir, `dup-${Math.random().toString(36).slice(2)}.ndjson`);
    writeFileSync(file, edit(lines).join("\n") + "\n");
    const out = join(dir, "report-dup");
    const { code, stderr } = await runCliCaptured(["report", file, "--out", out, "--lang", "en"]);
    expect(code).toBe(2);
    expect(stderr).toContain("E_REPORT_DUPLICATE_ID");
    expect(stderr).toMatch(words);
    expect(existsSync(out)).toBe(false);
    // The same in --previous, in Chinese.
    const previous = await runCliCaptured(["report", results, "--previous", file, "--out", out]);
    expect(previous.code).toBe(2);
    expect(previous.stderr).toContain("出现多次");
  });
});
