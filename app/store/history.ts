/**
 * Undo history of YAML text snapshots. One entry per user action: consecutive commits that share a
 * `mergeKey` within `mergeWindowMs` (a YAML typing burst, one inspector field being typed) collapse
 * into one entry.
 */
export interface History {
  readonly past: readonly string[];
  readonly future: readonly string[];
  readonly lastMergeKey: string | null;
  readonly lastAt: number;
}

export const EMPTY_HISTORY: History = { past: [], future: [], lastMergeKey: null, lastAt: 0 };
const LIMIT = 200;

/** Records that the document changed from `before` to something else. */
export function recordChange(h: History, before: string, mergeKey: string | null, at: number, mergeWindowMs = 1200): History {
  if (mergeKey !== null && mergeKey === h.lastMergeKey && at - h.lastAt < mergeWindowMs) {
    return { ...h, future: [], lastAt: at };
  }
  const past = h.past.length >= LIMIT ? [...h.past.slice(1), before] : [...h.past, before];
  return { past, future: [], lastMergeKey: mergeKey, lastAt: at };
}

export function undoHistory(h: History, current: string): { history: History; text: string } | null {
  const text = h.past[h.past.length - 1];
  if (text === undefined) return null;
  return { history: { past: h.past.slice(0, -1), future: [current, ...h.future], lastMergeKey: null, lastAt: 0 }, text };
}

export function redoHistory(h: History, current: string): { history: History; text: string } | null {
  const text = h.future[0];
  if (text === undefined) return null;
  return { history: { past: [...h.past, current], future: h.future.slice(1), lastMergeKey: null, lastAt: 0 }, text };
}
