/**
 * Characters that would act on a terminal or reorder text rather than show: C0 and C1 controls
 * (ESC starts terminal sequences, CR returns to the start of the line), DEL, the Unicode line and
 * paragraph separators and the bidirectional controls. A line break is kept only where dixian
 * puts one ({@link printableText}).
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- these are the characters to escape
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escape(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16).toUpperCase()}}`;
}

/**
 * Text for a person to read, with every control character written as an escape (`\x1b`,
 * `\u{202E}`), so a household id or village name cannot move the cursor, recolour the terminal
 * or forge a line of output. Line breaks (`\n`) are kept: callers pass whole messages, whose line
 * breaks are dixian's own, and escape values inside one line with {@link printableValue}.
 */
export function printableText(text: string): string {
  return text.replace(UNPRINTABLE, escape);
}

/** One value inside a line of text: control characters and line breaks escaped alike. */
export function printableValue(text: string): string {
  return printableText(text).replace(/\n/g, "\\x0a");
}
