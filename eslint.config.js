// ESLint checks what can be a fault; how code is laid out is Prettier's (`npm run lint` runs both).
// The type-aware rules (floating and misused promises, unsafe `any`, needless assertions) need the
// TypeScript program, found through tsconfig.json by the project service.
import js from "@eslint/js";
import vitest from "@vitest/eslint-plugin";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["dist/", "packages/cli/dist/", "docs/api/", "out/", "coverage/", "scratch/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Destructuring a key away (`const { $schema: _schema, ...rest } = value`) is how a key is omitted.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }],
      // `any` is written on purpose for lists of differently typed entries (FactDefinition<any>);
      // where an `any` value flows somewhere unchecked, the no-unsafe-* rules report it.
      "@typescript-eslint/no-explicit-any": "off",
      // A switch over a union that misses a member is a fault the compiler does not report.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      // Style, not a fault: a regex may spell out the spaces of the text it matches.
      "no-regex-spaces": "off",
    },
  },
  {
    files: ["test/**/*.ts"],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      // vitest's expect takes a message as its second argument: `expect(value, file)`.
      "vitest/valid-expect": ["error", { maxArgs: 2 }],
      // Test names built from data (`it(file, …)`) are strings too.
      "vitest/valid-title": ["error", { allowArguments: true }],
      // A `.only` left behind makes the suite run one test and pass.
      "vitest/no-focused-tests": "error",
      // Helpers named expect… assert (expectAccounted in the fuzz test); expects in beforeAll check set-up.
      "vitest/expect-expect": ["error", { assertFunctionNames: ["expect", "expect*"] }],
      "vitest/no-standalone-expect": ["error", { additionalTestBlockFunctions: ["beforeAll"] }],
      // Property tests branch on the generated case; every branch asserts.
      "vitest/no-conditional-expect": "off",
      // Tests read results with JSON.parse and poke households as `any` on purpose.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      // Tests feed number literals JSON cannot hold exactly (1e400, 0.1 + 0.2, 99999999999999.99).
      "no-loss-of-precision": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
