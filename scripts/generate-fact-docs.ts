/** `npm run docs:facts`: writes docs/facts.md from the fact catalogue. */
import { writeFileSync } from "node:fs";
import { factCatalogueMarkdown } from "../src/facts/fact-docs.js";

writeFileSync("docs/facts.md", factCatalogueMarkdown());
console.log("docs/facts.md");
