/**
 * Run telemetry folded from RunEvent batches. Large, append-only data (output rows, step bars, file
 * chunks) lives in mutable buffers owned by the run; the store only carries small immutable summaries
 * plus a `version` that views subscribe to, so a batch costs one `set` and no array copies.
 */
import type { BreakpointHitInfo, ConnectorCounter, ErrorInfo, RunEvent, RunResult, Status, StepReport } from '../../src/index.ts';
import { DEFAULT_PROBE_CAPACITY, RingBuffer } from '../../src/inspect/RingBuffer.ts';

/** 'stopping': Stop was pressed, the host has not reported its end yet (run state follows the host). */
export type RunPhase = 'idle' | 'running' | 'stopping' | 'completed' | 'failed' | 'stopped';

/** A run the host is still executing (running, or stopping after a Stop). */
export function isLive(phase: RunPhase): boolean {
  return phase === 'running' || phase === 'stopping';
}

export interface ComponentRun {
  readonly status: Status;
  readonly steps: number;
  readonly error?: ErrorInfo;
  /** The lane (worker) the component runs on, from the run's placement. */
  readonly worker?: string;
}

export interface OutputRow {
  readonly t: number;
  readonly path: string;
  readonly component: string;
  readonly values: readonly unknown[];
}

/** A component's busy interval on a lane: consecutive steps less than MERGE_GAP_MS apart share one bar. */
export interface StepBar {
  readonly component: string;
  readonly lane: string;
  readonly start: number;
  end: number;
  steps: number;
}

/** Short steps (under this many ms) closer than this are drawn as one bar: far below a pixel at any useful zoom. */
export const MERGE_GAP_MS = 1;

export interface FileBuffer {
  readonly path: string;
  readonly component: string;
  chunks: string[];
  header: readonly string[] | null;
  rows: number;
}

export interface RunBuffers {
  readonly output: OutputRow[];
  readonly steps: StepBar[];
  /** Total step events (bars merge dense steps). */
  stepCount: number;
  readonly lastBar: Map<string, StepBar>;
  readonly lanes: string[];
  /** Lane → the components placed on it (the placement plan; lanes listed in worker order). */
  readonly laneComponents: Map<string, readonly string[]>;
  readonly files: Map<string, FileBuffer>;
  readonly logs: { t: number; level: string; message: string; component?: string }[];
  /** Probed connector or port → its recorded values (the newest 10,000), appended in place. */
  readonly probes: Map<string, ProbeBuffer>;
}

export interface ProbeBuffer {
  readonly values: RingBuffer<unknown>;
  readonly times: RingBuffer<number>;
}

