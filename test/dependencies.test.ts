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

  it("are exactly the ones docs/architecture.md justifies", () => {
    const runtime = Object.keys(JSON.parse(readFileSync("package.json", "utf8")).dependencies).sort();
    const docs = readFileSync("docs/architecture.md", "utf8");
    for (const name of runtime)
      expect(docs, `${name} is not justified in docs/architecture.md`).toContain(`| \`${name}\` |`);
  });
});
