/**
 * The uPlot part of the chart, loaded on demand (`import('./uplotChart.ts')`), so uPlot is not in the
 * initial bundle. A factory over a DOM element: decimates each series to the visible x range (min/max
 * per pixel column, src/inspect/decimate.ts), joins them on one x axis and redraws at most once per
 * animation frame. Drag to zoom (x), double-click or `resetZoom()` to show everything; the legend
 * shows the values under the cursor and toggles a series on click.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { decimateMinMax, joinSeries, SeriesSummary } from '../../src/inspect/decimate.ts';
import { SERIES_COLORS, type ChartHandle, type ChartOptions, type ChartSeries, type ChartStats } from './types.ts';

const AXIS_W = 60;

function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(3) : String(Math.round(v * 1e4) / 1e4);
}

function seriesKey(series: readonly ChartSeries[], options: ChartOptions): string {
  return JSON.stringify([series.map((s) => [s.label, s.color, s.dashed]), options]);
}

/** The legend entry of series i (its label cell, which uPlot toggles on click). */
function legendButton(u: uPlot, i: number): HTMLElement | null {
  return u.root.querySelectorAll<HTMLElement>('.u-legend .u-series')[i]?.querySelector('th') ?? null;
}

/** Legend entries become toggle buttons: Tab to one, Enter or Space shows/hides its series. */
function makeLegendKeyboardAccessible(u: uPlot): void {
  u.series.forEach((s, i) => {
    const th = i > 0 ? legendButton(u, i) : null;
    if (!th) return;
    th.tabIndex = 0;
    th.setAttribute('role', 'button');
    th.setAttribute('aria-pressed', String(s.show !== false));
    th.setAttribute('aria-label', typeof s.label === 'string' ? s.label : `series ${i}`);
    th.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      u.setSeries(i, { show: !u.series[i]!.show });
    });
  });
}

