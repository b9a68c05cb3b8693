import { isAlias, type Tags, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, SourceRange } from '../model/spec.ts';
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
  // One editor action reads the same text several times (edit, re-check, parse): keep the last few.
  // Results are never mutated by callers, so sharing them is safe.
  const key = `${file ?? ''}\u0000${text}`;
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
    return hit;
  }
  const read = readDocumentUncached(text, file);
  recent.set(key, read);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  return read;
}

const RECENT_LIMIT = 4;
const recent = new Map<string, ReadDocument>();

function readDocumentUncached(text: string, file?: string): ReadDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const toRange = (start: number, end: number): SourceRange => {
    const s = lineCounter.linePos(start);
    const e = lineCounter.linePos(end);
    return { start: { line: s.line, column: s.col, offset: start }, end: { line: e.line, column: e.col, offset: end } };
  };
  const withFile = file !== undefined ? { file } : {};
  const diagnostics: Diagnostic[] = doc.errors.map((err) => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: `YAML syntax error: ${(err.message.split('\n')[0] ?? err.message).replace(/\.$/, '')}. Fix the YAML at this position.`,
    path: '',
    range: toRange(err.pos[0], Math.max(err.pos[0], err.pos[1])),
    ...withFile,
  }));
  const value = new Map<string, SourceRange>();
  const key = new Map<string, SourceRange>();
  const rangeOf = (n: Node | null | undefined): SourceRange | undefined =>
    n?.range ? toRange(n.range[0], n.range[1]) : undefined;
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
            ...(kr ? { range: kr } : {}),
            ...withFile,
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
        ...withFile,
      });
    }
  }
  return { doc, data, ranges: { value, key }, diagnostics, toRange };
}
