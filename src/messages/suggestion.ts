import { message, type Language } from "./catalogue.js";

/** Names longer than this are not compared: a megabyte key is not a typo. */
const MAX_COMPARED_LENGTH = 100;

/**
 * Edit distance between two names: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each count one (the "optimal string alignment" distance). Swaps count
 * one because `thershold` is one slip of the fingers, not two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[rows - 1]![columns - 1]!;
}

/**
 * The known name closest to `name`, when it is close enough to be what was meant: a difference of
 * case only, or at most one edit in three characters (at least one). Ties go to the first known
 * name, so the answer does not depend on anything but the order given.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  if (name.length === 0 || name.length > MAX_COMPARED_LENGTH) return undefined;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    if (candidate === name || candidate.length > MAX_COMPARED_LENGTH) continue;
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance <= limit && distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/**
 * The "did you mean" ending for a message about an unknown name: `；你是否想写 "threshold"？` or
 * `; did you mean "threshold"?`, or `""` when no known name is close.
 */
export function didYouMean(
  name: string,
  known: Iterable<string>,
  language: Language,
  quote: (name: string) => string = JSON.stringify,
): string {
  const closest = closestName(name, known);
  return closest === undefined ? "" : message("didYouMean", language, { name: quote(closest) });
}
