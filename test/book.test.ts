import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { policyBookHtml } from "../src/book/book-html.js";
import { policyBook, type BookRule, type BookTable, type PolicyBook } from "../src/book/policy-book.js";
import { BUILT_IN_RULE_SETS } from "../src/rulesets/built-in-names.js";
import { loadBuiltInRuleSet } from "../src/rulesets/from-json.js";
import { applyOverrides } from "../src/rulesets/overrides.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * The policy book (dixian book, and the workbench's tab): every rule a sentence a county can read,
 * alike rules as one decision table, every parameter with its dated values, sources and statuses.
 */
const cn = loadBuiltInRuleSet("cn");
const yunnan = loadBuiltInRuleSet("yunnan");

const rules = (book: PolicyBook) =>
  book.stages.flatMap((stage) => stage.entries.filter((entry): entry is BookRule => entry.kind === "rule"));
const tables = (book: PolicyBook) =>
  book.stages.flatMap((stage) => stage.entries.filter((entry): entry is BookTable => entry.kind === "table"));
const rule = (book: PolicyBook, id: string) => rules(book).find((entry) => entry.id === id)!;

describe("the policy book", () => {
  it("writes a flag rule as 如果 … 且 … 则 …, with named conditions, codes by their labels and parameters by name", () => {
    const book = policyBook(cn);
    expect(rule(book, "flag.identify.general").sentence).toBe(
      "如果 “不在监测中（没有监测记录，或风险已消除）”，且 “人均纯收入不高于监测标准”，且 “存在风险因素”，且 户类型为“一般农户”，则 标记为“识别为监测对象”，类别为“边缘易致贫户”。",
    );
    expect(rule(book, "flag.watch.nearThreshold").sentence).toContain(
      "调整后人均收入不高于「监测标准」×「关注区间倍数」",
    );
    expect(book.conditions.find((condition) => condition.name === "laborCapable")!.sentence).toBe(
      "有年龄在「劳动年龄下限」至「劳动年龄上限」岁之间、劳动技能为普通劳动力或技能劳动力的成员",
    );
  });

  it("orders the flag stage by priority, as screening decides it, and says so", () => {
    const flag = policyBook(cn).stages.find((stage) => stage.stage === "flag")!;
    const priorities = flag.entries.map((entry) => (entry as BookRule).priority!);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(flag.intro).toContain("取第一条满足条件的规则");
  });

  it("shows the disaster rules, alike but for the subtype and code, as one decision table", () => {
    const disaster = tables(policyBook(cn)).find((table) =>
      table.rows.some((row) => row.id === "risk.disaster.flood"),
    )!;
    expect(disaster.pattern).toBe(
      "如果 有近「风险事件回溯月数」个月内发生的自然灾害（〔灾种〕），则 记为风险类型“因自然灾害”（代码 〔风险代码〕）。",
    );
    expect(disaster.columns).toEqual(["灾种", "风险代码"]);
    expect(disaster.rows.map((row) => [row.id, ...row.cells])).toEqual([
      ["risk.disaster.flood", "洪涝", "0201"],
      ["risk.disaster.geological", "地质灾害", "0202"],
      ["risk.disaster.drought", "旱灾", "0203"],
      ["risk.disaster.biological", "生物灾害", "0204"],
      ["risk.disaster.meteorological", "气象灾害", "0205"],
      ["risk.disaster.earthquake", "地震", "0206"],
      ["risk.disaster.other", "其他、未注明", "0299"],
    ]);
    expect(disaster.rows[0]!.reason).toBe("近 〈风险事件回溯月数〉 个月内遭受洪涝");
  });

  it.each(BUILT_IN_RULE_SETS.flatMap((name) => (["zh", "en"] as const).map((language) => [name, language] as const)))(
    "puts every rule of %s in the %s book once, each sentence whole",
    (name, language) => {
      const ruleSet = loadBuiltInRuleSet(name);
      const book = policyBook(ruleSet, { language });
      const ids = [
        ...rules(book).map((entry) => entry.id),
        ...tables(book).flatMap((table) => table.rows.map((row) => row.id)),
      ];
      expect(ids.sort()).toEqual(ruleSet.rules.map((entry) => entry.id).sort());
      const sentences = [
        ...rules(book).map((entry) => entry.sentence),
        ...tables(book).map((table) => table.pattern),
        ...book.conditions.map((condition) => condition.sentence),
      ];
      for (const sentence of sentences) {
        expect(sentence).toMatch(language === "zh" ? /^如果 .+，则 .+。$|^[^如]/ : /^If .+, then .+\.$|^[^I]/);
        expect(sentence).not.toMatch(/undefined|null|\[object|\{|NaN/);
      }
    },
  );

  it("lists every parameter with its dated values, source and status, and marks the value in force", () => {
    const book = policyBook(yunnan, { asOf: "2025-06-30" });
    const threshold = book.parameters.find((parameter) => parameter.name === "threshold")!;
    expect(threshold.label).toBe("监测标准");
    expect(
      threshold.values.map((value) => [value.from, value.until, value.value, value.statusLabel, value.inForce]),
    ).toEqual([
      ["2023-01-01", "2023-12-31", "8050.00 元", "部分证实", false],
      ["2024-01-01", "2024-12-31", "8700.00 元", "部分证实", false],
      ["2025-01-01", "2025-12-31", "8700.00 元", "已证实", true],
    ]);
    expect(threshold.values[2]!.source.document).toContain("云农办通〔2025〕1号");
    expect(book.parameters.map((parameter) => parameter.name)).toEqual(Object.keys(yunnan.parameters));
    const html = policyBookHtml(yunnan, { asOf: "2026-06-30" });
    expect(html).toContain("2026-06-30 没有在用的取值");
  });

  it("writes each figure as its formula in words", () => {
    const words = policyBook(cn).figures.flatMap((figure) => figure.formulas.map((formula) => formula.words));
    expect(words).toEqual([
      "家庭纯收入 = 工资性收入 + 家庭经营收入 + 财产性收入 + 转移性收入 − 生产经营性支出",
      "调整后家庭纯收入 = 家庭纯收入 + 理赔收入 − 医疗自付支出 − 教育自付支出 − 其他自付支出",
      "人均纯收入 = 家庭纯收入 ÷ 家庭人数（精确商，不四舍五入）",
      "调整后人均收入 = 调整后家庭纯收入 ÷ 家庭人数（精确商，不四舍五入）",
    ]);
  });

  it("names the rule-set hash, and the values set by hand", () => {
    const whatIf = applyOverrides(yunnan, { threshold: "9100" });
    const html = policyBookHtml(whatIf, { asOf: "2026-06-30" });
    expect(html).toContain(`<span class="hash" id="hash">${whatIf.hash}</span>`);
    expect(html).toContain("threshold=9100");
    expect(whatIf.hash).not.toBe(yunnan.hash);
  });

  it("reads in English with --lang en", () => {
    const book = policyBook(cn, { language: "en" });
    expect(rule(book, "flag.identify.general").sentence).toMatch(
      /^If “not monitored .*”, and .* the household type is “general household”, then flag “identify for monitoring”, category “marginal household”\.$/,
    );
  });
});

describe("dixian book", () => {
  it("writes the book whole, the same for the same rule set and date", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-book-"));
    const out = join(dir, "book.html");
    writeFileSync(out, "last year's book");
    const first = await runCliCaptured(["book", "--rules", "builtin:yunnan", "--as-of", "2025-06-30", "--out", out]);
    expect(first.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toBe(policyBookHtml(yunnan, { asOf: "2025-06-30" }));
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    await runCliCaptured(["book", "--rules", "builtin:yunnan", "--as-of", "2025-06-30", "--out", out]);
    expect(readFileSync(out, "utf8")).toBe(html);
    expect(readdirSync(dir)).toEqual(["book.html"]);
  });

  it("refuses a bad date and a missing --out, writing nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dixian-book-"));
    const bad = await runCliCaptured([
      "book",
      "--rules",
      "builtin:cn",
      "--as-of",
      "2025-02-30",
      "--out",
      join(dir, "b.html"),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("E_USAGE");
    const noOut = await runCliCaptured(["book", "--rules", "builtin:cn", "--lang", "en"]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("--out");
    expect(existsSync(join(dir, "b.html"))).toBe(false);
  });

  it("is listed in the command line's help", async () => {
    const help = await runCliCaptured(["--help"]);
    expect(help.stdout).toMatch(/\n {2}book +the rule set as a readable policy book/);
  });
});
