import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../src/index.js";

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const POLICY_DOC = readFileSync("docs/policy.md", "utf8");
const ANCHORS = new Set([...POLICY_DOC.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1]!));
const RULE_FILES = filesUnder("rules").filter((file) => file.endsWith(".json"));
const REQUIRED_ANCHORS = [
  "s1",
  ...Array.from({ length: 10 }, (_, i) => `s2-${i + 1}`),
  ...Array.from({ length: 7 }, (_, i) => `s3-${i + 1}`),
  "s3-4a",
];

/** Every `docs/policy.md#anchor` a text cites, with the line it is on. */
function citations(file: string): { file: string; line: number; anchor: string }[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((text, index) =>
      [...text.matchAll(/docs\/policy\.md#([A-Za-z0-9-]+)/g)].map((match) => ({
        file,
        line: index + 1,
        anchor: match[1]!,
      })),
    );
}

describe("docs/policy.md", () => {
  it("has every stable section anchor, once", () => {
    for (const anchor of REQUIRED_ANCHORS)
      expect(POLICY_DOC.split(`<a id="${anchor}"></a>`).length - 1, anchor).toBe(1);
  });

  it("links only to its own anchors", () => {
    const links = [...POLICY_DOC.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((anchor) => !ANCHORS.has(anchor))).toEqual([]);
  });

  it("lists exactly the thresholds the shipped rule sets carry", () => {
    const rows = new Set(
      [...POLICY_DOC.matchAll(/^\| (cn|yunnan) \| (\S+) \| (\S+) \| (\S+) \| (\S+) \|/gm)].map((m) =>
        m.slice(1, 6).join(" "),
      ),
    );
    const shipped = new Set<string>();
    for (const id of ["cn", "yunnan"]) {
      const own = loadRuleSet(`rules/${id}`).parameters.threshold!.values;
      for (const value of own)
        shipped.add([id, value.from, value.until ?? "—", String(value.value), value.status].join(" "));
    }
    expect(rows).toEqual(shipped);
  });
});

describe("policy citations in rules/, src/ and docs/", () => {
  it("every docs/policy.md#anchor cited in a rule set resolves", () => {
    const cited = RULE_FILES.flatMap(citations);
    expect(cited.length).toBeGreaterThan(50);
    expect(cited.filter((c) => !ANCHORS.has(c.anchor)).map((c) => `${c.file}:${c.line} #${c.anchor}`)).toEqual([]);
  });

  it("every docs/policy.md#anchor cited in src/ and docs/ resolves", () => {
    const cited = [...filesUnder("src"), ...filesUnder("docs")].flatMap(citations);
    expect(cited.filter((c) => !ANCHORS.has(c.anchor)).map((c) => `${c.file}:${c.line} #${c.anchor}`)).toEqual([]);
  });

  it("dixian's own semantics are cited in the one form a reader can follow", () => {
    const bad = RULE_FILES.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((text, index) => ({ file, line: index + 1, text }))
        .filter(
          ({ text }) =>
            text.includes("默认语义") && !/"document": "dixian 默认语义（docs\/policy\.md#s[0-9a-z-]+）"/.test(text),
        )
        .map(({ file, line, text }) => `${file}:${line} ${text.trim()}`),
    );
    expect(bad).toEqual([]);
  });

  it("nothing cites POLICY.md or CONTRACT.md, files outside the repository", () => {
    const pattern = /(^|[^/a-z])(POLICY|CONTRACT)(\.md| §)/;
    const offending = ["rules", "src", "docs"].flatMap(filesUnder).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((text, index) => (pattern.test(text) ? [`${file}:${index + 1}`] : [])),
    );
    expect(offending).toEqual([]);
  });

  it("every rule and parameter value names a document", () => {
    for (const dir of ["rules/cn", "rules/yunnan", "rules/examples/xundian-lianhe"]) {
      const ruleSet = loadRuleSet(dir);
      for (const rule of ruleSet.rules) expect(rule.basis?.document, `${dir} ${rule.id}`).toBeTruthy();
      for (const [name, parameter] of Object.entries(ruleSet.parameters)) {
        for (const value of parameter.values)
          expect(value.source.document, `${dir} ${name} ${value.from}`).toBeTruthy();
      }
    }
  });
});
