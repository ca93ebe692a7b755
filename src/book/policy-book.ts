import { valueInForce } from "../rulesets/parameters.js";
import type { LoadedRule, RuleSet } from "../rulesets/rule-set.js";
import type { FigureVariant, PolicySource, Stage, Status } from "../rulesets/schema.js";
import { STAGES } from "../rulesets/stages.js";
import type { Language } from "../messages/catalogue.js";
import { localize } from "../results/reason-text.js";
import { labelOf } from "../vocabulary/labels.js";
import { conditionText, namedConditionLabel } from "./condition-text.js";
import { groupAlikeRules } from "./decision-tables.js";
import { eventText, sentence } from "./event-text.js";
import { figureName, placeholderName, termName } from "./fact-phrases.js";
import { spaced, templateWords, valueWords, type BookContext, type ValueKind } from "./words.js";

/**
 * The policy book (规则手册) of a rule set: what a county reviews and archives, and what the
 * workbench shows — every parameter with its dated values, source and status; every figure as its
 * formula in words; every named condition and rule as a sentence ("如果 … 且 … 则 …"), by stage in
 * the order they are decided; alike rules as decision tables; the catalogues; the rule-set hash.
 * A model here, written as HTML by `book-html.ts` (the `dixian book` file and the page's tab).
 */

export interface BookParameterValue {
  from: string;
  until: string | null;
  value: string;
  source: PolicySource;
  status: Status;
  statusLabel: string;
  /** In force on the book's date. */
  inForce: boolean;
}

export interface BookParameter {
  name: string;
  label: string;
  description: string;
  unit: string | null;
  optional: boolean;
  yearly: boolean;
  values: BookParameterValue[];
  /** A value given for every date (`--set`), which the book's rule set carries. */
  override: string | null;
  /** The file that defines it. */
  file: string | null;
}

export interface BookFigure {
  id: string;
  name: string;
  description: string;
  /** Each definition in force over a period (null: always), as a formula in words. */
  formulas: { period: string | null; words: string }[];
}

export interface BookRule {
  kind: "rule";
  id: string;
  label: string;
  priority: number | null;
  sentence: string;
  /** The reason the rule writes, its placeholders named (〈人均纯收入〉). */
  reason: string | null;
  basis: string | null;
  file: string | null;
}

export interface BookTable {
  kind: "table";
  /** The sentence once, with 〔columns〕 where the rules differ. */
  pattern: string;
  columns: string[];
  rows: { id: string; label: string; cells: string[]; reason: string | null; priority: number | null }[];
  basis: string | null;
}

export interface BookStage {
  stage: Stage;
  title: string;
  intro: string;
  entries: (BookRule | BookTable)[];
}

export interface PolicyBook {
  language: Language;
  asOf: string | null;
  title: string;
  ruleSet: {
    id: string;
    version: string;
    hash: string;
    layers: string[];
    region: string | null;
    description: string;
    overrides: Record<string, string> | null;
  };
  parameters: BookParameter[];
  figures: BookFigure[];
  conditions: { name: string; label: string; sentence: string }[];
  stages: BookStage[];
  riskTypes: { id: string; code: string; label: string; source: string; status: string }[];
  guarantees: { id: string; label: string; problem: string }[];
  measureGroups: {
    code: string;
    label: string;
    source: string;
    status: string;
    measures: { id: string; label: string; kind: string; local: boolean; source: string | null }[];
  }[];
}

