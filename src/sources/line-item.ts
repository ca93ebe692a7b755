/**
 * A household read from a line of a file (or a line that was not valid JSON), so a rejection can
 * name its line. Batch screening takes these beside plain values.
 */
export class LineItem {
  constructor(
    readonly line: number,
    readonly value: unknown,
    /** Set when the line is not valid JSON (or repeats a key): the problem, in the language of the run. */
    readonly jsonError?: string,
    /** JSON Pointer to where `jsonError` is, when it is inside the household. */
    readonly jsonErrorPath?: string,
  ) {}
}
