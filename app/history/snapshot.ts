/**
 * A finished run as kept in history, and back: `toStoredRun` turns the run state (plus the model as
 * run) into plain data for IndexedDB; `toRunState` rebuilds a RunState the Output table, chart,
 * Timeline and downloads show exactly as after the run. Pure functions (no IndexedDB here).
 */
import type { ErrorInfo, ModuleSource } from '../../src/index.ts';
import { emptyBuffers, type ComponentRun, type FileSummary, type RunPhase, type RunState, type StepBar } from '../store/runSlice.ts';
import { packRows, unpackRows, type PackedRows } from './packRows.ts';

/** Output rows and timeline bars kept per run (files are kept whole, for downloads). */
export const MAX_STORED_ROWS = 200_000;
export const MAX_STORED_BARS = 50_000;

/** The model as it was when the run started. */
export interface RunContext {
  readonly fileName: string;
  readonly yaml: string;
  readonly modules: readonly ModuleSource[];
}

export interface ComponentTiming {
  readonly steps: number;
  /** Time spent inside step(), summed over the timeline's bars (ms). */
  readonly busyMs: number;
}

/** The small part, listed in the Runs view. */
export interface RunSummary extends RunContext {
  readonly id: number;
  readonly status: Exclude<RunPhase, 'idle' | 'running'>;
  readonly mode: 'local' | 'parallel';
  readonly startedAt: number;
  readonly endedAt: number;
  readonly durationMs: number;
  readonly components: Readonly<Record<string, ComponentRun>>;
  readonly timings: Readonly<Record<string, ComponentTiming>>;
  readonly files: readonly FileSummary[];
  readonly error: ErrorInfo | null;
  readonly outputRows: number;
  /** True when more rows than MAX_STORED_ROWS were written (the first ones are kept). */
  readonly truncated: boolean;
}

/** The large part, read when a run is opened or compared. */
export interface RunResults {
  readonly id: number;
  readonly output: PackedRows;
  readonly steps: PackedBars;
  readonly stepCount: number;
  readonly lanes: readonly string[];
  readonly files: readonly { path: string; component: string; text: string; header: readonly string[] | null; rows: number }[];
  readonly logs: RunState['buffers']['logs'];
}

/** Timeline bars as typed arrays (names by index), for the same reason as PackedRows. */
export interface PackedBars {
  readonly names: readonly string[];
  readonly component: Uint32Array;
  readonly lane: Uint32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly steps: Uint32Array;
}

function packBars(bars: readonly StepBar[]): PackedBars {
  const names: string[] = [];
  const index = new Map<string, number>();
  const id = (name: string) => {
    let i = index.get(name);
    if (i === undefined) index.set(name, (i = names.push(name) - 1));
    return i;
  };
  return {
    names,
    component: Uint32Array.from(bars, (b) => id(b.component)),
    lane: Uint32Array.from(bars, (b) => id(b.lane)),
    start: Float64Array.from(bars, (b) => b.start),
    end: Float64Array.from(bars, (b) => b.end),
    steps: Uint32Array.from(bars, (b) => b.steps),
  };
}

function unpackBars(p: PackedBars): StepBar[] {
  return Array.from(p.start, (start, i) => ({ component: p.names[p.component[i]!]!, lane: p.names[p.lane[i]!]!, start, end: p.end[i]!, steps: p.steps[i]! }));
}

export interface StoredRun {
  readonly summary: Omit<RunSummary, 'id'>;
  readonly results: Omit<RunResults, 'id'>;
}

function timingsOf(run: RunState): Record<string, ComponentTiming> {
  const busy = new Map<string, number>();
  for (const bar of run.buffers.steps) busy.set(bar.component, (busy.get(bar.component) ?? 0) + (bar.end - bar.start));
  const out: Record<string, ComponentTiming> = {};
  for (const [name, c] of Object.entries(run.components)) out[name] = { steps: c.steps, busyMs: busy.get(name) ?? 0 };
  return out;
}

/**
 * Plain data for one finished run (null while it is idle or running).
 * @example const stored = toStoredRun(store.getState().run, { fileName, yaml, modules });
 */
export function toStoredRun(run: RunState, context: RunContext): StoredRun | null {
  const phase = run.phase;
  if (phase === 'idle' || phase === 'running' || phase === 'stopping' || run.startedAt === null) return null;
  const b = run.buffers;
  const endedAt = run.endedAt ?? run.startedAt;
  return {
    summary: {
      fileName: context.fileName,
      yaml: context.yaml,
      modules: context.modules.map((m) => ({ file: m.file, source: m.source })),
      status: phase,
      mode: run.mode,
      startedAt: run.startedAt,
      endedAt,
      durationMs: endedAt - run.startedAt,
      components: run.components,
      timings: timingsOf(run),
      files: run.files,
      error: run.error,
      outputRows: b.output.length,
      truncated: b.output.length > MAX_STORED_ROWS,
    },
    results: {
      output: packRows(b.output.length > MAX_STORED_ROWS ? b.output.slice(0, MAX_STORED_ROWS) : b.output),
      steps: packBars(b.steps.slice(0, MAX_STORED_BARS)),
      stepCount: b.stepCount,
      lanes: b.lanes.slice(),
      files: [...b.files.values()].map((f) => ({ path: f.path, component: f.component, text: f.chunks.join(''), header: f.header, rows: f.rows })),
      logs: b.logs.slice(),
    },
  };
}

/**
 * The run state of a stored run, as the run views expect it.
 * @example store.setState({ run: toRunState(summary, results) });
 */
export function toRunState(summary: RunSummary, results: RunResults): RunState {
  const buffers = emptyBuffers();
  for (const r of unpackRows(results.output)) buffers.output.push(r); // no spread: 200,000 arguments overflow the stack
  for (const s of unpackBars(results.steps)) buffers.steps.push(s);
  buffers.stepCount = results.stepCount;
  buffers.lanes.push(...results.lanes);
  for (const f of results.files) buffers.files.set(f.path, { path: f.path, component: f.component, chunks: [f.text], header: f.header, rows: f.rows });
  buffers.logs.push(...results.logs);
  return {
    phase: summary.status,
    mode: summary.mode,
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
    components: summary.components,
    files: summary.files,
    error: summary.error,
    version: 1,
    buffers,
  };
}