const STAGE_TEXT: Record<Language, Record<Stage, { title: string; intro: string }>> = {
  zh: {
    assessment: {
      title: "评估：风险类型与 3+1",
      intro: "逐条判断下列规则；每条满足条件的规则记下一项风险类型或一项 3+1 状态。",
    },
    flag: {
      title: "判定：标记与类别",
      intro: "按优先级从高到低逐条判断，取第一条满足条件的规则，给出标记和类别。",
    },
    plan: {
      title: "一户一策：措施、转介、任务和走访",
      intro:
        "逐条判断下列规则；每条满足条件的规则建议一项措施，或转介部门、生成任务、确定走访。开发式措施按适配度排序，受建议上限约束。",
    },
    fallback: { title: "保底措施", intro: "一户一策之后，按下列规则补上保底措施或限制。" },
    checks: {
      title: "数据校验",
      intro: "每条满足条件的规则给出一项数据校验（错误、警告或提示），供核实数据，不改变标记。",
    },
  },
  en: {
    assessment: {
      title: "Assessment: risk types and 3+1",
      intro: "Every rule is tried; each rule met records a risk type or a 3+1 status.",
    },
    flag: {
      title: "Flag and category",
      intro: "Rules are tried by priority, highest first; the first rule met gives the flag and category.",
    },
    plan: {
      title: "One household, one plan: measures, referrals, tasks and visits",
      intro:
        "Every rule is tried; each rule met suggests a measure, or refers to a department, makes a task or sets visits. Developmental measures are ranked by fit and capped.",
    },
    fallback: { title: "Fallback measures", intro: "After the plan, these rules add fallback measures or limits." },
    checks: {
      title: "Data checks",
      intro: "Each rule met gives a data check (error, warning or info) to verify the data; the flag is not changed.",
    },
  },
};

const TITLE = {
  zh: (region: string) => `${region}防止返贫致贫监测规则手册`,
  en: (region: string) => `Policy book: poverty-relapse monitoring rules${region ? `, ${region}` : ""}`,
};

const KINDS: Record<string, ValueKind> = {
  money: "money",
  ratio: "ratio",
  decimal: "number",
  integer: "number",
  number: "number",
  boolean: "text",
  text: "text",
};

/** A source in one line: document · clause · note. */
const sourceLine = (source: PolicySource | undefined) =>
  source ? [source.document, source.clause, source.note].filter(Boolean).join(" · ") : null;

/** Rules of a stage in the order they are decided: by priority, highest first; file order otherwise. */
function stageRules(ruleSet: RuleSet, stage: Stage): LoadedRule[] {
  return ruleSet.rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.stage === stage)
    .sort((a, b) => (b.rule.priority ?? 1) - (a.rule.priority ?? 1) || a.index - b.index)
    .map(({ rule }) => rule);
}

function parameters(ctx: BookContext): BookParameter[] {
  const { ruleSet, language, asOf } = ctx;
  return Object.entries(ruleSet.parameters).map(([name, parameter]) => {
    const current = asOf ? valueInForce(parameter, asOf) : null;
    const kind = KINDS[parameter.type] ?? "number";
    return {
      name,
      label: localize(parameter.label ?? parameter.description, language),
      description: localize(parameter.description, language),
      unit: parameter.unit ?? null,
      optional: parameter.optional === true,
      yearly: parameter.yearly === true,
      values: parameter.values.map((value) => ({
        from: value.from,
        until: value.until ?? null,
        value: kind === "money" || kind === "ratio" ? valueWords(ctx, value.value, kind) : String(value.value),
        source: value.source,
        status: value.status,
        statusLabel: labelOf("valueStatus", value.status, language),
        inForce: current === value,
      })),
      override: ruleSet.overrides?.[name] ?? null,
      file: ruleSet.origins.get(`parameter:${name}`)?.file ?? null,
    };
  });
}

function formulaWords(ctx: BookContext, id: string, variant: FigureVariant): string {
  const zh = ctx.language === "zh";
  const name = figureName(ctx, id);
  if ("perMember" in variant)
    return zh
      ? `${name} = ${termName(ctx, variant.perMember)} ÷ 家庭人数（精确商，不四舍五入）`
      : `${name} = ${termName(ctx, variant.perMember)} ÷ number of members (exact, not rounded)`;
  const terms = [
    ...variant.add.map((term, index) => `${index ? " + " : ""}${termName(ctx, term)}`),
    ...variant.subtract.map((term) => ` − ${termName(ctx, term)}`),
  ];
  return `${name} = ${terms.join("") || "0"}`;
}

