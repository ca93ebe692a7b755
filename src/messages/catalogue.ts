import { en } from "./en.js";
import { zh } from "./zh.js";

/** Languages for labels, reasons, explanations and messages. Chinese is the default. */
export type Language = "zh" | "en";

/**
 * The words of the code, one catalogue per language (as zod's locales are): `zh.ts` and `en.ts`
 * hold every message by id. Code that finds a problem keeps it as a {@link MessageText} — an id and
 * values — and the edge that knows the reader's language (the command line, the service, the
 * tables, the report, an API call's `lang`) puts it into words with {@link renderText}.
 */
const CATALOGUES: Record<Language, Record<MessageId, string>> = { zh, en };

export type MessageId = keyof typeof zh;

/** Values filling a message's `{name}` placeholders; a value may itself be a message, worded alike. */
export type MessageValues = Record<string, string | number | MessageText | Bilingual>;

/** A message not yet put into words: its id and values. */
export interface MessageText {
  id: MessageId;
  values?: MessageValues;
}

/** A message in the given language with `{name}` placeholders filled (nested messages worded too). */
export function message(id: MessageId, language: Language, values?: MessageValues): string {
  const template = CATALOGUES[language][id];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return whole;
    const value = values[name]!;
    if (typeof value !== "object") return String(value);
    return "id" in value ? renderText(value, language) : value[language];
  });
}

/** A {@link MessageText} in the given language. */
export function renderText(text: MessageText, language: Language): string {
  return message(text.id, language, text.values);
}

/** Whether a string names a message (for texts carried through code that only knows strings). */
export function isMessageId(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(zh, id);
}

/**
 * Text worded in both languages: what the core rooms (input, rule sets, evaluation) write when they
 * find a problem, since they do not know the reader's language. The edge that does (the command
 * line, the service, the tables, the report, an API call's `lang`) picks one with `inLanguage`.
 */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Words a reader sees: in both languages, or a text that is the same in both (a path, a value). */
export type Words = string | Bilingual;

/** A message worded in both languages. */
export function both(id: MessageId, values?: MessageValues): Bilingual {
  return { zh: message(id, "zh", values), en: message(id, "en", values) };
}

/** Words one after the other (a message and its "did you mean", say). */
export function joinWords(...parts: readonly Words[]): Words {
  if (parts.every((part) => typeof part === "string")) return parts.join("");
  const pick = (language: Language) => parts.map((part) => inLanguage(part, language)).join("");
  return { zh: pick("zh"), en: pick("en") };
}

/** Words in one language. */
export function inLanguage(words: Words, language: Language): string {
  return typeof words === "string" ? words : words[language];
}
