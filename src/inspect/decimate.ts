/**
 * Chart decimation: a series of up to millions of points becomes a few points per pixel column that
 * draw the same picture. Each bucket (one pixel column of the visible x range) keeps its first, last,
 * minimum and maximum point, in index order (the M4 idea), so spikes and the line's shape survive.
 * Framework-free: the app's chart wrapper calls it on every zoom and data update.
 */

/** Points of one series, x ascending (non-decreasing). */
export interface XY {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Points per summarised block. */
export const SUMMARY_BLOCK = 256;

/**
 * Per-block (SUMMARY_BLOCK points) first/last/min/max indices of an append-only series, extended
 * as it grows, so decimating a million points visits about 4,000 block summaries plus the points
 * of the few blocks that straddle a bucket edge, instead of every point. Only valid while values
 * already summarised never change (a growing buffer; pass a new summary for new data).
 * @example
 * const summary = new SeriesSummary();
 * summary.update(ys, length); // after each append
 * decimateMinMax(xs, ys, { buckets: 800, length, summary });
 */
export class SeriesSummary {
  /** Complete blocks summarised. */
  blocks = 0;
  first = new Int32Array(64);
  last = new Int32Array(64);
  min = new Int32Array(64);
  max = new Int32Array(64);

  update(ys: ArrayLike<number>, length: number): void {
    const complete = Math.floor(Math.min(length, ys.length) / SUMMARY_BLOCK);
    if (complete < this.blocks) this.blocks = 0; // the series shrank: start again
    if (complete > this.first.length) {
      const grow = (a: Int32Array) => {
        const next = new Int32Array(Math.max(complete, a.length * 2));
        next.set(a);
        return next;
      };
      this.first = grow(this.first);
      this.last = grow(this.last);
      this.min = grow(this.min);
      this.max = grow(this.max);
    }
    for (let b = this.blocks; b < complete; b++) {
      let f = -1;
      let l = -1;
      let lo = -1;
      let hi = -1;
      for (let i = b * SUMMARY_BLOCK, end = i + SUMMARY_BLOCK; i < end; i++) {
        const y = ys[i]!;
        if (!Number.isFinite(y)) continue;
        if (f < 0) f = lo = hi = i;
        l = i;
        if (y < ys[lo]!) lo = i;
        if (y > ys[hi]!) hi = i;
      }
      this.first[b] = f;
      this.last[b] = l;
      this.min[b] = lo;
      this.max[b] = hi;
    }
    this.blocks = complete;
  }
}

export interface DecimateOptions {
  /** Number of buckets (about the plot's width in pixels). */
  readonly buckets: number;
  /** Visible x range; defaults to the data's range. */
  readonly from?: number;
  readonly to?: number;
  /** How many leading entries of `xs`/`ys` are valid (growable buffers have spare capacity). */
  readonly length?: number;
  /** Also keep the very first and last points, so the data's full extent stays known (zoom reset). */
  readonly keepEnds?: boolean;
  /** Block summaries of `ys` (same result, far fewer points visited). */
  readonly summary?: SeriesSummary;
}

/**
 * The first index whose x is ≥ `x` in a non-decreasing array (`hi` when none is).
 * @example lowerBound([1, 2, 2, 5], 2) // 1
 */
export function lowerBound(xs: ArrayLike<number>, x: number, lo = 0, hi = xs.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index whose x is > `x` in a non-decreasing array (`hi` when none is).
 * @example upperBound([1, 2, 2, 5], 2) // 3
 */
export function upperBound(xs: ArrayLike<number>, x: number, lo = 0, hi = xs.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Growable list of indices (no per-point garbage). */
class IndexList {
  data = new Uint32Array(256);
  length = 0;
  push(i: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = i;
  }
  /** Pushes i unless it equals the last pushed index. */
  add(i: number): void {
    if (this.length === 0 || this.data[this.length - 1] !== i) this.push(i);
  }
}

/**
 * Min/max decimation of one series over the visible range [from, to]: at most four points per bucket
 * (first, min, max, last, in index order), plus the neighbours just outside the range so the line
 * enters and leaves the plot correctly. Points with a non-finite y are skipped. When the range holds
 * no more than 4 × buckets points they are all returned.
 * @example
 * const { x, y } = decimateMinMax(xs, ys, { buckets: 800, from: 0, to: 60 });
 */
export function decimateMinMax(xs: ArrayLike<number>, ys: ArrayLike<number>, options: DecimateOptions): XY {
  const n = Math.min(options.length ?? Infinity, xs.length, ys.length);
  const out = new IndexList();
  if (n === 0) return { x: new Float64Array(0), y: new Float64Array(0) };
  const from = options.from ?? xs[0]!;
  const to = options.to ?? xs[n - 1]!;
  const i0 = lowerBound(xs, from, 0, n);
  const i1 = upperBound(xs, to, i0, n); // exclusive
  const buckets = Math.max(1, Math.floor(options.buckets));
  const finite = (i: number) => Number.isFinite(ys[i]!);
  if (options.keepEnds && i0 > 1 && finite(0)) out.add(0);
  if (i0 > 0 && finite(i0 - 1)) out.add(i0 - 1);
  if (i1 - i0 <= buckets * 4 || !(to > from)) {
    for (let i = i0; i < i1; i++) if (finite(i)) out.add(i);
  } else {
    const scale = buckets / (to - from);
    let bucket = -1;
    let first = -1;
    let last = -1;
    let lo = -1;
    let hi = -1;
    const flush = () => {
      if (first < 0) return;
      // The four indices in index order; duplicates collapse.
      const a = Math.min(lo, hi);
      const b = Math.max(lo, hi);
      out.add(first);
      if (a > first) out.add(a);
      if (b > a && b > first) out.add(b);
      if (last > b) out.add(last);
    };
    const bucketOf = (x: number) => Math.min(buckets - 1, Math.floor((x - from) * scale));
    const summary = options.summary;
    const summarised = summary ? Math.min(summary.blocks * SUMMARY_BLOCK, n) : 0;
    for (let i = i0; i < i1; ) {
      // A whole summarised block inside one bucket: merge its summary instead of its points.
      if (summary && i % SUMMARY_BLOCK === 0 && i + SUMMARY_BLOCK <= Math.min(i1, summarised)) {
        const k = bucketOf(xs[i]!);
        if (k === bucketOf(xs[i + SUMMARY_BLOCK - 1]!)) {
          const b = i / SUMMARY_BLOCK;
          const f = summary.first[b]!;
          if (f >= 0) {
            const bl = summary.min[b]!;
            const bh = summary.max[b]!;
            if (k !== bucket) {
              flush();
              bucket = k;
              first = f;
              lo = bl;
              hi = bh;
            } else {
              if (ys[bl]! < ys[lo]!) lo = bl;
              if (ys[bh]! > ys[hi]!) hi = bh;
            }
            last = summary.last[b]!;
          }
          i += SUMMARY_BLOCK;
          continue;
        }
      }
      const y = ys[i]!;
      if (Number.isFinite(y)) {
        const k = bucketOf(xs[i]!);
        if (k !== bucket) {
          flush();
          bucket = k;
          first = last = lo = hi = i;
        } else {
          last = i;
          if (y < ys[lo]!) lo = i;
          if (y > ys[hi]!) hi = i;
        }
      }
      i++;
    }
    flush();
  }
  if (i1 < n && finite(i1)) out.add(i1);
  if (options.keepEnds && i1 < n - 1 && finite(n - 1)) out.add(n - 1);
  const x = new Float64Array(out.length);
  const y = new Float64Array(out.length);
  for (let j = 0; j < out.length; j++) {
    const i = out.data[j]!;
    x[j] = xs[i]!;
    y[j] = ys[i]!;
  }
  return { x, y };
}

/** Several series on one shared, ascending x axis; `null` where a series has no point at that x. */
export interface AlignedSeries {
  readonly x: number[];
  readonly ys: (number | null)[][];
}

/**
 * Merges series with different x values onto one x axis (what line charts such as uPlot draw):
 * a k-way merge, one output row per distinct x of each series; series without a point there get null.
 * @example joinSeries([{ x: [0, 2], y: [1, 3] }, { x: [1], y: [5] }]) // x [0,1,2], ys [[1,null,3],[null,5,null]]
 */
export function joinSeries(series: readonly { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> }[]): AlignedSeries {
  const k = series.length;
  const pos = new Array<number>(k).fill(0);
  const x: number[] = [];
  const ys: (number | null)[][] = series.map(() => []);
  for (;;) {
    let min = Infinity;
    for (let s = 0; s < k; s++) {
      const p = pos[s]!;
      const ser = series[s]!;
      if (p < ser.x.length && ser.x[p]! < min) min = ser.x[p]!;
    }
    if (min === Infinity) break;
    x.push(min);
    for (let s = 0; s < k; s++) {
      const p = pos[s]!;
      const ser = series[s]!;
      if (p < ser.x.length && ser.x[p] === min) {
        const v = ser.y[p]!;
        ys[s]!.push(Number.isFinite(v) ? v : null);
        pos[s] = p + 1;
      } else ys[s]!.push(null);
    }
  }
  return { x, ys };
}
