import { isCollection, isMap, isPair, isScalar, isSeq, Scalar, stringify, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** Replace `text[from, to)` with `insert`. Splices of one edit never overlap. */
export interface Splice {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** Applies splices (computed against the same original text) from last to first. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  // Adjacent line deletions may overlap by one line break at the end of the text; merge them.
  const sorted = [...splices].sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: Splice[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.from < last.to && last.insert === '' && s.insert === '') merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, s.to), insert: '' };
    else merged.push(s);
  }
  let out = text;
  for (const s of merged.reverse()) out = out.slice(0, s.from) + s.insert + out.slice(s.to);
  return out;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break ending the line at `offset` (before '\r' of a CRLF), or the text length. */
export function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  if (i < 0) return text.length;
  return i > offset && text[i - 1] === '\r' ? i - 1 : i;
}

/** Column (0-based) of an offset. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** End of the last non-blank character of a node (collections' ranges include the trailing newline). */
export function contentEnd(text: string, node: Node): number {
  let p = node.range?.[1] ?? 0;
  while (p > 0 && /\s/.test(text[p - 1] ?? '')) p--;
  return p;
}

/** Offset just past the line holding a node's last content (its '\n' is not included). */
export function lastLineEnd(text: string, node: Node): number {
  return lineEnd(text, contentEnd(text, node));
}

