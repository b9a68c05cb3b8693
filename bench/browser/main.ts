// Benchmark page: exposes the shared benchmarks, run on the browser worker hosts, as globalThis.__bench.
import { createBrowserStartRun, liveWorkerCount } from '../../app/runner/startRun.ts';
import { runBench, type BenchName, type BenchOptions, type Runner } from '../benches.ts';

const startRun = createBrowserStartRun({ recordSteps: false });

const runner: Runner = async (yaml, mode) => {
  const t0 = performance.now();
  const result = await startRun({ yaml, mode }, () => undefined).done;
  return { result, wall_s: (performance.now() - t0) / 1000 };
};

(globalThis as unknown as { __bench: unknown }).__bench = {
  isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
  run: (name: BenchName, options: BenchOptions) => runBench(name, runner, options),
  liveWorkers: () => liveWorkerCount(),
};
