import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Every error code a county system may match on is documented, with its meaning and fix. */
describe("error codes", () => {
  it("docs/errors.md lists every code of src/errors.ts", () => {
    const codes = [...readFileSync("src/errors.ts", "utf8").matchAll(/\| "(E_[A-Z_]+)"/g)].map((match) => match[1]!);
    expect(codes.length).toBeGreaterThan(20);
    const docs = readFileSync("docs/errors.md", "utf8");
    for (const code of codes)
      expect(docs, `${code} is not in docs/errors.md`).toMatch(new RegExp(`^\\| \`${code}\` \\|`, "m"));
  });
});
