/**
 * Node binding of the tune worker pool: trials run on worker_threads (`tuneWorker.node.ts`),
 * bundled once with esbuild like the run workers (falls back to the tsx bootstrap).
 */
import { availableParallelism } from 'node:os';
import { spawnNodeWorker } from './spawnWorker.node.ts';
import type { TuneModel, TuneWorkerApi } from '../tune/trialWorker.ts';
import { createWorkerExecutor, type WorkerExecutorOptions } from '../tune/workerExecutor.ts';

/** @example const executor = createNodeTuneExecutor({ config }, 4); … await executor.dispose(); */
export function createNodeTuneExecutor(model: TuneModel, size = availableParallelism(), options: Pick<WorkerExecutorOptions, 'onPythonStart'> = {}): ReturnType<typeof createWorkerExecutor> {
  return createWorkerExecutor({
    ...options,
    model,
    size,
    spawn: (i) => spawnNodeWorker<TuneWorkerApi>(new URL('./tuneWorker.node.ts', import.meta.url), `tune:${i}`),
  });
}
