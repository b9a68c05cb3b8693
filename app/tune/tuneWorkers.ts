/**
 * Web Worker binding of the tune pool: each worker is `src/worker/tune.worker.ts` (loads the model
 * once, runs trials); the pool logic is `src/tune/workerExecutor.ts`. The page never runs trials.
 */
import * as Comlink from 'comlink';
import type { WorkerHandle } from '../../src/host/platform.ts';
import type { TuneModel, TuneWorkerApi } from '../../src/tune/trialWorker.ts';
import { createWorkerExecutor } from '../../src/tune/workerExecutor.ts';
import type { PythonWorkerStart } from './tuneSession.ts';

let live = 0;
/** Tune workers alive (e2e checks they are released). */
export function liveTuneWorkers(): number {
  return live;
}

function spawnTuneWorker(index: number): WorkerHandle<TuneWorkerApi> {
  const worker = new Worker(new URL('../../src/worker/tune.worker.ts', import.meta.url), { type: 'module', name: `tune:${index}` });
  live++;
  let exited = false;
  let crash: unknown;
  let markExited: () => void = () => undefined;
  const exit = new Promise<void>((resolve) => (markExited = resolve));
  const api = Comlink.wrap<TuneWorkerApi>(worker);
  const terminate = (): Promise<void> => {
    if (!exited) {
      exited = true;
      live--;
      api[Comlink.releaseProxy]();
      worker.terminate();
      markExited();
    }
    return exit;
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    crash = new Error(event.message || 'The tune worker failed to start');
    void terminate();
  });
  return { api: api as unknown as WorkerHandle<TuneWorkerApi>['api'], exited: exit, crashError: () => crash, terminate };
}

/** @example const executor = createBrowserTuneExecutor({ config }, 4, (start) => console.log(start)); */
export function createBrowserTuneExecutor(model: TuneModel, size: number, onPythonStart?: (start: PythonWorkerStart) => void): ReturnType<typeof createWorkerExecutor> {
  return createWorkerExecutor({
    model,
    size,
    spawn: spawnTuneWorker,
    ...(onPythonStart ? { onPythonStart: (worker, start) => onPythonStart({ worker, from: start.from, loadMs: start.loadMs }) } : {}),
  });
}

/** Workers to use: the machine's cores (at least 1, at most 8). */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(8, (globalThis.navigator?.hardwareConcurrency ?? 4) - 1));
}
