/** Data and options of the reusable chart (the lazily loaded uPlot part and its React binding share them). */

/** One line: x ascending; `length` when the arrays have spare capacity (growable buffers). */
export interface ChartSeries {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly length?: number;
  readonly color?: string;
  /** Drawn dashed (e.g. the second run of a comparison). */
  readonly dashed?: boolean;
  /**
   * Values already given never change, the arrays only grow (or are replaced by new arrays): the
   * chart then keeps block summaries of `y` and redraws a million points in about a millisecond.
   */
  readonly appendOnly?: boolean;
}

export interface ChartOptions {
  readonly xLabel: string;
  readonly yLabel?: string;
  /** 'line' (default) or 'points' (a scatter: no connecting lines). */
  readonly mode?: 'line' | 'points';
  readonly dark?: boolean;
  readonly height?: number;
  /**
   * Each line gets its own y range (lines of very different sizes stay readable): the first line's
   * axis on the left, the second's on the right, in their colours; further lines have no axis.
   */
  readonly ownScales?: boolean;
}

/** What the chart drew last (for tests and benchmarks: `data-*` attributes). */
export interface ChartStats {
  readonly points: number;
  readonly sourcePoints: number;
  readonly zoomed: boolean;
  readonly ms: number;
}

export interface ChartHandle {
  /** New data (or the same arrays grown in place). Redraws once per animation frame at most. */
  update(series: readonly ChartSeries[]): void;
  setOptions(options: ChartOptions): void;
  resetZoom(): void;
  destroy(): void;
}

export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
