import { existsSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { isMessageId, message, type MessageId, type MessageValues, type Language } from "../messages/catalogue.js";
import { didYouMean } from "../messages/suggestion.js";
import { UsageError } from "./io.js";

export const LANGUAGES = ["zh", "en"] as const;

/**
 * The language of the command line, read before the options are parsed: a usage error found
 * while parsing them is still printed in the language asked for. The last `--lang` wins, as in
 * parsing; anything but `en` means Chinese.
 */
export function cliLanguage(args: readonly string[]): Language {
  let language: Language = "zh";
  for (const [index, arg] of args.entries()) {
    if (arg === "--") break;
    const value =
      arg === "--lang" ? args[index + 1] : arg.startsWith("--lang=") ? arg.slice("--lang=".length) : undefined;
    if (value !== undefined) language = value === "en" ? "en" : "zh";
  }
  return language;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The parsed value of each option: a string, a list of strings (repeatable) or a boolean, never undefined when it has a default. */
type OptionValues<T extends Options> = {
  [K in keyof T]:
    | (T[K] extends { multiple: true } ? string[] : T[K] extends { type: "boolean" } ? boolean : string)
    | (T[K] extends { default: unknown } ? never : undefined);
};

/** The option name in one of node's parseArgs messages (`Unknown option '--rulez'`). */
function optionIn(text: string): string {
  return /'(-{1,2}[^'\s]*)/.exec(text)?.[1] ?? text;
}

/**
 * Parses a command's options with node's parseArgs; its errors (an unknown option, a missing
 * value, an unexpected argument) become usage errors in the command line's language, an unknown
 * option with the closest known one.
 */
export function parseOptions<T extends Options>(
  args: string[],
  options: T,
  allowPositionals = true,
): { values: OptionValues<T>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: values as unknown as OptionValues<T>, positionals };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const text = (error as Error).message ?? "";
    if (!code.startsWith("ERR_PARSE_ARGS")) throw error;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const option = optionIn(text);
      const known = Object.entries(options).flatMap(([name, spec]) => [
        `--${name}`,
        ...(spec.short ? [`-${spec.short}`] : []),
      ]);
      throw new UsageError("unknownOption", { option }, { name: option.split("=")[0]!, known });
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const option = optionIn(text);
      throw new UsageError(/does not take/.test(text) ? "optionTakesNoValue" : "optionNeedsValue", {
        option: option.split(" ")[0]!,
      });
    }
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
      throw new UsageError("unexpectedArgument", { argument: /'([^']*)'/.exec(text)?.[1] ?? text });
    throw new UsageError("badArguments", { detail: text });
  }
}

/**
 * A usage error's full text in the language. A value whose key ends in `Id` names a message
 * (`{ whatId: "whatInput" }` fills `{what}`).
 */
export function usageText(error: UsageError, language: Language): string {
  const raw = error.text.values ?? {};
  const values: MessageValues = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.endsWith("Id") && typeof value === "string" && isMessageId(value))
      values[key.slice(0, -2)] = message(value, language, raw);
    else values[key] = value;
  }
  const suggestion = error.suggest ? didYouMean(error.suggest.name, error.suggest.known, language, String) : "";
  return message(error.text.id, language, values) + suggestion;
}

/** The value of a required option, or a usage error naming it. */
export function required(value: string | undefined, option: string): string {
  if (!value) throw new UsageError("optionRequired", { option });
  return value;
}

/** An option restricted to a few values. */
export function oneOf<T extends string>(value: string, option: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(
      "optionOneOf",
      { option, allowed: allowed.join(", "), value },
      { name: value, known: allowed },
    );
  }
  return value as T;
}

/** The single input path (or `-` for standard input), which must exist. */
export function singleInput(
  positionals: readonly string[],
  what: MessageId & ("whatInput" | "whatHouseholds" | "whatHouseholdFile"),
): string {
  if (positionals.length !== 1) throw new UsageError("exactlyOneInput", { whatId: what });
  const input = positionals[0]!;
  if (input !== "-" && !existsSync(input)) throw new UsageError("inputNotFound", { path: input });
  return input;
}
