/**
 * Convergence (best so far per trial) and one scatter per parameter (value against the objective),
 * drawn with uPlot. This module is lazy-loaded: uPlot is fetched only when the Tune view shows charts.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrialRecord, TuneConfig, TuneParameter } from '../../src/tune/index.ts';

const WIDTH = 380;
const HEIGHT = 120;
const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

function useChart(data: uPlot.AlignedData, options: () => uPlot.Options, version: number) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    if (!host.current) return;
    plot.current = new uPlot(options(), data, host.current);
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
    // options are fixed for a chart's lifetime (the key remounts on a new study)
  }, []);
  useEffect(() => {
    plot.current?.setData(data);
  }, [version]);
  return host;
}

const axisStyle = { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' }, ticks: { stroke: 'rgba(128,128,128,0.3)' } };

function Convergence({ tune, trials, version }: { tune: TuneConfig; trials: readonly TrialRecord[]; version: number }) {
  const done = trials.filter((t) => t && t.status !== 'running');
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  const best: (number | null)[] = [];
  let running: number | null = null;
  const max = tune.modes[0] !== 'min';
  for (const t of [...done].sort((a, b) => a.index - b.index)) {
    const v = finite(t.metric);
    xs.push(t.index);
    ys.push(v);
    if (v !== null && (running === null || (max ? v > running : v < running))) running = v;
    best.push(running);
  }
  const host = useChart(
    [xs, ys, best],
    () => ({
      width: WIDTH,
      height: HEIGHT,
      legend: { show: false },
      scales: { x: { time: false } },
      axes: [axisStyle, { ...axisStyle, size: 50 }],
      series: [
        {},
        { label: tune.objectives[0]?.field ?? 'objective', stroke: 'rgba(128,128,128,0.8)', width: 0, points: { show: true, size: 4, fill: 'rgba(128,128,128,0.8)' }, paths: () => null },
        { label: 'best so far', stroke: '#0969da', width: 2, points: { show: false } },
      ],
    }),
    version,
  );
  return (
    <figure className="tune-chart" aria-label="Convergence chart">
      <figcaption>Best so far ({tune.modes[0] === 'min' ? 'minimise' : 'maximise'} {tune.objectives[0]?.field}) per trial</figcaption>
      <div ref={host} />
    </figure>
  );
}

function Scatter({ tune, parameter, trials, version }: { tune: TuneConfig; parameter: TuneParameter; trials: readonly TrialRecord[]; version: number }) {
  const pairs: [number, number | null][] = [];
  for (const t of trials) {
    if (!t || t.status === 'running') continue;
    const raw = t.config[parameter.fullName];
    const x = parameter.kind === 'choice' ? parameter.categories.indexOf(raw) : (raw as number);
    if (typeof x === 'number' && Number.isFinite(x)) pairs.push([x, finite(t.metric)]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const host = useChart(
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    () => ({
      width: WIDTH,
      height: HEIGHT,
      legend: { show: false },
      scales: { x: { time: false } },
      axes: [axisStyle, { ...axisStyle, size: 50 }],
      series: [{}, { stroke: '#0969da', width: 0, points: { show: true, size: 5, fill: '#0969da' }, paths: () => null }],
    }),
    version,
  );
  return (
    <figure className="tune-chart" aria-label={`Scatter of ${parameter.fullName}`}>
      <figcaption>
        {tune.objectives[0]?.field} against {parameter.objectName ? `${parameter.objectName}.` : ''}
        {parameter.fieldName}
      </figcaption>
      <div ref={host} />
    </figure>
  );
}

export default function TuneCharts({ tune, trials, version }: { tune: TuneConfig; trials: readonly TrialRecord[]; version: number }) {
  return (
    <div className="tune-charts">
      <Convergence tune={tune} trials={trials} version={version} />
      {tune.parameters.map((p) => (
        <Scatter key={p.fullName} tune={tune} parameter={p} trials={trials} version={version} />
      ))}
    </div>
  );
}
