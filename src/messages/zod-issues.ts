import { z } from "zod";
import {
  isMessageId,
  message,
  renderText,
  type MessageId,
  type MessageText,
  type MessageValues,
  type Language,
  type Bilingual,
} from "./catalogue.js";
import { didYouMean } from "./suggestion.js";

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

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

/**
 * A custom issue whose words are chosen when the language is known: a schema check pushes
 * `{ code: "custom", params: textParams(...) }` without a message.
 */
export function textParams(id: MessageId, values?: MessageValues): { text: MessageText } {
  return { text: values ? { id, values } : { id } };
}

const LOCALES = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError } as const;

const TYPE_NAMES: Record<string, MessageId> = {
  string: "typeText",
  number: "typeNumber",
  int: "typeInteger",
  boolean: "typeBoolean",
  object: "typeObject",
  array: "typeArray",
  null: "typeNull",
  undefined: "typeNothing",
};

function typeName(type: string, language: Language): string {
  const id = TYPE_NAMES[type];
  return id ? message(id, language) : type;
}

function receivedType(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  if (typeof input === "number" && Number.isInteger(input)) return "number";
  return typeof input;
}

/** A value as a message quotes it; a long string is cut, so a megabyte value does not become a megabyte message. */
const show = (value: unknown) => {
  if (typeof value !== "string") return String(value);
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
};

/** The names an object schema knows, for a "did you mean" on an unknown key. */
function knownKeys(issue: RawIssue): string[] {
  const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** The words for one issue zod raised, in the language. Undefined leaves it to the issue's own message. */
function issueMessage(issue: RawIssue, language: Language): string | undefined {
  const input = issue.input;
  if (issue.code === "custom") {
    const text = (issue.params as { text?: MessageText } | undefined)?.text;
    return text ? renderText(text, language) : undefined;
  }
  // zod's own text for an absent field reads "expected string, received undefined".
  if (
    input === undefined &&
    (issue.code === "invalid_type" || issue.code === "invalid_value" || issue.code === "invalid_union")
  ) {
    return message("fieldMissing", language);
  }
  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = issue.keys;
      const listed = keys.map(show).join(message("listSeparator", language));
      const suggestion = keys.length === 1 ? didYouMean(keys[0]!, knownKeys(issue), language) : "";
      return message(keys.length > 1 ? "unknownFields" : "unknownField", language, { keys: listed }) + suggestion;
    }
    case "invalid_type":
      return message("invalidType", language, {
        expected: typeName(issue.expected, language),
        received: typeName(receivedType(input), language),
      });
    case "invalid_value": {
      const allowed = issue.values.map(show).join(message("listSeparator", language));
      if (issue.values.length === 1) return message("invalidLiteral", language, { allowed });
      const suggestion =
        typeof input === "string"
          ? didYouMean(
              input,
              issue.values.filter((v): v is string => typeof v === "string"),
              language,
            )
          : "";
      return message("invalidChoice", language, { value: show(input), allowed }) + suggestion;
    }
    case "too_small": {
      const values = { minimum: String(issue.minimum) };
      if (issue.origin === "string")
        return message(Number(issue.minimum) === 1 ? "notEmpty" : "tooShortText", language, values);
      if (issue.origin === "array" || issue.origin === "set") return message("tooFewItems", language, values);
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return message(issue.inclusive ? "numberTooSmall" : "numberNotAbove", language, values);
      break;
    }
    case "too_big": {
      const values = { maximum: String(issue.maximum) };
      if (issue.origin === "string") return message("tooLongText", language, values);
      if (issue.origin === "array" || issue.origin === "set") return message("tooManyItems", language, values);
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return message(issue.inclusive ? "numberTooBig" : "numberNotBelow", language, values);
      break;
    }
    case "invalid_format":
      if (issue.format === "regex" && "pattern" in issue)
        return message("patternMismatch", language, { pattern: String(issue.pattern) });
      break;
    default:
      // The other issue codes are worded by zod's locale below.
      break;
  }
  const fallback = LOCALES[language](issue);
  return typeof fallback === "string" ? fallback : fallback?.message;
}

const ERROR_MAPS: Record<Language, z.core.$ZodErrorMap> = {
  zh: (issue) => issueMessage(issue, "zh"),
  en: (issue) => issueMessage(issue, "en"),
};

/**
 * Parse options that word every issue in `language`: passed to each `safeParse` call, so the
 * choice holds for that call only and never changes zod's global configuration (which every
 * caller and worker of the process would share).
 */
export function issueLanguage(language: Language): { error: z.core.$ZodErrorMap } {
  return { error: ERROR_MAPS[language] };
}

/** Marks a message worded in both languages by {@link nestedParseOptions}; never shown as such. */
const BOTH_LANGUAGES = "\u0000zh+en:";

const BOTH_MAP: z.core.$ZodErrorMap = (issue) => {
  const zh = issueMessage(issue, "zh");
  const en = issueMessage(issue, "en");
  return zh === undefined || en === undefined ? undefined : BOTH_LANGUAGES + JSON.stringify({ zh, en });
};

/**
 * Parse options for a schema parsed inside another schema's check (a parameter or figure entry
 * inside its file's `superRefine`), where the reader's language is not known yet: zod keeps the
 * message an inner parse gives an issue, so the outer parse's language cannot word it later.
 * Each issue is worded in both languages here, while zod still holds the value and the schema
 * (for "received …" and "did you mean"), and {@link issueText} picks the reader's.
 */
export function nestedParseOptions(): { error: z.core.$ZodErrorMap; jitless: true } {
  return { error: BOTH_MAP, jitless: true };
}

/** Parse options whose issues are worded in both languages; {@link issueWords} reads them. */
export function inBothLanguages(): { error: z.core.$ZodErrorMap } {
  return { error: BOTH_MAP };
}

/** An issue's words in both languages (from a parse with {@link inBothLanguages}). */
export function issueWords(issue: Issue): Bilingual {
  return { zh: issueText(issue, "zh"), en: issueText(issue, "en") };
}

/**
 * An issue's message in the language. A schema may name a message by its id where zod takes a
 * fixed text (`.regex(pattern, "adminCode")`); the id is put into words here.
 */
export function issueText(issue: Issue, language: Language): string {
  if (issue.message.startsWith(BOTH_LANGUAGES))
    return (JSON.parse(issue.message.slice(BOTH_LANGUAGES.length)) as Record<Language, string>)[language];
  if (!isMessageId(issue.message)) return issue.message;
  const values: MessageValues = {};
  for (const key of ["minimum", "maximum"] as const)
    if (key in issue) values[key] = String((issue as unknown as Record<string, unknown>)[key]);
  return message(issue.message, language, values);
}
