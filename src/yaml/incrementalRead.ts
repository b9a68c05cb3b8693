/**
 * Re-reads YAML text after a typed edit by parsing only the list item the edit is in. Typing in one
 * component (or connector) of a 1,000-component model re-parses a few lines, not the whole text; the
 * result equals a full `readDocument` of the new text (data, ranges, diagnostics — tested against it
 * on random edits). Anything it cannot prove local (an edit across items, in the last item, at an
 * item's `- `, anchors, aliases, tags, tabs, duplicate keys outside the item, a syntax error) falls
 * back to the full read.
 */
import { isSeq, LineCounter, parseDocument, type Range } from 'yaml';
import type { Diagnostic, SourceRange } from '../model/spec.ts';
import { changedSpan } from './changedSpan.ts';
import { collectRanges, LazyRanges, MAX_NESTING, nestingOverflow, readDocument, YAML_OPTIONS, type ReadData } from './readDocument.ts';

/** A read of `text` that the next edit can start from. */
export interface IncrementalRead extends ReadData {
  readonly text: string;
}

/** The lists whose items are re-read alone. */
const LISTS = [['plugboard', 'process', 'args', 'components'], ['plugboard', 'process', 'args', 'connectors']] as const;

/**
 * The read of `text`: from `prev` when the edit between them stays inside one list item, else whole.
 * @example let read = readNext(null, text); read = readNext(read, typed)
 */
export function readNext(prev: IncrementalRead | null, text: string): IncrementalRead {
  if (prev && prev.text === text) return prev;
  const edited = prev ? readEdited(prev, text) : null;
  if (edited) return edited;
  const full = readDocument(text);
  return { text, data: full.data, ranges: full.ranges, diagnostics: full.diagnostics, toRange: full.toRange };
}

function lineRanges(text: string): (start: number, end: number) => SourceRange {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return (start, end) => {
    const s = lc.linePos(start);
    const e = lc.linePos(end);
    return { start: { line: s.line, column: s.col, offset: start }, end: { line: e.line, column: e.col, offset: end } };
  };
}

function listAt(data: unknown, path: readonly string[]): unknown[] | undefined {
  let at: unknown = data;
  for (const k of path) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[k];
  }
  return Array.isArray(at) ? at : undefined;
}

/** `data` with `path[index]` replaced (containers on the way copied, the rest shared). */
function withItem(data: unknown, path: readonly string[], index: number, item: unknown): unknown {
  if (path.length === 0) {
    const list = [...(data as unknown[])];
    list[index] = item;
    return list;
  }
  const obj = data as Record<string, unknown>;
  return { ...obj, [path[0]!]: withItem(obj[path[0]!], path.slice(1), index, item) };
}

const RISKY = /[&*!%\t\r]|<<|^(?:---|\.\.\.)/m;

/** The read of `next` from `prev` when the edit stays inside one list item; null when it cannot tell. */
export function readEdited(prev: IncrementalRead, next: string): IncrementalRead | null {
  const { value: prevValue, key: prevKey } = prev.ranges;
  if (!(prevValue instanceof LazyRanges) || !(prevKey instanceof LazyRanges)) return null;
  if (prev.diagnostics.some((d) => d.code !== 'duplicate-key')) return null;
  const old = prev.text;
  const { start, end: endOld } = changedSpan(old, next);
  const delta = next.length - old.length;
  for (const path of LISTS) {
    const items = listAt(prev.data, path);
    if (!items || items.length < 2) continue;
    const listPath = path.join('.');
    const nodeStart = (i: number) => prevValue.offsetsOf(`${listPath}[${i}]`)?.[0];
    // The last item starting at or before the edit (item starts increase along the list).
    let lo = 0;
    let hi = items.length - 1;
    if ((nodeStart(0) ?? Infinity) > start) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const at = nodeStart(mid);
      if (at === undefined) return null;
      if (at <= start) lo = mid;
      else hi = mid - 1;
    }
    const i = lo;
    if (i >= items.length - 1) continue; // the last item: its end is not marked by a next one
    return readItem(prev, next, listPath, path, i, start, endOld, delta, nodeStart(i)!, nodeStart(i + 1)!);
  }
  return null;
}

function readItem(
  prev: IncrementalRead,
  next: string,
  listPath: string,
  path: readonly string[],
  i: number,
  start: number,
  endOld: number,
  delta: number,
  nodeStart: number,
  nextStart: number,
): IncrementalRead | null {
  const old = prev.text;
  const s0 = old.lastIndexOf('\n', nodeStart - 1) + 1;
  const s1 = old.lastIndexOf('\n', nextStart - 1) + 1;
  if (start < nodeStart || endOld > s1 || s1 <= s0) return null;
  const marker = /^( *)- +$/.exec(old.slice(s0, nodeStart));
  if (!marker) return null;
  const indent = marker[1]!.length;
  const itemOld = old.slice(s0, s1);
  const itemNew = next.slice(s0, s1 + delta);
  if (!itemNew.endsWith('\n') || RISKY.test(itemOld) || RISKY.test(itemNew)) return null;
  // Every later line of the item sits deeper than its `- ` (else, in place, it would leave the item).
  const lines = itemNew.split('\n');
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    const body = line.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    if (line.length - body.length <= indent) return null;
  }
  // An item ending in a comment (or a blank line) ends where the next item's indentation ends (the
  // parser's node end depends on what follows): only items ending in content are read alone.
  const lastLine = (t: string) => t.slice(t.lastIndexOf('\n', t.length - 2) + 1, -1).trim();
  for (const t of [itemOld, itemNew]) {
    const last = lastLine(t);
    if (last === '' || last.includes('#')) return null;
  }
  if (nestingOverflow(itemNew, MAX_NESTING - path.length - 2) >= 0) return null;
  const doc = parseDocument(itemNew, { ...YAML_OPTIONS });
  if (doc.errors.length > 0 || !isSeq(doc.contents) || doc.contents.items.length !== 1) return null;
  let itemData: unknown;
  try {
    itemData = (doc.toJS({ maxAliasCount: 1000 }) as unknown[])[0];
  } catch {
    return null;
  }
  const itemPath = `${listPath}[${i}]`;
  const inItem = (p: string) => p === itemPath || p.startsWith(`${itemPath}.`) || p.startsWith(`${itemPath}[`) || p.startsWith(`${itemPath}#`);
  if (prev.diagnostics.some((d) => !inItem(d.path))) return null;
  const shift = (r: Range): Range | null => {
    const out: number[] = [];
    for (const o of r) {
      if (o < start) out.push(o);
      else if (o >= endOld) out.push(o + delta);
      else return null;
    }
    return out as unknown as Range;
  };
  const toRange = lineRanges(next);
  const value = new LazyRanges(toRange);
  const key = new LazyRanges(toRange);
  for (const [from, to] of [
    [prev.ranges.value as LazyRanges, value],
    [prev.ranges.key as LazyRanges, key],
  ] as const) {
    for (const [p, r] of from.rawEntries()) {
      if (inItem(p)) continue;
      const moved = shift(r);
      if (!moved) return null;
      to.set(p, moved);
    }
  }
  const diagnostics: Diagnostic[] = [];
  collectRanges(doc.contents.items[0], itemPath, { value, key, diagnostics, toRange }, s0);
  return { text: next, data: withItem(prev.data, path, i, itemData), ranges: { value, key }, diagnostics, toRange };
}
