/**
 * Line diff of two texts (for comparing the YAML of two runs): common prefix and suffix are trimmed,
 * the middle is aligned by longest common subsequence. The middle is bounded (MAX_CELLS); beyond it
 * the middle is shown as removed-then-added, which stays correct, only less minimal.
 */

export type DiffLine =
  | { readonly kind: 'same'; readonly text: string; readonly a: number; readonly b: number }
  | { readonly kind: 'removed'; readonly text: string; readonly a: number }
  | { readonly kind: 'added'; readonly text: string; readonly b: number };

const MAX_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Line numbers `a` / `b` are 1-based in the old / new text.
 * @example lineDiff('x\ny\n', 'x\nz\n') // same x, removed y, added z
 */
export function lineDiff(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ kind: 'same', text: a[i]!, a: i + 1, b: i + 1 });
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) out.push({ kind: 'removed', text: a[i]!, a: i + 1 });
    for (let j = start; j < endB; j++) out.push({ kind: 'added', text: b[j]!, b: j + 1 });
  } else {
    // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB), in one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        out.push({ kind: 'same', text: a[start + i]!, a: start + i + 1, b: start + j + 1 });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
        // Removed before added on a tie, so a changed line reads as "- old, + new".
        out.push({ kind: 'removed', text: a[start + i]!, a: start + i + 1 });
        i++;
      } else {
        out.push({ kind: 'added', text: b[start + j]!, b: start + j + 1 });
        j++;
      }
    }
  }
  for (let i = endA, j = endB; i < a.length; i++, j++) out.push({ kind: 'same', text: a[i]!, a: i + 1, b: j + 1 });
  return out;
}
