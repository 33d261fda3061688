/** Folds text for matching names: lower case, `&` as `and`, punctuation and repeated spaces removed. */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The edit distance between two strings (insertions, deletions, substitutions, swaps), or Infinity past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  if (a === b) return 0;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previousPrevious[j - 2] + 1);
      current.push(value);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return Infinity;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `text` (compared folded), if it is close enough to be a likely
 * misspelling: within a third of the longer length, and at most 4 edits. Ties go to the first.
 */
export function nearest<T>(text: string, candidates: Iterable<T>, nameOf: (candidate: T) => string, namesAreFolded = false): T | undefined {
  const folded = foldName(text);
  if (folded === '') return undefined;
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const name = namesAreFolded ? nameOf(candidate) : foldName(nameOf(candidate));
    if (name === '') continue;
    const limit = Math.min(4, Math.floor(Math.max(name.length, folded.length) / 3));
    const distance = editDistance(folded, name, Math.min(limit, bestDistance - 1));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}
