import { describe, expect, it } from 'vitest';
import { layeredLayout, layoutWithFallback, onLayoutFallback } from './layeredLayout.ts';

const node = (id: string) => ({ id, width: 190, height: 80 });

describe('fallback layered layout (issue 11 item 13)', () => {
  it('places a chain left to right and parallel branches in one column', () => {
    const { positions } = layeredLayout({
      nodes: ['a', 'b', 'c', 'd'].map(node),
      edges: [
        { source: 'a', target: 'b' },
        { source: 'a', target: 'c' },
        { source: 'b', target: 'd' },
        { source: 'c', target: 'd' },
      ],
    });
    expect(positions['a']!.x).toBeLessThan(positions['b']!.x);
    expect(positions['b']!.x).toBe(positions['c']!.x);
    expect(positions['b']!.y).not.toBe(positions['c']!.y);
    expect(positions['d']!.x).toBeGreaterThan(positions['c']!.x);
  });

  it('lays out a feedback loop and 5,000 components without recursion', () => {
    const loop = layeredLayout({ nodes: ['a', 'b', 'c'].map(node), edges: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'c', target: 'a' }] });
    expect(Object.keys(loop.positions)).toEqual(['a', 'b', 'c']);
    const n = 5000;
    const big = layeredLayout({ nodes: Array.from({ length: n }, (_, i) => node(`n${i}`)), edges: Array.from({ length: n - 1 }, (_, i) => ({ source: `n${i}`, target: `n${i + 1}` })) });
    expect(big.positions[`n${n - 1}`]!.x).toBeGreaterThan(big.positions['n0']!.x);
    const seen = new Set(Object.values(big.positions).map((p) => `${p.x},${p.y}`));
    expect(seen.size).toBe(n); // no two nodes on one spot
  });

  it('falls back when elkjs fails, and says why', async () => {
    const reasons: string[] = [];
    const off = onLayoutFallback((r) => reasons.push(r));
    const res = await layoutWithFallback({ nodes: [node('a')], edges: [] }, async () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    off();
    expect(res.positions['a']).toEqual({ x: 40, y: 40 });
    expect(reasons).toEqual(['RangeError: Maximum call stack size exceeded']);
  });
});
