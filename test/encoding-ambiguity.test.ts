import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";
import { householdsToTables, writeTables } from "./support/table-copies.js";

/**
 * GB18030 bytes that are also valid UTF-8: 一业 in GB18030 is D2 BB D2 B5, which UTF-8 reads as
 * "һҵ". Such a table cannot be told apart by its bytes, so it is refused until --encoding names
 * the encoding, showing the line both ways; a table that can only be one of them is read as before.
 */
const ambiguous = { township: "一业", village: "之为" };

function tables(region: Record<string, string>, encoding: "utf8" | "gb18030", bom = false): string {
  const dir = mkdtempSync(join(tmpdir(), "dixian-enc-"));
  const household = { ...contractExample(), region: { ...contractExample().region, ...region } };
  writeTables(dir, householdsToTables([household]), encoding);
  // writeTables gives UTF-8 a BOM, as Excel does; without it the bytes alone must tell.
  if (encoding === "utf8" && !bom)
    for (const name of ["households.csv", "members.csv", "events.csv"]) {
      const file = join(dir, name);
      writeFileSync(file, readFileSync(file).subarray(3));
    }
  return dir;
}

const screen = (dir: string, ...args: string[]) =>
  runCliCaptured(["screen", "--rules", "builtin:yunnan", "--as-of", "2025-06-30", "--quiet", ...args, dir]);

describe("a table whose bytes are valid UTF-8 and valid GB18030", () => {
  it("is refused until --encoding names it, showing the line both ways (E_INPUT_ENCODING)", async () => {
    const { code, stdout, stderr } = await screen(tables(ambiguous, "gb18030"));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("E_INPUT_ENCODING");
    expect(stderr).toContain("households.csv 既可按 UTF-8 也可按 GB18030 读取");
    expect(stderr).toContain("第 2 行");
    expect(stderr).toContain("一业");
    expect(stderr).toContain("һҵ");
    expect(stderr).toContain("--encoding gb18030");
  });

  it("says so in English with --lang en", async () => {
    const { code, stderr } = await screen(tables(ambiguous, "gb18030"), "--lang", "en");
    expect(code).toBe(2);
    expect(stderr).toMatch(/households\.csv reads as UTF-8 and as GB18030 alike, with different text \(line 2/);
  });

  it("is read as named with --encoding, each way", async () => {
    const dir = tables(ambiguous, "gb18030");
    const gb = await screen(dir, "--encoding", "gb18030");
    expect(gb.code).toBe(0);
    expect(JSON.parse(gb.stdout).region).toMatchObject(ambiguous);
    const utf8 = await screen(dir, "--encoding", "utf8");
    expect(utf8.code).toBe(0);
    expect(JSON.parse(utf8.stdout).region.township).toBe("һҵ");
  });

  it("is UTF-8 when it has a byte-order mark", async () => {
    const { code, stdout } = await screen(tables(ambiguous, "utf8", true));
    // Their UTF-8 bytes are no GB18030 text: no question either.
    expect((await screen(tables(ambiguous, "utf8"))).code).toBe(0);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).region).toMatchObject(ambiguous);
  });

  it("is UTF-8 when any line cannot be GB18030, and GB18030 when any line cannot be UTF-8", async () => {
    const utf8 = await screen(tables({ township: "一业", village: "联合村" }, "utf8"));
    expect(utf8.code).toBe(0);
    expect(JSON.parse(utf8.stdout).region).toMatchObject({ township: "一业", village: "联合村" });
    const gb = await screen(tables({ township: "一业", village: "联合村" }, "gb18030"));
    expect(gb.code).toBe(0);
    expect(JSON.parse(gb.stdout).region).toMatchObject({ township: "一业", village: "联合村" });
  });

  it("is no question for ASCII-only tables", async () => {
    const { code } = await screen(tables({ township: "T1", village: "V1" }, "gb18030"));
    expect(code).toBe(0);
  });
});
