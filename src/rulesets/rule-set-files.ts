import { DixianError } from "../errors.js";
import { message, renderText, type Language } from "../messages/catalogue.js";
import { jsonValueProblem } from "./json-value.js";

/**
 * Where a rule set's files come from: a directory on disk (Node), or a map of relative paths to
 * their contents (the browser, or a county system that keeps rule sets in a database). The loader
 * reads every rule set through this interface only, so each kind of file is found, checked and
 * hashed in the same way whatever the source.
 */
export interface RuleSetFiles {
  /** How messages name the rule set's root: `rules/yunnan`, `builtin:yunnan`, `(in memory)`. */
  readonly label: string;
  /** The same for the same rule set however it is reached (a real path), to find `extends` cycles. */
  readonly identity: string;
  /** Whether the rule set's root exists at all. */
  exists(): boolean;
  /** How messages name a file, from its path relative to the root (`rules/flag.json`). */
  display(path: string): string;
  /**
   * The text of a file, by its path relative to the root, or undefined when there is no such file.
   * Throws a {@link DixianError}, worded in `language`, when it exists but cannot be read or is too large.
   */
  read(path: string, language: Language): string | undefined;
  /**
   * Names of the `.json` files directly inside a folder (relative to the root), in any order.
   * Throws a {@link DixianError}, worded in `language`, when the folder is a link to nothing.
   */
  list(folder: string, language: Language): string[];
  /** Everything directly inside a folder (`""` for the root), to report files the loader does not know. */
  entries(folder: string): { name: string; isDirectory: boolean }[];
  /** The rule set a relative `extends` value names (`../cn`). */
  relative(target: string): RuleSetFiles;
}

/** A file's content given in memory: its text (a string), or its JSON already parsed (any other value). */
export type RuleSetFileContent = unknown;

/** Normalizes a relative path: `/` separators, no `.` segments, `..` resolved; null when it leaves the root. */
export function normalizePath(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

/**
 * Files held in memory, keyed by their path from a common root; `root` is the folder of this rule
 * set inside that map (`""` for the map's own root). Parsed JSON values are written out as JSON
 * text, so they are checked exactly as the same file read from disk would be; the hash covers the
 * content, not its formatting, so it is the same either way. A path that leaves the root is
 * refused with a problem worded in `language`.
 */
export function memoryFiles(
  files: Readonly<Record<string, RuleSetFileContent>>,
  root = "",
  labelPrefix = "",
  language: Language = "zh",
): RuleSetFiles {
  const byPath = new Map<string, RuleSetFileContent>();
  for (const [path, content] of Object.entries(files)) {
    const normalized = normalizePath(path);
    if (normalized === null || normalized === "") {
      throw new DixianError("E_RULESET_NOT_FOUND", message("memoryPathOutside", language, { path }), [
        { file: path, path: "", message: message("memoryPathOutsideHere", language) },
      ]);
    }
    byPath.set(normalized, content);
  }
  const within = (path: string) => (root ? `${root}/${path}` : path);
  const label = labelPrefix ? `${labelPrefix}${root}` : root || message("inMemoryLabel", language);
  return {
    label,
    identity: `memory:${root}`,
    exists: () => [...byPath.keys()].some((path) => !root || path.startsWith(root + "/")),
    display: (path) => (labelPrefix ? `${labelPrefix}${within(path)}` : within(path)),
    read(path, readLanguage) {
      const key = within(path);
      if (!byPath.has(key)) return undefined;
      const content = byPath.get(key);
      const file = labelPrefix ? `${labelPrefix}${key}` : key;
      const refuse = (problem: string, pointer = "") =>
        new DixianError("E_RULESET_JSON", `${file}: ${problem}`, [{ file, path: pointer, message: problem }]);
      if (typeof content === "string") return content;
      if (content instanceof Uint8Array) {
        try {
          return new TextDecoder("utf-8", { fatal: true }).decode(content);
        } catch {
          throw refuse(message("fileNotUtf8", readLanguage));
        }
      }
      // Checked first: JSON.stringify would turn NaN into null, throw on a cycle or BigInt, and recurse as deep as the value nests.
      const problem = jsonValueProblem(content);
      if (problem) throw refuse(renderText(problem.text, readLanguage), problem.path);
      return JSON.stringify(content, null, 2) ?? "";
    },
    list(folder) {
      const prefix = within(folder) + "/";
      return [...byPath.keys()]
        .filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes("/") && path.endsWith(".json"))
        .map((path) => path.slice(prefix.length));
    },
    entries(folder) {
      const prefix = folder ? within(folder) + "/" : root ? root + "/" : "";
      const found = new Map<string, boolean>();
      for (const path of byPath.keys()) {
        if (!path.startsWith(prefix)) continue;
        const [name, ...rest] = path.slice(prefix.length).split("/");
        found.set(name!, (found.get(name!) ?? false) || rest.length > 0);
      }
      return [...found].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
    relative(target) {
      const next = normalizePath(within(target));
      // Outside the map: a root that holds no files, reported as "not a rule set".
      return memoryFiles(files, next ?? `../${target}`, labelPrefix, language);
    },
  };
}
