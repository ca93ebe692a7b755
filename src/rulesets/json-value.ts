import { pointerSegment } from "../errors.js";
import type { MessageText } from "../messages/catalogue.js";
import { MAX_RULE_FILE_DEPTH } from "./json-source.js";

/** Why a value given in memory is not JSON, and where (a JSON Pointer). */
export interface JsonValueProblem {
  path: string;
  text: MessageText;
}

const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/**
 * The first reason a parsed rule-set file given in memory (ruleSetFromJson) is not a JSON value:
 * a number JSON cannot hold (NaN, Infinity: `JSON.stringify` would turn them into null), a BigInt,
 * a cycle, nesting deeper than a rule file may have, or something that is no JSON value at all
 * (undefined, a function, a Date, a Map). Walked with an explicit stack, so no nesting is too deep
 * to check; a getter or Proxy that throws is reported, not thrown. Null when it is JSON.
 */
export function jsonValueProblem(root: unknown): JsonValueProblem | null {
  const stack: { value: unknown; path: string; depth: number; ancestors: ReadonlySet<object> }[] = [
    { value: root, path: "", depth: 0, ancestors: new Set() },
  ];
  try {
    while (stack.length) {
      const { value, path, depth, ancestors } = stack.pop()!;
      switch (typeof value) {
        case "string":
        case "boolean":
          continue;
        case "number":
          if (!Number.isFinite(value))
            return { path, text: { id: "jsonValueNotFinite", values: { value: String(value) } } };
          continue;
        case "bigint":
          return { path, text: { id: "jsonValueBigInt", values: { value: `${value}n` } } };
        case "object":
          break;
        default:
          return { path, text: { id: "jsonValueType", values: { type: typeof value } } };
      }
      if (value === null) continue;
      if (ancestors.has(value)) return { path, text: { id: "jsonValueCycle" } };
      if (depth >= MAX_RULE_FILE_DEPTH)
        return { path, text: { id: "nestedTooDeep", values: { depth: MAX_RULE_FILE_DEPTH } } };
      const within = new Set(ancestors).add(value);
      if (Array.isArray(value)) {
        for (let index = value.length - 1; index >= 0; index--)
          stack.push({ value: value[index], path: `${path}/${index}`, depth: depth + 1, ancestors: within });
        continue;
      }
      if (!isPlainObject(value))
        return { path, text: { id: "jsonValueType", values: { type: value.constructor?.name ?? "object" } } };
      const entries = Object.entries(value as Record<string, unknown>);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index]!;
        stack.push({ value: child, path: `${path}/${pointerSegment(key)}`, depth: depth + 1, ancestors: within });
      }
    }
  } catch (error) {
    return {
      path: "",
      text: { id: "jsonValueUnreadable", values: { detail: (error as Error)?.message ?? String(error) } },
    };
  }
  return null;
}