function figures(ctx: BookContext): BookFigure[] {
  const zh = ctx.language === "zh";
  return Object.entries(ctx.ruleSet.figures).map(([id, figure]) => ({
    id,
    name: figureName(ctx, id),
    description: figure.description ? localize(figure.description, ctx.language) : "",
    formulas: figure.variants.map((variant) => ({
      period:
        variant.from === undefined
          ? null
          : zh
            ? `${variant.from} 起${variant.until ? `至 ${variant.until}` : ""}`
            : `from ${variant.from}${variant.until ? ` until ${variant.until}` : ""}`,
      words: formulaWords(ctx, id, variant),
    })),
  }));
}

function ruleEntry(ctx: BookContext, rule: LoadedRule): BookRule {
  return {
    kind: "rule",
    id: rule.id,
    label: localize(rule.label, ctx.language),
    priority: rule.stage === "flag" ? (rule.priority ?? 1) : null,
    sentence: sentence(ctx, conditionText(ctx, rule.conditions), eventText(ctx, rule.event)),
    reason: rule.reason
      ? templateWords(ctx, localize(rule.reason, ctx.language), (id) => placeholderName(ctx, id))
      : null,
    basis: sourceLine(rule.basis),
    file: ctx.ruleSet.origins.get(`rule:${rule.id}`)?.file ?? null,
  };
}

/** The policy book of a rule set, in a language, with the values in force on `asOf` marked (when given). */
export function policyBook(ruleSet: RuleSet, options: { language?: Language; asOf?: string | null } = {}): PolicyBook {
  const language = options.language ?? "zh";
  const ctx: BookContext = { ruleSet, language, asOf: options.asOf ?? null };
  const region = ruleSet.region ? localize(ruleSet.region.name, language) : "";
  const stages = STAGES.map((stage) => ({
    stage,
    ...STAGE_TEXT[language][stage],
    entries: groupAlikeRules(ctx, stageRules(ruleSet, stage)).map((item): BookRule | BookTable => {
      if (!("pattern" in item)) return ruleEntry(ctx, item);
      const bases = [...new Set(item.rules.map((rule) => sourceLine(rule.basis)))];
      return {
        kind: "table",
        pattern: sentence(ctx, conditionText(ctx, item.pattern.conditions), eventText(ctx, item.pattern.event)),
        columns: item.columns,
        rows: item.rules.map((rule, index) => {
          const entry = ruleEntry(ctx, rule);
          return {
            id: rule.id,
            label: entry.label,
            cells: item.cells[index]!,
            reason: entry.reason,
            priority: entry.priority,
          };
        }),
        basis: bases.length === 1 ? (bases[0] ?? null) : null,
      };
    }),
  }));
  return {
    language,
    asOf: ctx.asOf,
    title: TITLE[language](region),
    ruleSet: {
      id: ruleSet.id,
      version: ruleSet.version,
      hash: ruleSet.hash,
      layers: ruleSet.layers,
      region: region || null,
      description: localize(ruleSet.description, language),
      overrides: ruleSet.overrides ? { ...ruleSet.overrides } : null,
    },
    parameters: parameters(ctx),
    figures: figures(ctx),
    conditions: Object.entries(ruleSet.conditions).map(([name, condition]) => ({
      name,
      label: namedConditionLabel(ctx, name),
      sentence: spaced(conditionText(ctx, condition), language),
    })),
    stages,
    riskTypes: ruleSet.riskTypes.map((entry) => ({
      id: entry.id,
      code: entry.code,
      label: localize(entry.label, language),
      source: sourceLine(entry.source) ?? "",
      status: labelOf("valueStatus", entry.status, language),
    })),
    guarantees: ruleSet.guarantees.map((entry) => ({
      id: entry.id,
      label: localize(entry.label, language),
      problem: localize(entry.problem, language),
    })),
    measureGroups: ruleSet.measureGroups.map((group) => ({
      code: group.code,
      label: localize(group.label, language),
      source: sourceLine(group.source) ?? "",
      status: labelOf("valueStatus", group.status, language),
      measures: ruleSet.measures
        .filter((measure) => measure.group === group.code)
        .map((measure) => ({
          id: measure.id,
          label: localize(measure.label, language),
          kind: labelOf("measureKind", measure.kind, language),
          local: measure.local === true,
          source: sourceLine(measure.source),
        })),
    })),
  };
}
