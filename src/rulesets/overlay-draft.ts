import { resolve } from "node:path";
import { directoryFiles } from "./directory-files.js";
import { memoryFiles, type RuleSetFiles } from "./rule-set-files.js";

/**
 * The overlay's files before they are written: read from memory, with `extends` resolved against
 * the folder they will be written to, so the overlay is checked exactly as it will load.
 */
export function draftFiles(dir: string, files: Readonly<Record<string, string>>): RuleSetFiles {
  const inMemory = memoryFiles(files);
  const root = resolve(dir);
  const onDisk = directoryFiles(root);
  return {
    ...inMemory,
    label: onDisk.label,
    display: (path) => onDisk.display(path),
    relative: (target) => directoryFiles(resolve(root, target)),
  };
}
