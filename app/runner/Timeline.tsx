import { useEffect, useRef } from 'react';
import { now } from '../../src/index.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { isLive, type RunState } from '../store/runSlice.ts';
import { TIMELINE_COUNTS_HELP, timelineCounts } from './stepLabels.ts';

const selVersion = (s: EditorState) => s.run.version;
const selPhase = (s: EditorState) => s.run.phase;
const selTheme = (s: EditorState) => s.theme;
const LANE_H = 22;
const LABEL_W = 150;

const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
export function colorFor(component: string, order: Map<string, number>): string {
  let i = order.get(component);
  if (i === undefined) {
    i = order.size;
    order.set(component, i);
  }
  return PALETTE[i % PALETTE.length]!;
}

/** Lanes = workers, in placement order (the run announces them before the first step). */
export function orderedLanes(run: RunState): string[] {
  const placed = [...run.buffers.laneComponents.keys()];
  const rank = (lane: string) => {
    const i = placed.indexOf(lane);
    return i < 0 ? placed.length : i;
  };
  return [...run.buffers.lanes].sort((a, b) => rank(a) - rank(b));
}

/** A lane's label: the worker and the components it runs (`worker:1 · a, b, c`). */
export function laneLabel(run: RunState, lane: string): string {
  const names = run.buffers.laneComponents.get(lane);
  return names && names.length > 0 ? `${lane} · ${names.join(', ')}` : lane;
}

function draw(canvas: HTMLCanvasElement, run: RunState, dark: boolean, order: Map<string, number>) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const lanes = orderedLanes(run);
  const h = Math.max(canvas.parentElement?.clientHeight ?? 0, lanes.length * LANE_H + 24);
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.style.height = `${h}px`;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  if (run.startedAt === null) return;
  const t0 = run.startedAt;
  const t1 = Math.max((run.endedAt ?? now()), t0 + 1);
  const plotW = Math.max(10, w - LABEL_W - 8);
  const x = (t: number) => LABEL_W + ((t - t0) / (t1 - t0)) * plotW;
  const fg = dark ? '#c9d1d9' : '#24292f';
  const grid = dark ? '#30363d' : '#e5e7eb';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  lanes.forEach((lane, i) => {
    const y = i * LANE_H;
    ctx.fillStyle = i % 2 ? (dark ? '#161b22' : '#f6f8fa') : 'transparent';
    ctx.fillRect(0, y, w, LANE_H);
    ctx.fillStyle = fg;
    const label = laneLabel(run, lane);
    ctx.fillText(label.length > 22 ? label.slice(0, 21) + '…' : label, 4, y + LANE_H / 2);
  });
  const laneIndex = new Map(lanes.map((l, i) => [l, i]));
  // Coalesce sub-pixel bars per lane so 100k steps still draw in a few ms.
  // (a component runs on one lane, so its name keys its last drawn end; no per-bar allocation).
  const lastEnd = new Map<string, number>();
  let prevComponent = '';
  let prevLane = '';
  let li = 0;
  for (const s of run.buffers.steps) {
    if (s.lane !== prevLane) {
      prevLane = s.lane;
      li = laneIndex.get(s.lane) ?? 0;
    }
    const x0 = x(s.start);
    const x1 = Math.max(x(s.end), x0 + 1);
    const key = s.component;
    if ((lastEnd.get(key) ?? -1) >= x1) continue;
    lastEnd.set(key, x1);
    if (s.component !== prevComponent) {
      prevComponent = s.component;
      ctx.fillStyle = colorFor(s.component, order);
    }
    // A 1 px gap after each wide bar keeps back-to-back steps distinguishable.
    const w = x1 - x0 > 4 && s.steps === 1 ? x1 - x0 - 1 : x1 - x0;
    ctx.fillRect(x0, li * LANE_H + 4, w, LANE_H - 8);
  }
  // Time axis.
  const axisY = lanes.length * LANE_H + 12;
  ctx.strokeStyle = grid;
  ctx.beginPath();
  ctx.moveTo(LABEL_W, axisY - 8);
  ctx.lineTo(LABEL_W + plotW, axisY - 8);
  ctx.stroke();
  ctx.fillStyle = fg;
  const total = (t1 - t0) / 1000;
  const step = total > 60 ? 10 : total > 20 ? 5 : total > 8 ? 2 : total > 3 ? 1 : total > 1 ? 0.5 : 0.1;
  for (let s = 0; s <= total + 1e-9; s += step) {
    const px = x(t0 + s * 1000);
    ctx.fillText(`${Number(s.toFixed(1))}s`, px - 6, axisY);
  }
}

/** A legend longer than this would fill the panel: the rest is summarised. */
const LEGEND_MAX = 12;

/** Each component's steps as bars, one lane per thread/worker, so overlapping branches are visible. */
export function Timeline() {
  const store = useEditorStore();
  const version = useEditor(selVersion);
  const phase = useEditor(selPhase);
  const theme = useEditor(selTheme);
  const canvas = useRef<HTMLCanvasElement>(null);
  const order = useRef(new Map<string, number>());
  const frame = useRef(0);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => draw(el, store.getState().run, theme === 'dark', order.current));
  }, [version, theme, store]);

  // Keep the time axis moving while the run is live, and redraw on resize.
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const redraw = () => draw(el, store.getState().run, store.getState().theme === 'dark', order.current);
    const ro = new ResizeObserver(redraw);
    ro.observe(el.parentElement!);
    let id: ReturnType<typeof setInterval> | undefined;
    if (isLive(phase)) id = setInterval(redraw, 250);
    redraw();
    return () => {
      ro.disconnect();
      if (id) clearInterval(id);
    };
  }, [phase, store]);

  const run = store.getState().run;
  const seen = new Set(run.buffers.steps.length < 5000 ? run.buffers.steps.map((s) => s.component) : Object.keys(run.components));
  const components = Object.keys(run.components).filter((c) => seen.has(c));
  components.forEach((c) => colorFor(c, order.current)); // colours follow model order
  return (
    <section className="timeline" aria-label="Timeline">
      <header className="bottom-header">
        <h2 className="panel-title">Timeline</h2>
        <span className="muted" data-testid="timeline-counts" title={TIMELINE_COUNTS_HELP}>
          {timelineCounts(run.buffers.lanes.length, run.buffers.stepCount, run.buffers.steps.length)}
        </span>
        <ul className="legend" aria-label="Legend">
          {components.slice(0, LEGEND_MAX).map((c) => (
            <li key={c}>
              <span className="legend__swatch" style={{ background: colorFor(c, order.current) }} />
              {c}
            </li>
          ))}
          {components.length > LEGEND_MAX && <li className="muted">+{components.length - LEGEND_MAX} more</li>}
        </ul>
      </header>
      <div className="timeline__plot">
        <canvas ref={canvas} role="img" aria-label={`Timeline of ${run.buffers.stepCount} steps on ${run.buffers.lanes.length} lanes`} data-lanes={run.buffers.lanes.join('|')} data-lane-components={orderedLanes(run).map((l) => laneLabel(run, l)).join('|')} />
        {phase === 'idle' && <p className="muted pad timeline__empty">Steps appear here as bars, one lane per worker.</p>}
      </div>
    </section>
  );
}
