import { existsSync } from "node:fs";
import { UsageError } from "./io.js";

/** The value of a required option, or a usage error naming it. */
export function required(value: string | undefined, option: string): string {
  if (!value) throw new UsageError(`${option} is required`);
  return value;
}

/** An option restricted to a few values. */
export function oneOf<T extends string>(value: string, option: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(", ")}, not "${value}"`);
  return value as T;
}

/** The single input path (or `-` for standard input), which must exist. */
export function singleInput(positionals: readonly string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`give exactly one ${what}, or - for standard input`);
  const input = positionals[0]!;
  if (input !== "-" && !existsSync(input)) throw new UsageError(`input not found: ${input}`);
  return input;
}

export const LANGUAGES = ["zh", "en"] as const;
