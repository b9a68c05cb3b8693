/**
 * `npm run bench -- python [--json] [--reps K] [--values N] [--scale S]` (Node, worker_threads):
 *
 * - `python_chain`: a Python source → two Python pass-through components, N values (default
 *   100,000), step events off. `*_steps_per_s_per_component` = N / run time (every component steps
 *   N times). Goal ≥ 100k steps/s per component.
 * - `python_startup`: worker start-up of a one-component Python run (load Pyodide, install the
 *   plugboard package, import the module): the first run of this process (`cold_s`) and the median
 *   of the next runs (`warm_s`; OS file cache warm, wasm compiled again per worker). Goal warm ≤ 1.5 s.
 * - `python_seed`: the seed benchmark's model with the upstream `hello_ray.py` (Python Iterator,
 *   Sleep, Timestamper; TS FileWriter). Goal: within 3 % of ideal.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { runLocalInWorker, runParallel } from '../src/node/runParallel.node.ts';
import type { ModuleSource } from '../src/protocol/run.ts';
import type { RunResult } from '../src/protocol/events.ts';
import { seedModel, type BenchOptions, type BenchRecord } from './benches.ts';

const PASS_MODULE = `from plugboard.component import Component, IOController as IO


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

async function timed(yaml: string, mode: 'local' | 'parallel', modules: readonly ModuleSource[]): Promise<{ run_s: number; startup_s: number }> {
  const t0 = performance.now();
  const run = mode === 'parallel' ? runParallel : runLocalInWorker;
  const result: RunResult = await run({ yaml, mode, modules }, () => undefined, { recordSteps: false }).done;
  const wall = (performance.now() - t0) / 1000;
  if (result.status !== 'completed') throw new Error(`${mode} run ${result.status}: ${result.error?.message ?? ''}`);
  const run_s = (result.endedAt - result.startedAt) / 1000;
  return { run_s, startup_s: wall - run_s };
}

async function repeat(reps: number, fn: () => Promise<{ run_s: number; startup_s: number }>) {
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(await fn());
  return { run_s: median(runs.map((r) => r.run_s)), startup_s: median(runs.map((r) => r.startup_s)) };
}

/** @example for (const r of await runPythonBench({ reps: 3 })) console.log(JSON.stringify(r)); */
export async function runPythonBench(options: BenchOptions = {}): Promise<BenchRecord[]> {
  const reps = options.reps ?? 1;
  const chain: ModuleSource[] = [{ file: 'py_chain.py', source: PASS_MODULE }];
  const cold = await timed(ONE, 'local', chain);
  const warm = await repeat(Math.max(3, reps), () => timed(ONE, 'local', chain));
  const values = options.values ?? 100_000;
  const local = await repeat(reps, () => timed(chainModel(values), 'local', chain));
  const parallel = await repeat(reps, () => timed(chainModel(values), 'parallel', chain));
  const helloRay = readFileSync(new URL('../fixtures/plugboard-python/004_using_ray__hello_ray.py', import.meta.url), 'utf8');
  const scale = options.scale ?? 0.1;
  const iters = 20;
  const seedModules: ModuleSource[] = [{ file: 'hello_ray.py', source: helloRay }];
  const seedParallel = await repeat(reps, () => timed(seedModel(iters, scale), 'parallel', seedModules));
  const seedLocal = await repeat(reps, () => timed(seedModel(iters, scale), 'local', seedModules));
  const idealParallel = iters * 1 * scale;
  const idealLocal = iters * 1.5 * scale;
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
    { bench: 'python_startup', cold_s: round(cold.startup_s), warm_s: round(warm.startup_s) },
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
