/**
 * The Python benchmarks (issue 14), written once against a runner so that Node (worker_threads,
 * bench/python.ts) and Chromium (module workers, bench/browser/main.ts) run the same code:
 *
 * - `python_chain`: a Python source → two Python pass-through components, N values (default
 *   100,000), step events off. `*_steps_per_s_per_component` = N / run time (every component steps
 *   N times). Goal ≥ 100k steps/s per component.
 * - `python_startup`: worker start-up of a one-component Python run (spawn the worker, load Pyodide,
 *   install the plugboard package, import the module) = wall time − run time. `cold_s`: the first
 *   run of this host (Pyodide compiled and started from scratch; this worker also makes the
 *   host's compiled module and memory snapshot, src/python/pythonBoot.ts); `warm_s` = `warm_p50_s`:
 *   the median of the next `warm_n` (≥ 5) runs, whose workers start from the snapshot.
 *   `*_load_ms`: the part Pyodide took, from the worker's "loaded Python" log; `warm_from_snapshot`:
 *   how many warm runs' workers started from the snapshot (all, unless it failed). Goal warm ≤ 1.5 s.
 * - `python_seed`: the seed benchmark's model with the upstream `hello_ray.py` (Python Iterator,
 *   Sleep, Timestamper; TS FileWriter). Goal: within 3 % of ideal.
 */
import type { RunEvent, RunResult } from '../src/protocol/events.ts';
import type { ExecutionMode, ModuleSource } from '../src/protocol/run.ts';
import { seedModel, type BenchOptions, type BenchRecord } from './benches.ts';

/** One run with per-step events off; `onEvents` gets the run's events (logs included). */
export type PythonRunner = (
  yaml: string,
  mode: ExecutionMode,
  modules: readonly ModuleSource[],
  onEvents: (events: readonly RunEvent[]) => void,
) => Promise<{ result: RunResult; wall_s: number }>;

export const PASS_MODULE = `from plugboard.component import Component, IOController as IO


class Source(Component):
    io = IO(outputs=["x"])

    def __init__(self, iters: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self._left = iters

    async def step(self) -> None:
        if self._left == 0:
            await self.io.close()
            return
        self._left -= 1
        self.x = self._left


class Pass(Component):
    io = IO(inputs=["x"], outputs=["y"])

    async def step(self) -> None:
        self.y = self.x
`;

function chainModel(values: number): string {
  return `plugboard:
  process:
    args:
      components:
      - type: py_chain.Source
        args: { name: source, iters: ${values} }
      - type: py_chain.Pass
        args: { name: p1 }
      - type: py_chain.Pass
        args: { name: p2 }
      connectors:
      - { source: source.x, target: p1.x }
      - { source: p1.y, target: p2.x }
`;
}

const ONE = `plugboard:
  process:
    args:
      components:
      - type: py_chain.Source
        args: { name: source, iters: 1 }
      connectors: []
`;

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const LOADED = / loaded Python \(Pyodide\) in (\d+) ms/;

interface Measured {
  run_s: number;
  startup_s: number;
  /** Pyodide's part of the start-up (the slowest worker's), ms. */
  load_ms: number;
  /** Every Python worker of the run started from the host's snapshot. */
  snapshot: boolean;
}

async function timed(run: PythonRunner, yaml: string, mode: ExecutionMode, modules: readonly ModuleSource[]): Promise<Measured> {
  let load_ms = 0;
  let snapshot = true;
  const { result, wall_s } = await run(yaml, mode, modules, (events) => {
    for (const e of events) {
      if (e.kind !== 'log') continue;
      const m = LOADED.exec(e.message);
      if (m) load_ms = Math.max(load_ms, Number(m[1]));
      if (m && !e.message.endsWith('(from the snapshot)')) snapshot = false;
    }
  });
  if (result.status !== 'completed') throw new Error(`${mode} run ${result.status}: ${result.error?.message ?? ''}`);
  const run_s = (result.endedAt - result.startedAt) / 1000;
  return { run_s, startup_s: wall_s - run_s, load_ms, snapshot };
}

async function repeat(reps: number, fn: () => Promise<Measured>): Promise<Measured & { all: Measured[] }> {
  const all: Measured[] = [];
  for (let i = 0; i < reps; i++) all.push(await fn());
  const runs = { run_s: median(all.map((r) => r.run_s)), startup_s: median(all.map((r) => r.startup_s)), load_ms: median(all.map((r) => r.load_ms)) };
  return { ...runs, snapshot: all.every((r) => r.snapshot), all };
}

/**
 * @example for (const r of await pythonBench(runner, helloRaySource, { reps: 3 })) console.log(JSON.stringify(r));
 */
export async function pythonBench(run: PythonRunner, helloRay: string, options: BenchOptions = {}): Promise<BenchRecord[]> {
  const reps = options.reps ?? 1;
  const chain: ModuleSource[] = [{ file: 'py_chain.py', source: PASS_MODULE }];
  const cold = await timed(run, ONE, 'local', chain);
  const warm = await repeat(Math.max(5, reps), () => timed(run, ONE, 'local', chain));
  const values = options.values ?? 100_000;
  const local = await repeat(reps, () => timed(run, chainModel(values), 'local', chain));
  const parallel = await repeat(reps, () => timed(run, chainModel(values), 'parallel', chain));
  const scale = options.scale ?? 0.1;
  const iters = 20;
  const seedModules: ModuleSource[] = [{ file: 'hello_ray.py', source: helloRay }];
  const seedParallel = await repeat(reps, () => timed(run, seedModel(iters, scale), 'parallel', seedModules));
  const seedLocal = await repeat(reps, () => timed(run, seedModel(iters, scale), 'local', seedModules));
  const idealParallel = iters * 1 * scale;
  const idealLocal = iters * 1.5 * scale;
  const warmStarts = warm.all.map((r) => r.startup_s).sort((a, b) => a - b);
  return [
    {
      bench: 'python_chain',
      values,
      local_steps_per_s_per_component: Math.round(values / local.run_s),
      parallel_steps_per_s_per_component: Math.round(values / parallel.run_s),
      local_s: round(local.run_s),
      parallel_s: round(parallel.run_s),
      parallel_startup_s: round(parallel.startup_s),
    },
    {
      bench: 'python_startup',
      cold_s: round(cold.startup_s),
      cold_load_ms: cold.load_ms,
      warm_s: round(warm.startup_s),
      warm_p50_s: round(warm.startup_s),
      warm_max_s: round(warmStarts[warmStarts.length - 1]!),
      warm_n: warmStarts.length,
      warm_load_ms: warm.load_ms,
      warm_from_snapshot: warm.all.filter((r) => r.snapshot).length,
    },
    {
      bench: 'python_seed',
      scale,
      parallel_s: round(seedParallel.run_s),
      ideal_parallel_s: round(idealParallel),
      parallel_overhead: round(seedParallel.run_s / idealParallel - 1),
      local_s: round(seedLocal.run_s),
      ideal_local_s: round(idealLocal),
      local_overhead: round(seedLocal.run_s / idealLocal - 1),
      parallel_startup_s: round(seedParallel.startup_s),
    },
  ];
}
