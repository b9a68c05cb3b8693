/**
 * `npm run bench -- python [--json] [--host node|chromium] [--reps K] [--values N] [--scale S]`:
 * the Python benchmarks (bench/pythonBench.ts) in Node, on worker_threads. The Chromium variant
 * runs the same code in the benchmark page (bench/chromium.ts, bench/browser/main.ts).
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { runLocalInWorker, runParallel } from '../src/node/runParallel.node.ts';
import type { BenchOptions, BenchRecord } from './benches.ts';
import { pythonBench, type PythonRunner } from './pythonBench.ts';

/** The upstream Ray tutorial module (Python Iterator, Sleep, Timestamper), verbatim. */
export function helloRaySource(): string {
  return readFileSync(new URL('../fixtures/plugboard-python/004_using_ray__hello_ray.py', import.meta.url), 'utf8');
}

const nodeRunner: PythonRunner = async (yaml, mode, modules, onEvents) => {
  const t0 = performance.now();
  const run = mode === 'parallel' ? runParallel : runLocalInWorker;
  const result = await run({ yaml, mode, modules }, onEvents, { recordSteps: false }).done;
  return { result, wall_s: (performance.now() - t0) / 1000 };
};

/** @example for (const r of await runPythonBench({ reps: 3 })) console.log(JSON.stringify(r)); */
export async function runPythonBench(options: BenchOptions = {}): Promise<BenchRecord[]> {
  return pythonBench(nodeRunner, helloRaySource(), options);
}
