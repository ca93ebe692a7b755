/**
 * Spreadsheet safety (CSV/formula injection): a text cell that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return is one Excel or WPS may evaluate as a formula. As OWASP recommends, such a
 * cell is written with a single quote before it, which the spreadsheet shows as text. Numbers
 * (negative amounts included) are written as numbers and never changed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as a spreadsheet cell that cannot start a formula. */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell's text as it was before {@link neutralizeCell}, for reading back what dixian wrote. */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
