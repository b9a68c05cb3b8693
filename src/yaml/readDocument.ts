import { isAlias, type Tags, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, SourceRange } from '../model/spec.ts';
import type { Range } from 'yaml';
import type { RangeIndex } from '../model/ranges.ts';

/**
 * PyYAML's YAML 1.1 booleans leave out the single letters `y`/`n` that the 1.1 spec (and the `yaml`
 * package) accept, so `field_names: [y]` is the string 'y' in Plugboard. Match PyYAML.
 */
function pyYamlBooleans(tags: Tags): Tags {
  return tags.map((tag) => {
    if (typeof tag !== 'object' || tag.tag !== 'tag:yaml.org,2002:bool' || !('test' in tag) || !tag.test) return tag;
    const test = new RegExp(tag.test.source.replace(/^\^\(\?:[YN]\|[yn]\|/, '^(?:'));
    return { ...tag, test };
  });
}

/** Options every parse in this package uses: YAML 1.1 (Plugboard decodes with PyYAML rules, spec §2.4). */
export const YAML_OPTIONS = {
  version: '1.1',
  uniqueKeys: false,
  keepSourceTokens: true,
  prettyErrors: false,
  customTags: pyYamlBooleans,
} as const;

/** A parsed document with plain data, positions and syntax diagnostics. */
export interface ReadDocument {
  readonly doc: Document.Parsed;
  readonly data: unknown;
  readonly ranges: RangeIndex;
  readonly diagnostics: Diagnostic[];
  readonly toRange: (start: number, end: number) => SourceRange;
}

/** What parsing needs of a read (no syntax tree): data, positions, syntax diagnostics. */
export type ReadData = Omit<ReadDocument, 'doc'>;

/**
 * Parses YAML text keeping positions. Syntax errors become 'yaml-syntax' diagnostics; duplicate keys
 * keep the last value (as PyYAML does) with a 'duplicate-key' warning.
 * @example const { data, ranges } = readDocument(text)
 */
export function readDocument(text: string, file?: string): ReadDocument {
  // One editor action reads the same text several times (edit, re-check, parse — with and without a
  // file name): keep the last few texts, parsed once each. The file name only labels diagnostics, so
  // a read for another file shares the parse and relabels them. Results are never mutated by callers,
  // so sharing them is safe.
  let hit = recent.get(text);
  if (hit) {
    recent.delete(text);
    recent.set(text, hit);
  } else {
    hit = { base: readDocumentUncached(text), byFile: new Map() };
    recent.set(text, hit);
    if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  }
  if (file === undefined) return hit.base;
  let named = hit.byFile.get(file);
  if (!named) {
    named = { ...hit.base, diagnostics: hit.base.diagnostics.map((d) => ({ ...d, file })) };
    hit.byFile.set(file, named);
  }
  return named;
}

const RECENT_LIMIT = 4;
const recent = new Map<string, { base: ReadDocument; byFile: Map<string, ReadDocument> }>();

/** Deepest nesting a model may use; Plugboard models need fewer than 10 levels. */
export const MAX_NESTING = 100;

/**
 * Where the text nests deeper than `limit` (block indentation levels, compact `- - -` entries and
 * flow brackets together), or -1. A cheap scan, so a hostile file is refused before the recursive
 * parser and walkers can overflow the stack or take minutes.
 * @example nestingOverflow('a: [[[1]]]', 2) // 5
 */
export function nestingOverflow(text: string, limit = MAX_NESTING): number {
  const indents: number[] = [];
  let flow = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const indent = /^[ \t]*/.exec(line)![0].length;
    const body = line.slice(indent);
    if (body !== '' && !body.startsWith('#') && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      const compact = /^(?:[-?:][ \t]+)*/.exec(body)![0].replace(/[ \t]/g, '').length;
      if (indents.length + compact > limit) return offset + indent;
    }
    let quote = '';
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quote) {
        if (ch === quote) quote = '';
        else if (ch === '\\' && quote === '"') i++;
      } else if (ch === '"' || ch === "'") {
        if (i === 0 || /[\s\[{,:]/.test(line[i - 1]!)) quote = ch;
      } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      else if (ch === '[' || ch === '{') {
        if (++flow + indents.length > limit) return offset + i;
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
    }
    offset += line.length + 1;
  }
  return -1;
}

/** A label for a mapping key; complex keys (`? [..]`) must not be converted (that can throw). */
function keyLabel(key: unknown): string {
  if (isScalar(key)) return typeof key.value === 'symbol' ? (key.value.description ?? '?') : String(key.value);
  if (key === null || typeof key !== 'object') return String(key);
  return isMap(key) ? '{…}' : isSeq(key) ? '[…]' : '?';
}

/** Where `collectRanges` puts what it finds. */
export interface RangeSink {
  readonly value: LazyRanges;
  readonly key: LazyRanges;
  readonly diagnostics: Diagnostic[];
  readonly toRange: (start: number, end: number) => SourceRange;
}

/**
 * Walks a parsed node: the value and key range of every path under `path` (node offsets plus
 * `shift`: a node parsed from a slice of the text), and a 'duplicate-key' warning per repeated key.
 * Returns the first merge key and alias met (for the message when they cannot be resolved).
 */
export function collectRanges(root: unknown, path: string, sink: RangeSink, shift: number): { firstMerge: Range | undefined; firstAlias: Range | undefined } {
  const { value, key, diagnostics, toRange } = sink;
  const rangeOf = (n: Node | null | undefined): Range | undefined => {
    const r = n?.range ?? undefined;
    return r && shift !== 0 ? [r[0] + shift, r[1] + shift, r[2] + shift] : r;
  };
  let firstMerge: Range | undefined;
  let firstAlias: Range | undefined;
  const walk = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const r = rangeOf(node as Node);
    if (r) value.set(path, r);
    if (isAlias(node)) {
      firstAlias ??= r;
      return;
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = keyLabel(pair.key);
        if (k === '<<' && !firstMerge) firstMerge = rangeOf(pair.key as Node);
        const p = path === '' ? k : `${path}.${k}`;
        const kr = rangeOf(pair.key as Node);
        if (seen.has(k)) {
          diagnostics.push({
            code: 'duplicate-key',
            severity: 'warning',
            message: `Key '${k}' appears more than once; the last value wins. Remove the duplicate.`,
            path: p,
            ...(kr ? { range: toRange(kr[0], kr[1]) } : {}),
          });
        }
        seen.add(k);
        if (kr) key.set(p, kr);
        if (isMap(pair.key) || isSeq(pair.key)) walk(pair.key, `${p}#key`);
        if (pair.value === null && kr) value.set(p, kr);
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${path}[${i}]`));
    }
  };
  walk(root, path);
  return { firstMerge, firstAlias };
}

function readDocumentUncached(text: string): ReadDocument {
  const tooDeep = nestingOverflow(text);
  if (tooDeep >= 0) return tooDeepDocument(text, tooDeep);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const toRange = (start: number, end: number): SourceRange => {
    const s = lineCounter.linePos(start);
    const e = lineCounter.linePos(end);
    return { start: { line: s.line, column: s.col, offset: start }, end: { line: e.line, column: e.col, offset: end } };
  };
  const diagnostics: Diagnostic[] = doc.errors.map((err) => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: `YAML syntax error: ${(err.message.split('\n')[0] ?? err.message).replace(/\.$/, '')}. Fix the YAML at this position.`,
    path: '',
    range: toRange(err.pos[0], Math.max(err.pos[0], err.pos[1])),
  }));
  // Positions are kept as offsets and turned into lines/columns only when a diagnostic asks.
  const value = new LazyRanges(toRange);
  const key = new LazyRanges(toRange);
  const { firstMerge, firstAlias } = collectRanges(doc.contents, '', { value, key, diagnostics, toRange }, 0);
  let data: unknown = null;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const merge = /merge/i.test(message);
      const at = merge ? firstMerge : firstAlias;
      diagnostics.push({
        code: 'yaml-syntax',
        severity: 'error',
        message: merge
          ? `YAML could not be read: ${message}. A merge key (<<) takes a mapping or an alias of one, such as '<<: *defaults'.`
          : `YAML could not be read: ${message}. Simplify anchors and aliases.`,
        path: '',
        ...(at ? { range: toRange(at[0], at[1]) } : {}),
      });
    }
  }
  return { doc, data, ranges: { value, key }, diagnostics, toRange };
}

/** Path → source range, built from node offsets; line/column positions are computed on first read. */
export class LazyRanges implements ReadonlyMap<string, SourceRange> {
  private readonly offsets = new Map<string, Range>();
  private readonly done = new Map<string, SourceRange>();
  constructor(private readonly toRange: (start: number, end: number) => SourceRange) {}
  set(path: string, range: Range): void {
    this.offsets.set(path, range);
    this.done.delete(path);
  }
  get(path: string): SourceRange | undefined {
    let r = this.done.get(path);
    if (r) return r;
    const o = this.offsets.get(path);
    if (!o) return undefined;
    r = this.toRange(o[0], o[1]);
    this.done.set(path, r);
    return r;
  }
  has(path: string): boolean {
    return this.offsets.has(path);
  }
  /** The node offsets of `path` ([start, value end, node end]), as the parser gave them. */
  offsetsOf(path: string): Range | undefined {
    return this.offsets.get(path);
  }
  /** Every path with its node offsets. */
  rawEntries(): IterableIterator<[string, Range]> {
    return this.offsets.entries();
  }
  get size(): number {
    return this.offsets.size;
  }
  *keys(): MapIterator<string> {
    yield* this.offsets.keys();
  }
  *values(): MapIterator<SourceRange> {
    for (const k of this.offsets.keys()) yield this.get(k)!;
  }
  *entries(): MapIterator<[string, SourceRange]> {
    for (const k of this.offsets.keys()) yield [k, this.get(k)!];
  }
  [Symbol.iterator](): MapIterator<[string, SourceRange]> {
    return this.entries();
  }
  forEach(fn: (value: SourceRange, key: string, map: ReadonlyMap<string, SourceRange>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}

/** The result for a text nested too deeply: one located error, no parse. */
function tooDeepDocument(text: string, offset: number): ReadDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument('', { ...YAML_OPTIONS, lineCounter }) as Document.Parsed;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const toRange = (start: number, end: number): SourceRange => ({ start: { line, column: start - lineStart + 1, offset: start }, end: { line, column: end - lineStart + 1, offset: end } });
  const diagnostics: Diagnostic[] = [
    {
      code: 'yaml-syntax',
      severity: 'error',
      message: `The YAML nests more than ${MAX_NESTING} levels deep here; a Plugboard model needs far fewer. Flatten the structure.`,
      path: '',
      range: toRange(offset, offset),
    },
  ];
  return { doc, data: null, ranges: { value: new Map(), key: new Map() }, diagnostics, toRange };
}
