import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { factCatalogueMarkdown } from "../src/facts/fact-docs.js";
import { FACTS } from "../src/facts/catalogue.js";

describe("docs/facts.md", () => {
  it("is up to date with the fact catalogue (run `npm run docs:facts` after changing facts)", () => {
    expect(readFileSync("docs/facts.md", "utf8")).toBe(factCatalogueMarkdown());
  });

  it("documents every fact with both languages", () => {
    const markdown = readFileSync("docs/facts.md", "utf8");
    for (const fact of FACTS.values()) {
      expect(markdown).toContain(`## ${fact.id}`);
      expect(fact.description.zh.length).toBeGreaterThan(0);
      expect(fact.description.en.length).toBeGreaterThan(0);
    }
  });
});
