import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMAS, jsonSchemaFor, type JsonSchemaName } from "../src/rulesets/json-schemas.js";

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? jsonFiles(full) : name.endsWith(".json") ? [full] : [];
  });
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validatorFor = (schemaPath: string) => ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

describe("JSON Schemas under schema/", () => {
  it("are up to date with the zod schemas (run `npm run schemas` after changing them)", () => {
    for (const name of Object.keys(JSON_SCHEMAS) as JsonSchemaName[]) {
      const committed = readFileSync(`schema/${name}.schema.json`, "utf8");
      expect(committed, `schema/${name}.schema.json is stale`).toBe(
        JSON.stringify(jsonSchemaFor(name), null, 2) + "\n",
      );
    }
  });

  it("accept every shipped rule-set file and fixture against the schema it names in $schema", () => {
    const files = [...jsonFiles("rules"), ...jsonFiles("fixtures")];
    expect(files.length).toBeGreaterThan(10);
    const validators = new Map<string, ReturnType<typeof validatorFor>>();
    for (const file of files) {
      const document = JSON.parse(readFileSync(file, "utf8"));
      expect(document.$schema, `${file} names no $schema`).toMatch(/schema\/[a-z-]+\.schema\.json$/);
      const schemaPath = resolve(dirname(file), document.$schema);
      if (!validators.has(schemaPath)) validators.set(schemaPath, validatorFor(schemaPath));
      const validate = validators.get(schemaPath)!;
      expect(validate(document) ? [] : validate.errors, file).toEqual([]);
    }
  });

  it("reject an unknown key and a wrong type", () => {
    const validate = validatorFor("schema/parameters.schema.json");
    const parameters = JSON.parse(readFileSync("rules/yunnan/parameters.json", "utf8"));
    parameters.threshold.yaerly = true;
    expect(validate(parameters)).toBe(false);
    const rules = validatorFor("schema/rules.schema.json");
    const flag = JSON.parse(readFileSync("rules/cn/rules/flag.json", "utf8"));
    flag.rules[0].priority = "high";
    expect(rules(flag)).toBe(false);
  });

  it("reject a rule test whose expect is empty", () => {
    const validate = validatorFor("schema/rule-test.schema.json");
    const tests = JSON.parse(readFileSync("rules/yunnan/tests/thresholds.json", "utf8"));
    expect(validate(tests)).toBe(true);
    tests.tests[1].expect = {};
    expect(validate(tests)).toBe(false);
    expect(validate.errors).toEqual([
      expect.objectContaining({ instancePath: "/tests/1/expect", keyword: "minProperties" }),
    ]);
  });
});
