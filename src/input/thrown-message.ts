/**
 * The text of whatever was thrown, for a message; never throws itself (a thrown Proxy or an object
 * whose `message` getter throws still gets a text).
 */
export function thrownMessage(error: unknown): string {
  try {
    if (typeof error === "string") return error;
    if (error instanceof Error) return String(error.message);
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === "string" ? message : String(error);
  } catch {
    return "a value that cannot be described was thrown";
  }
}
