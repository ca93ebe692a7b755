import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- the lint configuration is plain JavaScript without declarations.
import { ROOMS, roomOrder } from "../eslint.config.js";

const rooms = ROOMS as string[];
const linter = new Linter({ configType: "flat" });
const problems = (file: string, code: string) =>
  linter.verify(code, roomOrder as Linter.Config[], { filename: file }).map((problem) => problem.message);

describe("rooms of src/ in pipeline order (npm run lint)", () => {
  it("every folder of src/ is a room the lint knows", () => {
    const folders = readdirSync("src").filter((name) => statSync(join("src", name)).isDirectory());
    expect(folders.filter((folder) => !rooms.includes(folder))).toEqual([]);
  });

  it("refuses an import from a later room, at any depth, and of an entry point", () => {
    expect(problems("src/facts/example.ts", 'import { x } from "../rulesets/schema.js";\n')).toHaveLength(1);
    expect(problems("src/input/example.ts", 'import { x } from "../cli/main.js";\n')[0]).toMatch(/later room/);
    expect(
      problems("src/evaluation/compiled/example.ts", 'import { x } from "../../planning/plan.js";\n'),
    ).toHaveLength(1);
    expect(problems("src/results/example.ts", 'import { x } from "../index.js";\n')).toHaveLength(1);
  });

  it("allows its own room and earlier ones", () => {
    expect(problems("src/planning/example.ts", 'import { x } from "../results/reason-text.js";\n')).toEqual([]);
    expect(problems("src/planning/example.ts", 'import { x } from "./measure-plan.js";\n')).toEqual([]);
    expect(problems("src/cli/example.ts", 'import { x } from "../service/app.js";\n')).toEqual([]);
  });
});
