import { message, type Language } from "../messages/catalogue.js";
import { didYouMean } from "../messages/suggestion.js";
import { problem, type ProblemDocument } from "./problem.js";

/** The query parameters the screening routes take; every other route takes none. */
export const SCREENING_QUERY: readonly string[] = ["asOf", "lang", "explain"];
/** Every query parameter any route declares: the only ones whose values may reach a log. */
const DECLARED: ReadonlySet<string> = new Set(SCREENING_QUERY);

/** Content types each POST route reads. */
export const SCREEN_TYPES: readonly string[] = ["application/json"];
export const BATCH_TYPES: readonly string[] = ["application/x-ndjson", "application/jsonl", "application/json"];

/**
 * Why a request's query cannot be taken, or null: a parameter the route does not declare (a typo,
 * or data that must not travel in a URL), or a declared one given more than once. Worded in `language`.
 */
export function queryProblem(
  query: Record<string, unknown>,
  declared: readonly string[],
  language: Language,
): ProblemDocument | null {
  const issues: { path: string; message: string }[] = [];
  let code = "E_USAGE";
  for (const [name, value] of Object.entries(query)) {
    if (!declared.includes(name)) {
      const text = declared.length
        ? message("queryUnknown", language, { name, allowed: declared.join(", ") }) +
          didYouMean(name, declared, language)
        : message("queryNoneTaken", language, { name });
      issues.push({ path: `/query/${name}`, message: text });
    } else if (Array.isArray(value)) {
      issues.push({
        path: `/query/${name}`,
        message: message("queryRepeated", language, { name, count: value.length }),
      });
      if (name === "asOf") code = "E_BAD_AS_OF";
    }
  }
  if (!issues.length) return null;
  return problem(400, issues.map((issue) => issue.message).join(message("reasonSeparator", language)), {
    code,
    issues,
  });
}

/**
 * A request URL as logs may carry it: the path, and of the query only the declared parameters.
 * Anything else a client put in the URL (an ID number, a name) never reaches a log line.
 */
export function loggedUrl(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const kept = url
    .slice(at + 1)
    .split("&")
    .filter((pair) => {
      const name = pair.split("=", 1)[0]!;
      try {
        return DECLARED.has(decodeURIComponent(name.replace(/\+/g, " ")));
      } catch {
        return false;
      }
    });
  return kept.length ? `${url.slice(0, at)}?${kept.join("&")}` : url.slice(0, at);
}

/**
 * Why a body's declared content type cannot be read by a route, or null: a media type the route
 * does not take, or a charset other than UTF-8 (the JSON and NDJSON bodies are read as UTF-8 only).
 */
export function mediaTypeProblem(
  header: string | undefined,
  accepted: readonly string[],
  language: Language,
): ProblemDocument | null {
  const [type = "", ...parameters] = (header ?? "").split(";").map((part) => part.trim());
  const charset = parameters
    .map((parameter) => /^charset\s*=\s*"?([^"]*)"?$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  const typeOk = accepted.includes(type.toLowerCase());
  const charsetOk = charset === undefined || /^utf-?8$/i.test(charset);
  if (typeOk && charsetOk) return null;
  const detail = message(typeOk ? "unsupportedCharset" : "unsupportedMediaType", language, {
    type: header ?? message("noContentType", language),
    charset: charset ?? "",
    allowed: accepted.join(", "),
  });
  return problem(415, detail, { code: "E_CONTENT_TYPE", issues: [{ path: "/header/content-type", message: detail }] });
}
