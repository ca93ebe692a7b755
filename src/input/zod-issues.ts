import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/** How badly an issue says "this is the wrong shape altogether". */
function weight(issue: Issue): number {
  return issue.code === "unrecognized_keys" ? issue.keys.length : 1;
}

/**
 * Replaces each "invalid input" of a union by the issues of the branch the value most nearly
 * matches, with full paths — so a typo inside a condition reports the misspelt key and its line,
 * not "Invalid input" at the condition.
 */
export function expandUnionIssues(issues: readonly Issue[], depth = 0): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union" || !("errors" in issue) || !issue.errors.length || depth > 32) return [issue];
    let best: Issue[] = issue.errors[0]!;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const branch of issue.errors) {
      const score = branch.reduce((sum, nested) => sum + weight(nested), 0);
      if (score < bestScore) [best, bestScore] = [branch, score];
    }
    const rebased = best.map((nested) => ({ ...nested, path: [...issue.path, ...nested.path] }));
    return expandUnionIssues(rebased, depth + 1);
  });
}

/** zod's default text for an absent field reads "expected string, received undefined". */
export function missingFieldMessage(issue: { code?: string; input?: unknown }): string | undefined {
  const absentCodes = ["invalid_type", "invalid_value", "invalid_union"];
  return issue.input === undefined && issue.code !== undefined && absentCodes.includes(issue.code) ? "required field is missing" : undefined;
}

