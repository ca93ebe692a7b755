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
export type MessageValues = Record<string, string | number | MessageText>;

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
    return typeof value === "object" ? renderText(value, language) : String(value);
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
