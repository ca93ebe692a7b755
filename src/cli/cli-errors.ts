import { renderText, type MessageId, type MessageText, type MessageValues } from "../messages/catalogue.js";

/**
 * A command-line usage error: printed with the command's help hint, exit 2. It keeps its message
 * unworded, so it is printed in the language of the command line (`--lang`) however early it
 * was found; `message` is the English text.
 */
export class UsageError extends Error {
  readonly text: MessageText;
  constructor(
    id: MessageId,
    values?: MessageValues,
    /** An unknown name and the names known, for a "did you mean" in the printed message. */
    readonly suggest?: { name: string; known: readonly string[] },
  ) {
    super(renderText({ id, values }, "en"));
    this.text = { id, values };
  }
}

/**
 * An output that cannot be written (a missing folder, a closed pipe): reported, never a stack
 * trace. `detail` is the system's error code or message; `message` is the English text.
 */
export class OutputError extends Error {
  constructor(
    readonly target: string,
    readonly code: string | undefined,
    readonly detail: string,
  ) {
    super(renderText({ id: "cannotWrite", values: { target, detail } }, "en"));
  }
}
