import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { closeMatches } from '../model/index.ts';
import { parseConfig } from './index.ts';
import { MAX_NESTING, nestingOverflow } from './readDocument.ts';

const catalog = createRegistry();
const parse = (text: string) => parseConfig(text, { catalog, file: 'm.yaml' });
const where = (text: string, code?: string) =>
  parse(text)
    .diagnostics.filter((d) => !code || d.code === code)
    .map((d) => [d.range?.start.line, d.range?.start.column, d.message]);
const component = (args: string) => `plugboard:\n  process:\n    args:\n      components:\n      - {type: hello_world.A, args: {name: a, ${args}}}\n`;

describe('the validator never crashes or stalls on hostile YAML', () => {
  it('refuses 2,000-level block nesting with one located message', () => {
    const text = 'plugboard:\n  process:\n' + Array.from({ length: 2000 }, (_, i) => `${' '.repeat(4 + i * 2)}k:\n`).join('');
    const [d] = where(text);
    expect(d?.[0]).toBe(MAX_NESTING + 1);
    expect(d?.[2]).toMatch(/nests more than 100 levels/);
  });

  it('refuses 1,000-level flow nesting and 5,000-level compact sequences', () => {
    expect(where(`plugboard:\n  process: ${'['.repeat(1000)}${']'.repeat(1000)}\n`)[0]?.[2]).toMatch(/nests more than/);
    expect(where(`${'- '.repeat(5000)}v\n`)[0]?.[2]).toMatch(/nests more than/);
    expect(where(`${'- '.repeat(5000)}v\n`)[0]?.[2]).not.toMatch(/call stack/);
  });

  it('does not count brackets in quotes or comments, nor ordinary nesting', () => {
    expect(nestingOverflow(`a: "${'['.repeat(500)}"\nb: 1 # ${'{'.repeat(500)}\n`)).toBe(-1);
    expect(nestingOverflow('a:\n  b:\n    - [1, {c: [2]}]\n', 6)).toBe(-1);
    expect(nestingOverflow('a:\n  b:\n    - [1, {c: [2]}]\n', 3)).toBeGreaterThan(0);
  });

  it('a merge-key error is located at the merge key, with merge-key advice', () => {
    expect(where('? [{<<: 1}]\n: v\n')).toEqual([[1, 5, expect.stringContaining("A merge key (<<) takes a mapping or an alias of one")]]);
    const inList = 'plugboard:\n  process:\n    args:\n      components:\n      - <<: 1\n        type: hello_world.A\n';
    expect(where(inList)).toEqual([[5, 9, expect.stringContaining('merge key')]]);
  });

  it('field_names: [1] with a misspelt port gives diagnostics, not a TypeError', () => {
    const text = 'plugboard:\n  process:\n    args:\n      components:\n      - {type: plugboard.library.file_io.FileWriter, args: {name: w, path: o.csv, field_names: [1]}}\n      - {type: hello_world.A, args: {name: a, iters: 2}}\n      connectors:\n      - {source: a.out_1, target: w.xx}\n';
    const codes = parse(text).diagnostics.map((d) => d.code);
    expect(codes).toContain('arg-type');
    expect(codes).toContain('unknown-port');
  });

  it.each([
    ['iters: .nan', 'got .nan'],
    ['iters: .inf', 'got .inf'],
    ['iters: 1e400', 'got .inf (too large for a number)'],
  ])('%s says %s, not null', (args, text) => {
    expect(where(component(args), 'arg-type')[0]?.[2]).toContain(text);
  });

  it('"did you mean" skips very long names (edit distance is quadratic) and non-strings', () => {
    const long = 'a'.repeat(5000);
    expect(closeMatches(`${long}x`, [long, `${long}y`])).toEqual([]);
    expect(closeMatches('ab', [1 as unknown as string, 'abc'])).toEqual(['abc']);
  });
});
