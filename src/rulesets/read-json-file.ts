import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { DixianError } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import { parseJsonSource, tooLarge, MAX_RULE_FILE_BYTES, type JsonSource } from "./json-source.js";

/**
 * Reads a rule file's text: a regular file (a device, a FIFO or a folder is refused without being
 * opened for a blocking read), inside `root` when one is given (a symlink out of the rule set is
 * refused), and at most {@link MAX_RULE_FILE_BYTES} bytes however large it claims or grows to be.
 * Problems are worded in `language`.
 */
export function readRuleFileText(
  file: string,
  displayName: string,
  root: string | undefined,
  language: Language = "zh",
): string {
  const refuse = (code: "E_RULESET_JSON" | "E_RULESET_NOT_FOUND", problem: string) =>
    new DixianError(code, `${displayName}: ${problem}`, [{ file: displayName, path: "", message: problem }]);
  let fd: number | null = null;
  try {
    const real = realpathSync(file);
    if (root !== undefined) {
      const inside = relative(realpathSync(root), real);
      if (inside === "" || inside.startsWith("..") || isAbsolute(inside))
        throw refuse("E_RULESET_NOT_FOUND", message("fileOutsideRuleSet", language));
    }
    if (!statSync(real).isFile()) throw refuse("E_RULESET_NOT_FOUND", message("notARegularFile", language));
    // Non-blocking, so a FIFO put in place after the check cannot hang the open; fstat then checks what was opened.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) throw refuse("E_RULESET_NOT_FOUND", message("notARegularFile", language));
    const chunks: Buffer[] = [];
    const chunk = Buffer.alloc(64 * 1024);
    let total = 0;
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      total += read;
      if (total > MAX_RULE_FILE_BYTES) throw tooLarge(displayName, language);
      chunks.push(Buffer.from(chunk.subarray(0, read)));
    }
    return Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    if (error instanceof DixianError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new DixianError(
      "E_RULESET_NOT_FOUND",
      `${displayName}: ${message("cannotReadFileCode", language, { code })}`,
      [{ file: displayName, path: "", message: message("cannotReadFile", language) }],
    );
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Reads and parses a JSON file; a syntax error becomes an E_RULESET_JSON error with its position.
 * Messages are in `language` (Chinese by default). With `within`, the file must lie inside that
 * folder once symlinks are resolved.
 */
export function readJsonSource(
  file: string,
  displayName = file,
  language: Language = "zh",
  within?: string,
): JsonSource {
  return parseJsonSource(readRuleFileText(file, displayName, within, language), displayName, language);
}
