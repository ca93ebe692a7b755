/** A command-line usage error: printed with the command's help hint, exit 2. */
export class UsageError extends Error {}

/** An output that cannot be written (a missing folder, a closed pipe): reported, never a stack trace. */
export class OutputError extends Error {
  constructor(readonly target: string, readonly code: string | undefined, message: string) {
    super(message);
  }
}
