import { useEffect, useRef, useState } from 'react';
import './charts.css';
import type { ChartHandle, ChartOptions, ChartSeries, ChartStats } from './types.ts';

export type { ChartSeries, ChartOptions } from './types.ts';

type ChartModule = typeof import('./uplotChart.ts');
let loading: Promise<ChartModule> | null = null;
/** uPlot and the chart code load on first use, not with the page. */
function loadChart(): Promise<ChartModule> {
  return (loading ??= import('./uplotChart.ts'));
}

export interface ChartProps extends ChartOptions {
  readonly series: readonly ChartSeries[];
  /** Accessible name of the chart figure. */
  readonly label: string;
  /** Bump when the series' arrays grew in place (same objects, more data). */
  readonly revision?: number;
}

/**
 * A line (or scatter) chart of any number of series, fine at millions of points: drag to zoom,
 * double-click or *Reset zoom* to see everything, hover for values, click a legend entry to hide it.
 * uPlot is loaded lazily. `data-points` on the figure is the number of points drawn.
 */
export function Chart({ series, label, revision = 0, xLabel, yLabel, mode, dark, height, ownScales }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<ChartHandle | null>(null);
  const [stats, setStats] = useState<ChartStats | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const options: ChartOptions = { xLabel, ...(yLabel !== undefined ? { yLabel } : {}), ...(mode ? { mode } : {}), ...(dark !== undefined ? { dark } : {}), ...(height !== undefined ? { height } : {}), ...(ownScales ? { ownScales } : {}) };
  const optionsKey = JSON.stringify(options);

  useEffect(() => {
    let cancelled = false;
    loadChart().then(
      (m) => {
        if (cancelled || !host.current) return;
        handle.current = m.createChart(host.current, JSON.parse(optionsKey) as ChartOptions, setStats);
        setReady(true);
      },
      (err: unknown) => setFailed(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
      setReady(false);
    };
    // The chart is created once; option changes go through setOptions below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    handle.current?.setOptions(JSON.parse(optionsKey) as ChartOptions);
  }, [optionsKey, ready]);

  useEffect(() => {
    handle.current?.update(series);
  }, [series, revision, ready]);

  return (
    <figure
      className="chart"
      aria-label={label}
      data-ready={ready && stats !== null}
      data-points={stats?.points ?? 0}
      data-source-points={stats?.sourcePoints ?? 0}
      data-zoomed={stats?.zoomed ?? false}
      data-draw-ms={stats ? stats.ms.toFixed(2) : ''}
    >
      {failed ? <p role="alert">The chart could not load: {failed}</p> : null}
      {stats?.zoomed && (
        <button type="button" className="chart__reset" onClick={() => handle.current?.resetZoom()}>
          Reset zoom
        </button>
      )}
      <div className="chart__plot" ref={host} />
      {series.length === 0 && <p className="muted pad">No numeric data to plot.</p>}
    </figure>
  );
}
