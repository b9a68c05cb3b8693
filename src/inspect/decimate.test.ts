import { describe, expect, it } from 'vitest';
import { decimateMinMax, joinSeries, lowerBound, SeriesSummary, SUMMARY_BLOCK, upperBound } from './decimate.ts';

function ramp(n: number, f: (i: number) => number): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = i;
    ys[i] = f(i);
  }
  return { xs, ys };
}

describe('lowerBound / upperBound', () => {
  it('find the first index at or after / after a value, with repeats', () => {
    const xs = [1, 2, 2, 2, 5];
    expect(lowerBound(xs, 2)).toBe(1);
    expect(upperBound(xs, 2)).toBe(4);
    expect(lowerBound(xs, 0)).toBe(0);
    expect(lowerBound(xs, 9)).toBe(5);
    expect(upperBound(xs, 5)).toBe(5);
  });
});

describe('decimateMinMax', () => {
  it('returns every point when there are few', () => {
    const { xs, ys } = ramp(10, (i) => i * i);
    const d = decimateMinMax(xs, ys, { buckets: 100 });
    expect([...d.x]).toEqual([...xs]);
    expect([...d.y]).toEqual([...ys]);
  });

  it('keeps at most four points per bucket and every bucket extreme (1,000,000 points)', () => {
    const n = 1_000_000;
    // A sine with one spike up and one down that a stride sampler would miss.
    const { xs, ys } = ramp(n, (i) => Math.sin(i / 5000) + (i === 123_457 ? 50 : 0) - (i === 876_543 ? 40 : 0));
    const buckets = 800;
    const d = decimateMinMax(xs, ys, { buckets });
    expect(d.x.length).toBeLessThanOrEqual(buckets * 4 + 2);
    expect(d.x.length).toBeGreaterThan(buckets * 2);
    expect(Math.max(...d.y)).toBe(ys[123_457]);
    expect(Math.min(...d.y)).toBe(ys[876_543]);
    // x stays ascending and every point is an original point.
    for (let j = 1; j < d.x.length; j++) expect(d.x[j]!).toBeGreaterThan(d.x[j - 1]!);
    for (let j = 0; j < d.x.length; j += 97) expect(d.y[j]).toBe(ys[d.x[j]!]);
    // Each bucket's min and max over the original data appear in the output.
    const w = (n - 1) / buckets;
    for (const k of [0, 17, 400, 799]) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < n; i++) {
        if (Math.min(buckets - 1, Math.floor(i / w)) !== k) continue;
        lo = Math.min(lo, ys[i]!);
        hi = Math.max(hi, ys[i]!);
      }
      const inBucket = [...d.x].map((x, j) => [x, d.y[j]!] as const).filter(([x]) => Math.min(buckets - 1, Math.floor(x / w)) === k);
      expect(Math.min(...inBucket.map(([, y]) => y))).toBe(lo);
      expect(Math.max(...inBucket.map(([, y]) => y))).toBe(hi);
      expect(inBucket.length).toBeLessThanOrEqual(4);
    }
  });

  it('decimates only the visible range and keeps one neighbour on each side', () => {
    const { xs, ys } = ramp(100_000, (i) => i % 7);
    const d = decimateMinMax(xs, ys, { buckets: 10, from: 5000, to: 6000 });
    expect(d.x[0]).toBe(4999);
    expect(d.x[d.x.length - 1]).toBe(6001);
    expect(d.x.length).toBeLessThanOrEqual(42);
    expect(Math.min(...d.y.subarray(1, -1))).toBe(0);
    expect(Math.max(...d.y.subarray(1, -1))).toBe(6);
  });

  it('keepEnds adds the first and last points outside the range', () => {
    const { xs, ys } = ramp(1000, (i) => i);
    const d = decimateMinMax(xs, ys, { buckets: 10, from: 500, to: 510, keepEnds: true });
    expect(d.x[0]).toBe(0);
    expect(d.x[1]).toBe(499);
    expect(d.x[d.x.length - 1]).toBe(999);
  });

  it('honours length (spare capacity is not data) and skips non-finite values', () => {
    const xs = new Float64Array([0, 1, 2, 3, 0, 0]);
    const ys = new Float64Array([1, NaN, 3, Infinity, 9, 9]);
    const d = decimateMinMax(xs, ys, { buckets: 10, length: 4 });
    expect([...d.x]).toEqual([0, 2]);
    expect([...d.y]).toEqual([1, 3]);
  });

  it('handles repeated x values (many rows written at the same time)', () => {
    const xs = new Float64Array(10_000).fill(1);
    xs.fill(2, 5000);
    const ys = new Float64Array(10_000).map((_, i) => i);
    const d = decimateMinMax(xs, ys, { buckets: 4 });
    expect(d.x.length).toBeLessThanOrEqual(16);
    expect(d.y[0]).toBe(0);
    expect(d.y[d.y.length - 1]).toBe(9999);
  });

  it('returns nothing for empty input', () => {
    expect(decimateMinMax([], [], { buckets: 10 }).x.length).toBe(0);
  });
});

