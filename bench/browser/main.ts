// Benchmark page: exposes the shared benchmarks, run on the browser worker hosts, as globalThis.__bench,
// plus `hosts` checks used by e2e/bench-hosts.spec.ts (same outputs local vs parallel, failure, stop).
import { createBrowserStartRun, liveWorkerCount } from '../../app/runner/startRun.ts';
import type { RunEvent, RunResult } from '../../src/protocol/events.ts';
import type { ExecutionMode, ModuleSource } from '../../src/protocol/run.ts';
import { runBench, type BenchName, type BenchOptions, type Runner } from '../benches.ts';
import { pythonBench, type PythonRunner } from '../pythonBench.ts';

const startRun = createBrowserStartRun({ recordSteps: false });
const seeded = createBrowserStartRun({ recordSteps: true, seed: 7 });

const runner: Runner = async (yaml, mode) => {
  const t0 = performance.now();
  const result = await startRun({ yaml, mode }, () => undefined).done;
  return { result, wall_s: (performance.now() - t0) / 1000 };
};

// Python runs: the page's host keeps the compiled Pyodide and its snapshot for its lifetime, as the app does.
const pythonRunner: PythonRunner = async (yaml, mode, modules, onEvents) => {
  const t0 = performance.now();
  const result = await startRun({ yaml, mode, modules }, onEvents).done;
  return { result, wall_s: (performance.now() - t0) / 1000 };
};

export interface TracedRun {
  readonly result: RunResult;
  readonly events: RunEvent[];
  /** Workers still alive right after `done` resolved. */
  readonly liveAfter: number;
}

/** One run with per-step events and a seeded Math.random; `cancelAfterMs` stops it after the first step. */
async function trace(yaml: string, mode: ExecutionMode, modules?: readonly ModuleSource[], cancelAfterMs?: number): Promise<TracedRun> {
  const events: RunEvent[] = [];
  let cancel: () => void = () => undefined;
  const handle = seeded({ yaml, mode, ...(modules ? { modules } : {}) }, (batch) => {
    events.push(...batch);
    if (cancelAfterMs !== undefined && batch.some((e) => e.kind === 'process-status' && (e.status === 'init' || e.status === 'running'))) {
      setTimeout(() => cancel(), cancelAfterMs);
    }
  });
  cancel = () => handle.cancel();
  const result = await handle.done;
  return { result, events, liveAfter: liveWorkerCount() };
}

(globalThis as unknown as { __bench: unknown }).__bench = {
  isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
  run: (name: BenchName, options: BenchOptions) => runBench(name, runner, options),
  /** The Python benchmarks (bench/pythonBench.ts); `helloRay`: the upstream module's text. */
  runPython: (options: BenchOptions, helloRay: string) => pythonBench(pythonRunner, helloRay, options),
  liveWorkers: () => liveWorkerCount(),
  trace,
};
