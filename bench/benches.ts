/**
 * The three benchmarks of issue 3, written once against a `Runner`, so Node (worker_threads) and
 * Chromium (module workers) run the same code. Times are the run phase of a RunResult
 * (`endedAt - startedAt`: from the start of the run to the last component finishing), so worker
 * start-up is reported separately (`*_startup_s`).
 */
import type { RunResult } from '../src/protocol/events.ts';
import type { ExecutionMode } from '../src/protocol/run.ts';

export interface Timed {
  readonly result: RunResult;
  /** Wall time from startRun to `done`, seconds. */
  readonly wall_s: number;
  /** Peak memory during the run (MB, RSS of the host process), when the runner measures it. */
  readonly peak_mb?: number;
}

/** Runs a YAML model in one mode with per-step events off. */
export type Runner = (yaml: string, mode: ExecutionMode) => Promise<Timed>;

export type BenchRecord = Record<string, number | string>;

export const BENCH_NAMES = ['seed', 'chain', 'fanout', 'scale'] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
const runSeconds = (t: Timed): number => (t.result.endedAt - t.result.startedAt) / 1000;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function measure(runner: Runner, yaml: string, mode: ExecutionMode, reps: number): Promise<{ run_s: number; startup_s: number }> {
  const runs: Timed[] = [];
  for (let i = 0; i < reps; i++) {
    const t = await runner(yaml, mode);
    if (t.result.status !== 'completed') throw new Error(`${mode} run ${t.result.status}: ${t.result.error?.message ?? ''}`);
    runs.push(t);
  }
  const run_s = median(runs.map(runSeconds));
  return { run_s, startup_s: median(runs.map((t) => t.wall_s - runSeconds(t))) };
}

/** The Ray tutorial model (model-ray.yaml shape) with `iters` steps and sleeps 0.5·s and 1·s. */
export function seedModel(iters: number, scale: number): string {
  return `plugboard:
  process:
    type: plugboard.process.RayProcess
    connector_builder:
      type: plugboard.connector.RayConnector
    args:
      components:
      - type: hello_ray.Iterator
        args: { name: input, iters: ${iters} }
      - type: hello_ray.Sleep
        args: { name: slow-sleep, sleep_seconds: ${0.5 * scale} }
      - type: hello_ray.Sleep
        args: { name: very-slow-sleep, sleep_seconds: ${1 * scale} }
      - type: hello_ray.Timestamper
        args: { name: timestamper }
      - type: plugboard.library.file_io.FileWriter
        args: { name: save-results, path: ray.csv, field_names: ["timestamp"] }
      connectors:
      - { source: input.x, target: slow-sleep.x }
      - { source: input.x, target: very-slow-sleep.x }
      - { source: slow-sleep.y, target: timestamper.x }
      - { source: very-slow-sleep.y, target: timestamper.y }
      - { source: timestamper.timestamp, target: save-results.timestamp }
`;
}

/** Plugboard's own benchmark shape: a source → B1 → B2. */
export function chainModel(values: number): string {
  return `plugboard:
  process:
    args:
      components:
      - type: hello_world.A
        args: { name: source, iters: ${values} }
      - type: components.Offset
        args: { name: b1, offset: 1 }
      - type: components.Scale
        args: { name: b2, scale: 2 }
      connectors:
      - { source: source.out_1, target: b1.a }
      - { source: b1.x, target: b2.a }
`;
}

/** One source fanned out to `n` independent blocking branches of `steps` × `seconds`. */
export function fanoutModel(n: number, steps: number, seconds: number): string {
  const sleeps = Array.from({ length: n }, (_, i) => `      - type: hello_ray.Sleep\n        args: { name: branch-${i}, sleep_seconds: ${seconds} }\n`).join('');
  const links = Array.from({ length: n }, (_, i) => `      - { source: input.x, target: branch-${i}.x }\n`).join('');
  return `plugboard:
  process:
    type: plugboard.process.RayProcess
    connector_builder:
      type: plugboard.connector.RayConnector
    args:
      components:
      - type: hello_ray.Iterator
        args: { name: input, iters: ${steps} }
${sleeps}      connectors:
${links}`;
}

/**
 * The scale model of issue 8: `components.Random` (iters 1000) → `n` × `components.Offset` → a
 * FileWriter, as a RayProcess.
 */
