import { readJsonSource } from "/work/main/src/rulesets/json-source.ts";
try { readJsonSource("/tmp/deep/deep.json"); console.log("parsed"); } catch (e) { console.log("error", (e as Error).name, (e as Error).message.slice(0, 200)); }
