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

function readDocumentUncached(text: string): ReadDocument {
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
  const rangeOf = (n: Node | null | undefined): Range | undefined => n?.range ?? undefined;
  const walk = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const r = rangeOf(node as Node);
    if (r) value.set(path, r);
    if (isAlias(node)) return;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
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
        if (pair.value === null && kr) value.set(p, kr);
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${path}[${i}]`));
    }
  };
  walk(doc.contents, '');
  let data: unknown = null;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      diagnostics.push({
        code: 'yaml-syntax',
        severity: 'error',
        message: `YAML could not be read: ${(e as Error).message}. Simplify anchors and aliases.`,
        path: '',
          });
    }
  }
  return { doc, data, ranges: { value, key }, diagnostics, toRange };
}

/** Path → source range, built from node offsets; line/column positions are computed on first read. */
class LazyRanges implements ReadonlyMap<string, SourceRange> {
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
