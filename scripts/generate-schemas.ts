/** `npm run schemas`: writes schema/*.schema.json from the zod schemas. A test fails when they are stale. */
import { mkdirSync, writeFileSync } from "node:fs";
import { JSON_SCHEMAS, jsonSchemaFor, type JsonSchemaName } from "../src/rulesets/json-schemas.js";

mkdirSync("schema", { recursive: true });
for (const name of Object.keys(JSON_SCHEMAS) as JsonSchemaName[]) {
  writeFileSync(`schema/${name}.schema.json`, JSON.stringify(jsonSchemaFor(name), null, 2) + "\n");
  console.log(`schema/${name}.schema.json`);
}