export interface FileSummary {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

export interface RunState {
  readonly phase: RunPhase;
  readonly mode: 'local' | 'parallel';
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly components: Readonly<Record<string, ComponentRun>>;
  readonly files: readonly FileSummary[];
  readonly error: ErrorInfo | null;
  /**
   * Connector id (`<source>.<field>..<target>.<field>`) → what passed it so far (issue 10); absent
   * in runs reopened from history.
   */
  readonly connectors?: Readonly<Record<string, ConnectorCounter>>;
  /** Bumped whenever a buffer grows. */
  readonly version: number;
  readonly buffers: RunBuffers;
  /** Pause / Step / Resume (issue 10; folded in app/store/runPause.ts); absent before any pause. */
  readonly pause?: RunPause;
}

/** A live run's pause state. */
export interface RunPause {
  /** Held (Pause pressed, a Step, or a breakpoint hit) until Resume. */
  readonly paused: boolean;
  /** The last process step's report: who stepped, who could not and why. */
  readonly lastStep: StepReport | null;
  /** The breakpoint that paused the run, until Resume. */
  readonly hit: BreakpointHitInfo | null;
  /** A Step is in progress. */
  readonly stepping: boolean;
}

export function emptyBuffers(): RunBuffers {
  return { output: [], steps: [], stepCount: 0, lastBar: new Map(), lanes: [], laneComponents: new Map(), files: new Map(), logs: [], probes: new Map() };
}

export const NO_CONNECTORS: Readonly<Record<string, ConnectorCounter>> = Object.freeze({});

export const IDLE_RUN: RunState = {
  phase: 'idle',
  mode: 'local',
  startedAt: null,
  endedAt: null,
  components: {},
  files: [],
  error: null,
  connectors: NO_CONNECTORS,
  version: 0,
  buffers: emptyBuffers(),
};

export function startedRun(mode: 'local' | 'parallel', componentNames: readonly string[], at: number): RunState {
  const components: Record<string, ComponentRun> = {};
  for (const name of componentNames) components[name] = { status: 'created', steps: 0 };
  return { ...IDLE_RUN, phase: 'running', mode, startedAt: at, components, buffers: emptyBuffers() };
}

function summarize(files: Map<string, FileBuffer>): FileSummary[] {
  return [...files.values()].map((f) => ({ path: f.path, rows: f.rows, bytes: f.chunks.reduce((n, c) => n + c.length, 0) }));
}

/**
 * Folds one batch of events into a live run's state. Buffers are appended in place. The hosts deliver
 * every event before their result, so a run that has ended takes no more.
 */
export function applyRunEvents(run: RunState, events: readonly RunEvent[]): RunState {
  if (!isLive(run.phase)) return run;
  const b = run.buffers;
  let components: Record<string, ComponentRun> | null = null;
  let filesChanged = false;
  let error = run.error;
  let connectors: Record<string, ConnectorCounter> | null = null;
  const comps = () => (components ??= { ...run.components });
  for (const e of events) {
    switch (e.kind) {
      case 'process-status':
        if (e.error) error = e.error;
        break;
      case 'component-status': {
        const c = comps();
        const prev = c[e.component] ?? { status: 'created', steps: 0 };
        c[e.component] = { ...prev, status: e.status, ...(e.steps !== undefined ? { steps: Math.max(prev.steps, e.steps) } : {}), ...(e.error ? { error: e.error } : {}) };
        if (e.error && !error) error = e.error;
        break;
      }
      case 'step': {
        const c = comps();
        const prev = c[e.component] ?? { status: 'running', steps: 0 };
        c[e.component] = { ...prev, steps: Math.max(prev.steps, e.index + 1) };
        if (!b.lanes.includes(e.lane)) b.lanes.push(e.lane);
        b.stepCount++;
        const key = `${e.lane}\u0000${e.component}`;
        const last = b.lastBar.get(key);
        const short = e.end - e.start < MERGE_GAP_MS;
        const lastShort = !!last && (last.steps > 1 || last.end - last.start < MERGE_GAP_MS);
        if (last && short && lastShort && e.start - last.end < MERGE_GAP_MS && e.start >= last.start) {
          last.end = Math.max(last.end, e.end);
          last.steps++;
        } else {
          const bar: StepBar = { component: e.component, lane: e.lane, start: e.start, end: e.end, steps: 1 };
          b.steps.push(bar);
          b.lastBar.set(key, bar);
        }
        break;
      }
      case 'file': {
        let f = b.files.get(e.path);
        if (!f) {
          f = { path: e.path, component: e.component, chunks: [], header: null, rows: 0 };
          b.files.set(e.path, f);
        }
        if (e.mode === 'truncate') f.chunks = [];
        if (e.text) f.chunks.push(e.text);
        if (e.header) f.header = e.header;
        if (e.rows) {
          f.rows += e.rows.length;
          // A row's time is when the writer received it (`times`), else when it was written.
          e.rows.forEach((values, i) => b.output.push({ t: e.times?.[i] ?? e.t, path: e.path, component: e.component, values }));
        }
        filesChanged = true;
        break;
      }
      case 'placement': {
        const c = comps();
        for (const { lane, components: names } of e.workers) {
          if (!b.lanes.includes(lane)) b.lanes.push(lane);
          b.laneComponents.set(lane, names);
          for (const name of names) c[name] = { ...(c[name] ?? { status: 'created', steps: 0 }), worker: lane };
        }
        break;
      }
      case 'connectors': {
        connectors ??= { ...run.connectors };
        for (const c of e.counters) {
          const prev = connectors[c.key];
          if (!prev || prev.count <= c.count) connectors[c.key] = c;
        }
        for (const p of e.probes) {
          let buffer = b.probes.get(p.key);
          if (!buffer) b.probes.set(p.key, (buffer = { values: new RingBuffer(DEFAULT_PROBE_CAPACITY), times: new RingBuffer(DEFAULT_PROBE_CAPACITY) }));
          for (let i = 0; i < p.values.length; i++) {
            buffer.values.push(p.values[i]);
            buffer.times.push(p.times[i]!);
          }
        }
        break;
      }
      case 'log':
        b.logs.push({ t: e.t, level: e.level, message: e.message, ...(e.component ? { component: e.component } : {}) });
        break;
    }
  }
  return {
    ...run,
    components: components ?? run.components,
    connectors: connectors ?? run.connectors,
    files: filesChanged ? summarize(b.files) : run.files,
    error,
    version: run.version + 1,
  };
}

/**
 * The run ended: components still active become stopped (or completed). File text has one source, the
 * streamed file events; the result's files only fill in a file of which no event arrived.
 */
export function finishedRun(run: RunState, result: RunResult): RunState {
  const b = run.buffers;
  for (const [path, text] of Object.entries(result.files)) {
    if (!b.files.has(path)) b.files.set(path, { path, component: '', chunks: [text], header: null, rows: Math.max(0, text.split('\n').filter(Boolean).length - 1) });
  }
  const components: Record<string, ComponentRun> = { ...run.components };
  // A component that failed before it could report (e.g. in its constructor) is named by the error.
  const culprit = result.error?.component;
  if (culprit && result.status === 'failed') {
    const c = components[culprit] ?? { status: 'failed' as Status, steps: 0 };
    if (c.status !== 'failed' || !c.error) components[culprit] = { ...c, status: 'failed', error: result.error };
  }
  // Components still active when the process ended: a completed process completed them all; a failed
  // or stopped one stopped them.
  for (const [name, c] of Object.entries(components)) {
    if (c.status === 'running' || c.status === 'waiting' || c.status === 'init' || c.status === 'created') {
      components[name] = { ...c, status: result.status === 'completed' ? 'completed' : 'stopped' };
    }
  }
  return {
    ...run,
    phase: result.status,
    endedAt: result.endedAt,
    startedAt: run.startedAt ?? result.startedAt,
    components,
    files: summarize(b.files),
    error: result.error ?? run.error,
    version: run.version + 1,
  };
}

/** Full text of a file as streamed so far. */
export function fileText(run: RunState, path: string): string {
  return run.buffers.files.get(path)?.chunks.join('') ?? '';
}