export function createChart(el: HTMLElement, initial: ChartOptions, onStats: (stats: ChartStats) => void): ChartHandle {
  let options = initial;
  let series: readonly ChartSeries[] = [];
  let plot: uPlot | null = null;
  let key = '';
  let zoom: { min: number; max: number } | null = null;
  let extent: { min: number; max: number } | null = null;
  let applying = false;
  let frame = 0;
  let hidden = new Set<string>();
  // Block summaries of append-only series, per y array (a grown buffer is a new array: a new summary).
  let summaries = new WeakMap<object, SeriesSummary>();
  const summaryOf = (s: ChartSeries, n: number): SeriesSummary | undefined => {
    if (!s.appendOnly || typeof s.y !== 'object') return undefined;
    let summary = summaries.get(s.y);
    if (!summary) summaries.set(s.y, (summary = new SeriesSummary()));
    summary.update(s.y, n);
    return summary;
  };

  // The legend sits below the canvas inside `el`: the plot gets the rest of the height.
  let legendHeight = 28;
  const size = () => ({ width: Math.max(120, el.clientWidth), height: options.height ?? Math.max(100, el.clientHeight - legendHeight - 4) });
  // Read on every draw: the legend's height changes with its entries and once uPlot's CSS arrives.
  const measureLegend = () => {
    const h = (plot?.root.querySelector('.u-legend') as HTMLElement | null)?.offsetHeight ?? 0;
    if (h > 0) legendHeight = h;
  };

  const build = (data: uPlot.AlignedData) => {
    plot?.destroy();
    const dark = !!options.dark;
    const fg = dark ? '#c9d1d9' : '#24292f';
    const grid = dark ? '#30363d' : '#e5e7eb';
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const points = options.mode === 'points';
    const own = !!options.ownScales && series.length > 1;
    const color = (i: number) => series[i]?.color ?? SERIES_COLORS[i % SERIES_COLORS.length]!;
    const values = (_u: uPlot, ticks: number[]) => ticks.map((t) => formatValue(t));
    const yAxes: uPlot.Axis[] = own
      ? [0, 1].map((i) => ({ ...axis, scale: `y${i}`, side: i === 0 ? 3 : 1, stroke: color(i), size: AXIS_W, values, ...(i === 1 ? { grid: { show: false } } : {}) }))
      : [{ ...axis, label: options.yLabel ?? '', size: AXIS_W, values }];
    plot = new uPlot(
      {
        ...size(),
        scales: { x: { time: false }, ...(own ? Object.fromEntries(series.map((_, i) => [`y${i}`, { auto: true }])) : {}) },
        legend: { live: true },
        cursor: { drag: { x: true, y: false, setScale: true }, hover: { skip: [null, undefined] } },
        axes: [{ ...axis, label: options.xLabel, labelSize: 18, size: 36 }, ...yAxes],
        series: [
          { label: options.xLabel, value: (_u, v) => formatValue(v) },
          ...series.map((s, i) => ({
            label: s.label,
            show: !hidden.has(s.label),
            ...(own ? { scale: `y${i}` } : {}),
            stroke: color(i),
            width: 1.5,
            spanGaps: true,
            ...(s.dashed ? { dash: [6, 4] } : {}),
            value: (_u: uPlot, v: number | null) => formatValue(v),
            ...(points ? { paths: () => null, points: { show: true, size: 5 } } : { points: { show: false } }),
          })),
        ],
        hooks: {
          setScale: [
            (u, scale) => {
              if (applying || scale !== 'x') return;
              const min = u.scales.x?.min;
              const max = u.scales.x?.max;
              if (min === undefined || max === undefined || min === null || max === null) return;
              // A zoom back out to everything (double-click) ends the zoom.
              zoom = extent && min <= extent.min && max >= extent.max ? null : { min, max };
              schedule(); // redraw the new range at full detail
            },
          ],
          setSeries: [
            (u, i) => {
              if (i === null) return;
              const s = u.series[i];
              if (!s || typeof s.label !== 'string') return;
              if (s.show) hidden.delete(s.label);
              else hidden.add(s.label);
              legendButton(u, i)?.setAttribute('aria-pressed', String(!!s.show));
            },
          ],
        },
      },
      data,
      el,
    );
    makeLegendKeyboardAccessible(plot);
  };

  const render = () => {
    frame = 0;
    const t0 = performance.now();
    const buckets = Math.max(16, size().width - (options.ownScales && series.length > 1 ? 2 : 1) * AXIS_W);
    let sourcePoints = 0;
    let min = Infinity;
    let max = -Infinity;
    const parts = series.map((s) => {
      const n = Math.min(s.length ?? s.x.length, s.x.length, s.y.length);
      sourcePoints += n;
      if (n > 0) {
        min = Math.min(min, s.x[0]!);
        max = Math.max(max, s.x[n - 1]!);
      }
      const summary = summaryOf(s, n);
      return decimateMinMax(s.x, s.y, { buckets, length: n, keepEnds: true, ...(summary ? { summary } : {}), ...(zoom ? { from: zoom.min, to: zoom.max } : {}) });
    });
    extent = min <= max ? { min, max } : null;
    const joined = joinSeries(parts);
    const data = [joined.x, ...joined.ys] as uPlot.AlignedData;
    const k = seriesKey(series, options);
    applying = true;
    try {
      const built = !plot || k !== key;
      if (built) {
        key = k;
        build(data);
        const legend = plot!.root.querySelector('.u-legend');
        if (legend) observer.observe(legend);
      }
      if (measure || built) measureLegend();
      measure = false;
      const sz = size();
      if (plot!.width !== sz.width || plot!.height !== sz.height) plot!.setSize(sz);
      if (!built) plot!.setData(data, true);
      if (zoom && plot) plot.setScale('x', zoom);
    } finally {
      applying = false;
    }
    onStats({ points: joined.x.length, sourcePoints, zoomed: zoom !== null, ms: performance.now() - t0 });
  };

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(render);
  };

  // Size changes (including the first layout after the chart was built, and the legend's height once
  // uPlot's CSS arrives) redraw at the new size; only then is the legend measured (a forced layout).
  let measure = true;
  const observer = new ResizeObserver(() => {
    measure = true;
    schedule();
  });
  observer.observe(el);

  return {
    update(next) {
      series = next;
      schedule();
    },
    setOptions(next) {
      options = next;
      schedule();
    },
    resetZoom() {
      zoom = null;
      schedule();
    },
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      observer.disconnect();
      plot?.destroy();
      plot = null;
      hidden = new Set();
      summaries = new WeakMap();
    },
  };
}