describe('joinSeries', () => {
  it('merges series onto one ascending x with nulls where a series has no point', () => {
    const j = joinSeries([
      { x: [0, 2, 3], y: [1, 3, NaN] },
      { x: [1, 2], y: [5, 6] },
    ]);
    expect(j.x).toEqual([0, 1, 2, 3]);
    expect(j.ys).toEqual([
      [1, null, 3, null],
      [null, 5, 6, null],
    ]);
  });

  it('keeps repeated x values of one series as separate rows', () => {
    const j = joinSeries([{ x: [1, 1], y: [2, 3] }]);
    expect(j.x).toEqual([1, 1]);
    expect(j.ys).toEqual([[2, 3]]);
  });
});

describe('SeriesSummary', () => {
  // A seeded generator: the same data on every run.
  function random(seed: number) {
    return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  }

  it('gives exactly the points of plain decimation, over any range, as the series grows', () => {
    const rnd = random(7);
    const n = 300_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    let x = 0;
    for (let i = 0; i < n; i++) {
      x += rnd() < 0.2 ? 0 : rnd() * 3; // repeated x values too
      xs[i] = x;
      ys[i] = rnd() < 0.01 ? NaN : Math.sin(i / 700) * 5 + rnd() + (i % 9973 === 0 ? 40 : 0);
    }
    ys.fill(NaN, 5 * SUMMARY_BLOCK, 7 * SUMMARY_BLOCK); // whole blocks with nothing to draw
    const summary = new SeriesSummary();
    for (const length of [1000, 77_777, 150_000, n]) {
      summary.update(ys, length);
      expect(summary.blocks).toBe(Math.floor(length / SUMMARY_BLOCK));
      for (const [buckets, from, to] of [
        [800, undefined, undefined],
        [37, undefined, undefined],
        [500, xs[1234], xs[Math.floor(length * 0.7)]],
        [3, xs[0], xs[length - 1]],
        [2000, xs[100], xs[100 + 5 * SUMMARY_BLOCK]],
      ] as const) {
        const plain = decimateMinMax(xs, ys, { buckets, length, keepEnds: true, ...(from !== undefined ? { from, to: to! } : {}) });
        const fast = decimateMinMax(xs, ys, { buckets, length, keepEnds: true, summary, ...(from !== undefined ? { from, to: to! } : {}) });
        expect([...fast.x]).toEqual([...plain.x]);
        expect([...fast.y]).toEqual([...plain.y]);
      }
    }
  });

  it('starts again when the series is shorter than what it summarised', () => {
    const ys = new Float64Array(4 * SUMMARY_BLOCK).map((_, i) => i);
    const summary = new SeriesSummary();
    summary.update(ys, ys.length);
    expect(summary.blocks).toBe(4);
    const other = new Float64Array(2 * SUMMARY_BLOCK).map((_, i) => -i);
    summary.update(other, other.length);
    expect(summary.blocks).toBe(2);
    expect(summary.min[1]).toBe(2 * SUMMARY_BLOCK - 1);
  });
});