/** Renders a value for one line: scalars plain/quoted as yaml decides, collections in flow style. */
export function renderInline(value: unknown, like?: Node | null): string {
  if (typeof value === 'string') {
    if (isScalar(like) && like.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
    if (isScalar(like) && like.type === Scalar.QUOTE_SINGLE && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
    if (value.includes('\n')) return JSON.stringify(value);
  }
  return renderFlow(value, false);
}

/** Flow rendering in the compact style of the Plugboard docs: `[0]`, `{a: [0]}`. */
function renderFlow(value: unknown, inFlow: boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderFlow(v, true)).join(', ')}]`;
  if (isPlainObject(value)) return `{${Object.entries(value).map(([k, v]) => `${renderFlow(k, true)}: ${renderFlow(v, true)}`).join(', ')}}`;
  if (value === undefined) return 'null';
  if (typeof value === 'string' && (value.includes('\n') || (inFlow && /[,[\]{}]/.test(value)))) return JSON.stringify(value);
  return stringify(value, { version: '1.1', lineWidth: 0 }).trimEnd();
}

/** Renders a mapping as block lines (no trailing newline), each prefixed by `indent`. */
export function renderBlockMap(value: Readonly<Record<string, unknown>>, indent: string): string[] {
  return Object.entries(value).flatMap(([k, v]) => {
    const key = renderInline(k);
    if (isPlainObject(v) && Object.keys(v).length > 0) return [`${indent}${key}:`, ...renderBlockMap(v, `${indent}  `)];
    return [`${indent}${key}: ${renderInline(v)}`];
  });
}

/** The pair of `map` whose key equals `key`. */
export function findPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  for (const p of map.items) if (isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === key) return p as Pair<Node, Node | null>;
  return undefined;
}

/** Offset of the ':' that ends a block pair's key. */
function colonAfter(text: string, key: Node): number {
  const i = text.indexOf(':', key.range?.[1] ?? 0);
  return i < 0 ? (key.range?.[1] ?? 0) : i;
}

/** Sets the value of an existing pair. Block collections are replaced by a flow rendering. */
export function replacePairValue(text: string, pair: Pair<Node, Node | null>, value: unknown): Splice {
  const v = pair.value;
  if (v && v.range && (!isCollection(v) || v.flow)) return { from: v.range[0], to: v.range[1], insert: renderInline(value, v) };
  const from = colonAfter(text, pair.key) + 1;
  const to = v ? contentEnd(text, v) : from;
  return { from, to, insert: ` ${renderInline(value)}` };
}

/** Appends `key: value` to a map (block: a new line at the map's indentation; flow: re-rendered). */
export function appendPair(text: string, map: YAMLMap, key: string, value: unknown, currentValue: Readonly<Record<string, unknown>>): Splice {
  const first = map.items[0];
  if (map.flow || !first || !isPair(first) || !(first.key as Node | null)?.range) {
    const r = map.range ?? [0, 0, 0];
    return { from: r[0], to: map.flow ? r[1] : r[0], insert: renderInline({ ...currentValue, [key]: value }) };
  }
  const indent = ' '.repeat(columnOf(text, (first.key as Node).range![0]));
  const at = lastLineEnd(text, map);
  const line = isPlainObject(value) && Object.keys(value).length > 0 ? [`${indent}${renderInline(key)}:`, ...renderBlockMap(value, `${indent}  `)].join('\n') : `${indent}${renderInline(key)}: ${renderInline(value)}`;
  return { from: at, to: at, insert: `\n${line}` };
}

/** Removes a pair from a block map (its lines), or re-renders a flow map without it. */
export function removePair(text: string, map: YAMLMap, pair: Pair<Node, Node | null>, currentValue: Readonly<Record<string, unknown>>): Splice {
  const keyStart = pair.key.range?.[0] ?? 0;
  if (map.flow) {
    const rest = Object.fromEntries(Object.entries(currentValue).filter(([k]) => k !== String(isScalar(pair.key) ? pair.key.value : pair.key)));
    return { from: map.range![0], to: map.range![1], insert: renderInline(rest) };
  }
  const end = pair.value ? lastLineEnd(text, pair.value) : lineEnd(text, keyStart);
  const ls = lineStart(text, keyStart);
  if (text.slice(ls, keyStart).trim() !== '') {
    // First pair of a sequence item (`- key: v`): the next pair moves up after the dash.
    const idx = map.items.indexOf(pair);
    const next = map.items[idx + 1] as Pair<Node, Node | null> | undefined;
    if (next?.key.range) return { from: keyStart, to: next.key.range[0], insert: '' };
    return { from: keyStart, to: end, insert: '{}' };
  }
  return removeLines(text, ls, end);
}

/** Removes whole lines `[from, to)` plus one line break. */
export function removeLines(text: string, from: number, to: number): Splice {
  if (to < text.length) return { from, to: to + (text.startsWith('\r\n', to) ? 2 : 1), insert: '' };
  const before = from >= 2 && text.startsWith('\r\n', from - 2) ? 2 : 1;
  return { from: Math.max(0, from - before), to, insert: '' };
}

/** Appends an item (block lines given without the dash) to a block sequence; flow sequences become block. */
export function appendSeqItem(text: string, seq: YAMLSeq, itemLines: readonly string[], keyColumn: number): Splice {
  const first = seq.items[0] as Node | undefined;
  if (seq.flow || !first?.range) {
    const indent = ' '.repeat(keyColumn);
    const existing = seq.items.length > 0 ? seq.items.map((it) => (it as Node).range ? [`- ${text.slice((it as Node).range![0], contentEnd(text, it as Node))}`] : []).flat() : [];
    const lines = [...existing, ...[itemLines].map((l) => l.map((x, i) => (i === 0 ? `- ${x}` : `  ${x}`)).join('\n'))];
    const r = seq.range!;
    const from = text.lastIndexOf(':', r[0]) + 1;
    return { from, to: r[1], insert: `\n${lines.map((l) => l.split('\n').map((x) => indent + x).join('\n')).join('\n')}` };
  }
  const dash = dashBefore(text, first.range[0]);
  const indent = ' '.repeat(columnOf(text, dash));
  const at = lastLineEnd(text, seq);
  const body = itemLines.map((l, i) => (i === 0 ? `${indent}- ${l}` : `${indent}  ${l}`)).join('\n');
  return { from: at, to: at, insert: `\n${body}` };
}

/** Offset of the '-' introducing a block sequence item that starts at `itemStart`. */
export function dashBefore(text: string, itemStart: number): number {
  let p = itemStart - 1;
  while (p >= 0 && text[p] === ' ') p--;
  return text[p] === '-' ? p : itemStart;
}

/** Removes items (by index) of a sequence: their lines in block style; `[]` when none remain. */
export function removeSeqItems(text: string, seq: YAMLSeq, indexes: ReadonlySet<number>): Splice[] {
  if (indexes.size === 0) return [];
  if (seq.flow || indexes.size === seq.items.length) {
    const keep = seq.items.filter((_, i) => !indexes.has(i)).map((it) => text.slice((it as Node).range![0], contentEnd(text, it as Node)));
    const r = seq.range!;
    if (seq.flow) return [{ from: r[0], to: r[1], insert: `[${keep.join(', ')}]` }];
    // `key: []` on the key's line; comment lines between the key and the items stay.
    const colon = keyColonBefore(text, lineStart(text, dashBefore(text, r[0])));
    const first = lineStart(text, dashBefore(text, r[0]));
    return [{ from: colon + 1, to: colon + 1, insert: ' []' }, removeLines(text, first, contentEnd(text, seq))];
  }
  return [...indexes].map((i) => {
    const item = seq.items[i] as Node;
    const start = lineStart(text, dashBefore(text, item.range![0]));
    return removeLines(text, start, lastLineEnd(text, item));
  });
}

/**
 * Offset of the ':' ending the key of a block collection whose first line starts at `start`: the
 * last line above it that is not blank or a comment holds the key (a ':' inside a comment is not it).
 * @example keyColonBefore('c:\n  # a: b\n  - x\n', 12) // 1
 */
export function keyColonBefore(text: string, start: number): number {
  let p = start;
  while (p > 0) {
    const ls = lineStart(text, p - 1);
    const line = text.slice(ls, p - 1);
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      const body = line.replace(/\s#.*$/, '');
      const m = /:(?=\s|$)(?![\s\S]*:(?=\s|$))/.exec(body.trimEnd());
      return ls + (m ? m.index : body.trimEnd().length - 1);
    }
    p = ls;
  }
  return Math.max(0, text.lastIndexOf(':', start));
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

export { isMap, isSeq };
