import type { InputIssue } from "../input/validate-household.js";

/** An RFC 9457 problem document, with dixian's error code and the bad fields. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  householdId?: string | null;
  issues?: { path: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * A problem for an HTTP status; `type` names dixian's error code when there is one (the codes are
 * documented in docs/errors.md), `about:blank` otherwise, as RFC 9457 has it.
 */
export function problem(
  status: number,
  detail: string,
  extra: { code?: string; householdId?: string | null; issues?: readonly InputIssue[] } = {},
): ProblemDocument {
  return {
    type: extra.code ? `urn:dixian:error:${extra.code}` : "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(extra.code ? { code: extra.code } : {}),
    ...(extra.householdId !== undefined ? { householdId: extra.householdId } : {}),
    ...(extra.issues ? { issues: extra.issues.map(({ path, message }) => ({ path, message })) } : {}),
  };
}
