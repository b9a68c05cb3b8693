/**
 * Levenshtein edit distance.
 * @example editDistance('kitten', 'sitting') // 3
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** Longest name that gets "did you mean" suggestions, and most candidates compared. */
export const MAX_SUGGEST_LENGTH = 200;
const MAX_CANDIDATES = 2000;

/**
 * Up to `max` candidates closest to `word`, also matching on the last dotted segment
 * (so `hello_world.AA` suggests `hello_world.A`, and `FileWriter` suggests the canonical path).
 * @example closeMatches('hello_wrld.A', ['hello_world.A', 'x.Y']) // ['hello_world.A']
 */
export function closeMatches(word: string, candidates: readonly string[], max = 3): string[] {
  // Names come from user YAML: non-strings (`field_names: [1]`) are skipped, and very long names get
  // no suggestion (edit distance is quadratic in the length; nobody misspells a 5,000-character name).
  if (typeof word !== 'string' || word.length > MAX_SUGGEST_LENGTH) return [];
  candidates = candidates.filter((c) => typeof c === 'string' && c.length <= MAX_SUGGEST_LENGTH).slice(0, MAX_CANDIDATES);
  const tail = (s: string): string => s.slice(s.lastIndexOf('.') + 1).toLowerCase();
  const w = word.toLowerCase();
  const fullLimit = Math.max(2, Math.floor(word.length / 3));
  const tailLimit = Math.max(1, Math.floor(tail(word).length / 3));
  const wordTail = tail(word);
  const scored = candidates.map((c) => {
    // The distance is at least the length difference: skip the table when that already rules it out
    // (the value is only used when within its limit).
    const lc = c.toLowerCase();
    const full = Math.abs(w.length - lc.length) > fullLimit ? Infinity : editDistance(w, lc);
    const cTail = tail(c);
    const last = full <= fullLimit || Math.abs(wordTail.length - cTail.length) > tailLimit ? Infinity : editDistance(wordTail, cTail);
    // A tail match counts only when the full path is not already closer.
    const d = full <= fullLimit ? full : last <= tailLimit ? last + 1 : Infinity;
    return { c, d };
  });
  return scored
    .filter((s) => Number.isFinite(s.d))
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
    .slice(0, max)
    .map((s) => s.c);
}
