import { describe, expect, it } from 'vitest';
import { minimalEdit } from './minimalEdit.ts';

const apply = (a: string, e: { start: number; end: number; text: string }) => a.slice(0, e.start) + e.text + a.slice(e.end);

describe('minimalEdit', () => {
  it('turns a into b with the smallest single span, also across block boundaries', () => {
    const big = 'x: 1\n'.repeat(2000);
    const cases: [string, string][] = [
      ['', ''],
      ['abc', 'abc'],
      ['abc', 'abXc'],
      ['abc', ''],
      ['', 'abc'],
      ['aaaa', 'aaa'],
      [big, big.slice(0, 4096) + 'y' + big.slice(4096)],
      [big, big.slice(0, 2048) + big.slice(2049)],
      [big, `${big}tail`],
      [big, `head${big}`],
      [big, big.replace('x: 1\n', 'x: 2\n')],
    ];
    for (const [a, b] of cases) {
      const e = minimalEdit(a, b);
      expect(apply(a, e)).toBe(b);
      // Minimal: the kept prefix and suffix cannot grow.
      expect(e.end - e.start + e.text.length).toBeLessThanOrEqual(Math.abs(a.length - b.length) + 2);
    }
    expect(minimalEdit(big, big.slice(0, 4096) + 'y' + big.slice(4096))).toEqual({ start: 4096, end: 4096, text: 'y' });
  });
});