export function offsetChainModel(n: number, iters = 1000): string {
  const offsets = Array.from({ length: n }, (_, i) => `      - { type: components.Offset, args: { name: o${i}, offset: 1 } }\n`).join('');
  const links = Array.from({ length: n }, (_, i) => `      - { source: ${i === 0 ? 'src.x' : `o${i - 1}.x`}, target: o${i}.a }\n`).join('');
  return `plugboard:
  process:
    type: plugboard.process.RayProcess
    connector_builder:
      type: plugboard.connector.RayConnector
    args:
      components:
      - { type: components.Random, args: { name: src, iters: ${iters} } }
${offsets}      - { type: plugboard.library.file_io.FileWriter, args: { name: save, path: out.csv, field_names: ["x"] } }
      connectors:
${links}      - { source: o${n - 1}.x, target: save.x }
`;
}

export interface BenchOptions {
  /** scale: chain lengths (default 200, 500) and modes (default both). */
  readonly sizes?: readonly number[];
  readonly modes?: readonly ExecutionMode[];
  readonly reps?: number;
  /** seed: sleep scale (0.1 → 0.05 s and 0.1 s). */
  readonly scale?: number;
  /** chain: number of values. */
  readonly values?: number;
  /** fanout: branch counts. */
  readonly ns?: readonly number[];
}

/**
 * @example for (const r of await runBench('seed', runner)) console.log(JSON.stringify(r));
 */
export async function runBench(name: BenchName, runner: Runner, options: BenchOptions = {}): Promise<BenchRecord[]> {
  const reps = options.reps ?? 1;
  switch (name) {
    case 'seed': {
      const iters = 20;
      const scale = options.scale ?? 0.1;
      const yaml = seedModel(iters, scale);
      const local = await measure(runner, yaml, 'local', reps);
      const parallel = await measure(runner, yaml, 'parallel', reps);
      const ideal_local_s = iters * (0.5 + 1) * scale;
      const ideal_parallel_s = iters * 1 * scale;
      return [
        {
          bench: 'seed',
          scale,
          local_s: round(local.run_s),
          parallel_s: round(parallel.run_s),
          ideal_local_s: round(ideal_local_s),
          ideal_parallel_s: round(ideal_parallel_s),
          parallel_overhead: round(parallel.run_s / ideal_parallel_s - 1),
          local_overhead: round(local.run_s / ideal_local_s - 1),
          local_startup_s: round(local.startup_s),
          parallel_startup_s: round(parallel.startup_s),
        },
      ];
    }
    case 'chain': {
      const values = options.values ?? 100_000;
      const yaml = chainModel(values);
      const local = await measure(runner, yaml, 'local', reps);
      const parallel = await measure(runner, yaml, 'parallel', reps);
      return [
        {
          bench: 'chain',
          values,
          local_items_per_s: Math.round(values / local.run_s),
          parallel_items_per_s: Math.round(values / parallel.run_s),
          local_s: round(local.run_s),
          parallel_s: round(parallel.run_s),
          parallel_startup_s: round(parallel.startup_s),
        },
      ];
    }
    case 'scale': {
      const out: BenchRecord[] = [];
      for (const n of options.sizes ?? [200, 500]) {
        const yaml = offsetChainModel(n);
        for (const mode of options.modes ?? (['local', 'parallel'] as const)) {
          const t = await runner(yaml, mode);
          if (t.result.status !== 'completed') throw new Error(`scale ${n} ${mode} run ${t.result.status}: ${t.result.error?.message ?? ''}`);
          const rows = (t.result.files['out.csv'] ?? '').split('\n').filter(Boolean).length - 1;
          out.push({ bench: 'scale', components: n + 2, mode, wall_s: round(t.wall_s), run_s: round(runSeconds(t)), startup_s: round(t.wall_s - runSeconds(t)), rows, ...(t.peak_mb !== undefined ? { peak_mb: Math.round(t.peak_mb) } : {}) });
        }
      }
      return out;
    }
    case 'fanout': {
      const out: BenchRecord[] = [];
      for (const n of options.ns ?? [1, 2, 4, 8]) {
        const parallel = await measure(runner, fanoutModel(n, 10, 0.1), 'parallel', reps);
        out.push({ bench: 'fanout', n, parallel_s: round(parallel.run_s), ideal_s: 1, overhead: round(parallel.run_s - 1), parallel_startup_s: round(parallel.startup_s) });
      }
      return out;
    }
  }
}
