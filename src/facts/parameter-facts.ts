import { z } from "zod";
import { defineFact } from "./fact-definition.js";

/** Facts about the rule set's parameters on the as-of date, for rules that differ by whether a county set a value. */
export const parameterFacts = [
  defineFact({
    id: "parameterHasValue",
    valueType: "boolean",
    description: {
      zh: "规则集的某个参数在评估日是否有取值（如县级是否设定了低保标准）",
      en: "Whether a parameter of the rule set has a value on the as-of date (such as whether the county set a dibao standard)",
    },
    params: z.strictObject({ name: z.string().min(1).describe("parameter name") }),
    compute: (context, { name }) => context.parametersWithValue.has(name),
  }),
];
