import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { readRuleFileText } from "./read-json-file.js";
import type { RuleSetFiles } from "./rule-set-files.js";

/** Shows paths relative to the working directory, as an author typed them. */
function display(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath && !relativePath.startsWith("..") ? relativePath : path;
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
      if (!existsSync(file)) return undefined;
      // Every file must lie inside its rule set's directory (a symlink out of it is refused).
      return readRuleFileText(file, display(file), root, language);
    },
    list(folder) {
      const dirPath = join(root, folder);
      if (!existsSync(dirPath) || !statSync(dirPath).isDirectory()) return [];
      return readdirSync(dirPath).filter((name) => name.endsWith(".json"));
    },
    entries(folder) {
      const dirPath = join(root, folder);
      if (!existsSync(dirPath) || !statSync(dirPath).isDirectory()) return [];
      return readdirSync(dirPath, { withFileTypes: true }).map((entry) => ({
        name: entry.name,
        isDirectory: entry.isDirectory(),
      }));
    },
    relative: (target) => directoryFiles(resolve(root, target)),
  };
}
