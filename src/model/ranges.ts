import type { SourceRange } from './spec.ts';

/**
 * Source positions of a parsed document, keyed by dotted path
 * (`plugboard.process.args.connectors[3].target`). Built by `src/yaml`; the model layer only reads it,
 * so validation stays text-agnostic.
 */
export interface RangeIndex {
  /** Range of the value node at a path. */
  readonly value: ReadonlyMap<string, SourceRange>;
  /** Range of the mapping key that introduces the value at a path. */
  readonly key: ReadonlyMap<string, SourceRange>;
}

/**
 * An index with no positions (for specs built in code).
 * @example validateConfig(config, catalog, emptyRangeIndex())
 */
export function emptyRangeIndex(): RangeIndex {
  return { value: new Map(), key: new Map() };
}

/** Parent of a dotted path: `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ''. */
export function parentPath(path: string): string {
  const m = /^(.*?)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
  return m ? (m[1] ?? '') : '';
}

/**
 * Range for a path, or for its nearest ancestor that has one (so a missing key points at its parent).
 * @example rangeAt(ranges, 'plugboard.process.args.name', 'key')
 */
export function rangeAt(ranges: RangeIndex | undefined, path: string, prefer: 'value' | 'key' = 'value'): SourceRange | undefined {
  if (!ranges) return undefined;
  let p = path;
  for (;;) {
    const r = prefer === 'key' ? (ranges.key.get(p) ?? ranges.value.get(p)) : ranges.value.get(p);
    if (r) return r;
    if (p === '') return undefined;
    p = parentPath(p);
  }
}
