import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { DixianError } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import { join, relative, resolve } from "node:path";
import { readRuleFileText } from "./read-json-file.js";
import type { RuleSetFiles } from "./rule-set-files.js";

/** Shows paths relative to the working directory, as an author typed them. */
function display(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath && !relativePath.startsWith("..") ? relativePath : path;
}

/**
 * A path that is a symbolic link to nothing: an error naming it and where it points, since a
 * rule file that silently goes missing would change what is screened.
 */
function dangling(path: string, language: Language): void {
  let target: string;
  try {
    if (!lstatSync(path).isSymbolicLink()) return;
    target = readlinkSync(path);
  } catch {
    return;
  }
  const problem = message("danglingSymlink", language, { target });
  throw new DixianError("E_RULESET_NOT_FOUND", `${display(path)}: ${problem}`, [
    { file: display(path), path: "", message: problem },
  ]);
}

/** A rule-set directory on disk. */
export function directoryFiles(dir: string): RuleSetFiles {
  const root = resolve(dir);
  const isDirectory = () => existsSync(root) && statSync(root).isDirectory();
  return {
    label: display(root),
    get identity() {
      return isDirectory() ? realpathSync(root) : root;
    },
    exists: isDirectory,
    display: (path) => display(join(root, path)),
    read(path, language) {
      const file = join(root, path);
      if (!existsSync(file)) {
        dangling(file, language);
        return undefined;
      }
      // Every file must lie inside its rule set's directory (a symlink out of it is refused).
      return readRuleFileText(file, display(file), root, language);
    },
    list(folder, language) {
      const dirPath = join(root, folder);
      if (!existsSync(dirPath)) dangling(dirPath, language);
      if (!existsSync(dirPath) || !statSync(dirPath).isDirectory()) return [];
      return readdirSync(dirPath).filter((name) => name.endsWith(".json"));
    },
    entries(folder) {
      const dirPath = join(root, folder);
      if (!existsSync(dirPath) || !statSync(dirPath).isDirectory()) return [];
      // A link counts as what it points to; a link to nothing is reported where it is read.
      return readdirSync(dirPath, { withFileTypes: true }).map((entry) => ({
        name: entry.name,
        isDirectory: entry.isSymbolicLink()
          ? existsSync(join(dirPath, entry.name)) && statSync(join(dirPath, entry.name)).isDirectory()
          : entry.isDirectory(),
      }));
    },
    relative: (target) => directoryFiles(resolve(root, target)),
  };
}
