import { z } from "zod";
import { FACTS } from "./catalogue.js";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  description?: string;
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

function typeText(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" \\| ");
  if (schema.anyOf || schema.oneOf) return (schema.anyOf ?? schema.oneOf)!.map(typeText).join(" \\| ");
  if (schema.type === "array" && schema.items) return `array of ${typeText(schema.items)}`;
  return Array.isArray(schema.type) ? schema.type.join(" \\| ") : (schema.type ?? "any");
}

function paramRows(params: JsonSchema): string[] {
  const variants = params.oneOf ?? params.anyOf ?? [params];
  const rows: string[] = [];
  for (const variant of variants) {
    for (const [name, schema] of Object.entries(variant.properties ?? {})) {
      const required = variant.required?.includes(name) ? "yes" : "no";
      rows.push(`| \`${name}\` | ${typeText(schema)} | ${required} | ${schema.description ?? ""} |`);
    }
  }
  return [...new Set(rows)];
}

/** docs/facts.md, generated from the fact catalogue (a test fails when the committed file differs). */
export function factCatalogueMarkdown(): string {
  const lines = [
    "# Fact catalogue / 事实目录",
    "",
    "Generated from `src/facts/` by `npm run docs:facts`; do not edit by hand.",
    "由代码自动生成，请勿手工修改。",
    "",
    "Every fact is computed from one household on the as-of date. Rules compare facts with values or",
    "parameters; a fact never contains a policy number. Money and quotients are exact decimal strings",
    "(compare them with the `decimal…` operators), counts are whole numbers, dates are `YYYY-MM-DD`",
    "(compare them with the `date…` operators). A fact whose data is absent is null.",
    "",
    "| fact | value | 说明 | description |",
    "|---|---|---|---|",
  ];
  for (const fact of FACTS.values())
    lines.push(
      `| [\`${fact.id}\`](#${fact.id.toLowerCase()}) | ${fact.valueType} | ${fact.description.zh} | ${fact.description.en} |`,
    );
  for (const fact of FACTS.values()) {
    lines.push(
      "",
      `## ${fact.id}`,
      "",
      `${fact.description.zh}`,
      "",
      `${fact.description.en}`,
      "",
      `Value: ${fact.valueType}.`,
    );
    const rows = paramRows(
      z.toJSONSchema(fact.params as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema,
    );
    if (rows.length) lines.push("", "| param | type | required | meaning |", "|---|---|---|---|", ...rows);
    else lines.push("", "No params.");
  }
  return lines.join("\n") + "\n";
}
