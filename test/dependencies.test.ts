import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const version = (name: string) =>
  JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")).version as string;
const atLeast = (actual: string, minimum: string) => {
  const [a, b] = [actual, minimum].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if (a![i] !== b![i]) return a![i]! > b![i]!;
  return true;
};

describe("runtime dependencies", () => {
  it("json-rules-engine resolves paths with a jsonpath-plus free of the known remote-code-execution flaws (GHSA-pppg-cpfq-h7wr, fixed in 10.2.0)", () => {
    expect(atLeast(version("jsonpath-plus"), "10.2.0")).toBe(true);
  });

  const library = JSON.parse(readFileSync("package.json", "utf8")).dependencies as Record<string, string>;
  const commandLine = JSON.parse(readFileSync("packages/cli/package.json", "utf8")).dependencies as Record<
    string,
    string
  >;

  it("are exactly the ones docs/architecture.md justifies, the command line's own marked so", () => {
    const rows = readFileSync("docs/architecture.md", "utf8")
      .split("\n")
      .filter((line) => line.startsWith("| `"));
    const row = (name: string) => rows.find((line) => line.startsWith(`| \`${name}\` `));
    for (const name of Object.keys(library)) {
      expect(row(name), `${name} is not justified in docs/architecture.md`).toBeDefined();
      expect(row(name)).not.toContain("(command line)");
    }
    for (const name of Object.keys(commandLine).filter((name) => !(name in library)))
      expect(row(name), `${name} is not justified as a command-line dependency`).toMatch(
        /^\| `[^`]+` \(command line\) \|/,
      );
  });

  it("of the command line include the library's, in the same ranges (it bundles the same code)", () => {
    for (const [name, range] of Object.entries(library)) expect(commandLine[name], name).toBe(range);
    expect(JSON.parse(readFileSync("packages/cli/package.json", "utf8")).version).toBe(
      JSON.parse(readFileSync("package.json", "utf8")).version,
    );
  });
});
