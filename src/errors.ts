/**
 * Stable error codes. Each is documented in docs/errors.md with its meaning and fix; tools and
 * county systems may match on them.
 */
export type ErrorCode =
  | "E_INPUT_SCHEMA"
  | "E_INPUT_JSON"
  | "E_INPUT_ENCODING"
  | "E_WORKBOOK_LIMIT"
  | "E_WORKBOOK_SHEETS"
  | "E_WORKBOOK_FORMULA"
  | "E_WORKBOOK_MERGED_CELLS"
  | "E_RULESET_NOT_FOUND"
  | "E_RULESET_JSON"
  | "E_RULESET_SCHEMA"
  | "E_RULESET_REFERENCE"
  | "E_RULESET_CYCLE"
  | "E_RULESET_HASH_MISMATCH"
  | "E_RULESET_CONDITION_LIMIT"
  | "E_NO_PARAMETER_IN_FORCE"
  | "E_NO_FIGURE_IN_FORCE"
  | "E_PARAMETER_OVERRIDE"
  | "E_BAD_AS_OF"
  | "E_USAGE"
  | "E_OUTPUT_WRITE"
  | "E_CONTENT_TYPE"
  | "E_REPORT_DUPLICATE_ID"
  | "E_INTERNAL";

/** Where in a file a problem is. Line and column are 1-based. */
export interface SourceLocation {
  file: string;
  /** JSON Pointer (RFC 6901) to the offending value, `""` for the whole document. */
  path: string;
  line?: number;
  column?: number;
}

/** One problem found in a rule set or an argument. */
export interface Problem extends SourceLocation {
  message: string;
}

/** Every error dixian throws is a DixianError with a stable {@link ErrorCode}. */
export class DixianError extends Error {
  override readonly name = "DixianError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The individual problems, each with its file and JSON path, when there are several. */
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
  }
}

/**
 * E_NO_PARAMETER_IN_FORCE, with what a caller needs to word its own advice (the HTTP service
 * speaks to the operator who started it, not to the client that called it).
 */
export class NoParameterInForceError extends DixianError {
  constructor(
    message: string,
    problems: readonly Problem[],
    readonly missing: {
      /** The parameter without a value. */
      parameter: string;
      /** The date screened. */
      asOf: string;
      /** The id of the rule set. */
      ruleSet: string;
      /** What `dixian init-overlay --extends` names to build an overlay on it (`builtin:yunnan`, or its folder). */
      base: string;
    },
  ) {
    super("E_NO_PARAMETER_IN_FORCE", message, problems);
  }
}

/** Formats a location as `file:line:column /json/path`. */
export function formatLocation(location: SourceLocation): string {
  const position = location.line === undefined ? "" : `:${location.line}:${location.column ?? 1}`;
  return `${location.file}${position} ${location.path || "/"}`;
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Builds a JSON Pointer from path segments. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => "/" + pointerSegment(String(segment))).join("");
}
