import { describe, expect, it } from 'vitest';
import { lineDiff } from './lineDiff.ts';

const render = (d: ReturnType<typeof lineDiff>) => d.map((l) => (l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-') + l.text);

describe('lineDiff', () => {
  it('marks a changed line as removed then added, with line numbers', () => {
    const d = lineDiff('a\nthreshold: 30\nc\n', 'a\nthreshold: 60\nc\n');
    expect(render(d)).toEqual([' a', '-threshold: 30', '+threshold: 60', ' c']);
    expect(d[1]).toEqual({ kind: 'removed', text: 'threshold: 30', a: 2 });
    expect(d[2]).toEqual({ kind: 'added', text: 'threshold: 60', b: 2 });
    expect(d[3]).toEqual({ kind: 'same', text: 'c', a: 3, b: 3 });
  });

  it('aligns insertions and deletions in the middle', () => {
    expect(render(lineDiff('1\n2\n3\n4\n5', '1\n3\n4\nx\n5'))).toEqual([' 1', '-2', ' 3', ' 4', '+x', ' 5']);
  });

  it('equal texts are all same; empty against text is all added', () => {
    expect(lineDiff('a\nb', 'a\nb').every((l) => l.kind === 'same')).toBe(true);
    expect(render(lineDiff('', 'a\nb'))).toEqual(['+a', '+b']);
  });

  it('every old line appears once as same/removed and every new line once as same/added', () => {
    const a = Array.from({ length: 300 }, (_, i) => `line ${i % 37}`).join('\n');
    const b = Array.from({ length: 280 }, (_, i) => `line ${(i * 7) % 41}`).join('\n');
    const d = lineDiff(a, b);
    expect(d.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(a.split('\n'));
    expect(d.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(b.split('\n'));
  });
});
