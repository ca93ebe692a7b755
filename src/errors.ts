import { inLanguage, type Language, type Words } from "./messages/catalogue.js";

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

/** One problem found in a rule set or an argument, in words of the language asked for. */
export interface Problem extends SourceLocation {
  message: string;
}

/** A problem as the core rooms find it: its words in both languages, picked by the edge. */
export interface ProblemWords extends Omit<SourceLocation, "file"> {
  /** The file, or what stands for it (a rule set given in memory). */
  file: Words;
  message: Words;
}

/**
 * Every error dixian throws is a DixianError with a stable {@link ErrorCode}. Its `message` and
 * `problems` are in Chinese; {@link DixianError.inLanguage} gives the same error in another language
 * (the functions of the API that take `lang` throw it so).
 */
export class DixianError extends Error {
  override readonly name = "DixianError";
  /** The individual problems, each with its file and JSON path, when there are several. */
  readonly problems: readonly Problem[];
  /** The message in both languages. */
  declare readonly words: Words;
  /** The problems in both languages (for code that passes them on to another error). */
  declare readonly problemWords: readonly ProblemWords[];
  constructor(
    readonly code: ErrorCode,
    message: Words,
    problems: readonly ProblemWords[] = [],
  ) {
    super(inLanguage(message, "zh"));
    // Not enumerable: an error's own fields stay what they were (code, problems, and a subclass's own).
    Object.defineProperty(this, "words", { value: message });
    Object.defineProperty(this, "problemWords", { value: problems });
    this.problems = wordProblems(problems, "zh");
  }

  /** This error (its class, code and fields) with its message and problems in `language`. */
  inLanguage(language: Language): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this);
    for (const [key, value] of [
      ["message", inLanguage(this.words, language)],
      ["stack", this.stack?.replace(this.message, inLanguage(this.words, language))],
      ["words", this.words],
      ["problemWords", this.problemWords],
    ] as const) {
      Object.defineProperty(copy, key, { value, writable: key === "message" || key === "stack", configurable: true });
    }
    (copy as { problems: readonly Problem[] }).problems = wordProblems(this.problemWords, language);
    return copy;
  }
}

function wordProblems(problems: readonly ProblemWords[], language: Language): Problem[] {
  return problems.map((problem) => ({
    ...problem,
    file: inLanguage(problem.file, language),
    message: inLanguage(problem.message, language),
  }));
}

/**
 * Runs `work` for a caller that reads `language` (a function of the API taking `lang`): a
 * {@link DixianError} it throws comes out worded in that language.
 */
export function inLanguageOf<T>(language: Language, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw inReaderLanguage(error, language);
  }
}

/** An error in the reader's language: a {@link DixianError} worded in `language`, anything else as it is. */
export function inReaderLanguage(error: unknown, language: Language): unknown {
  return error instanceof DixianError ? error.inLanguage(language) : error;
}

/**
 * E_NO_PARAMETER_IN_FORCE, with what a caller needs to word its own advice (the HTTP service
 * speaks to the operator who started it, not to the client that called it).
 */
export class NoParameterInForceError extends DixianError {
  constructor(
    message: Words,
    problems: readonly ProblemWords[],
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
