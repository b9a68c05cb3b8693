/**
 * Node hosts for the CLI and tests: the same host code as the browser, on worker_threads.
 *
 * @example
 * const handle = runParallel({ yaml }, (events) => print(events));
 * const result = await handle.done;
 */
import type { RunEvent } from '../protocol/events.ts';
import type { RunHandle, RunRequest, StartRun } from '../protocol/run.ts';
import { runLocal } from '../host/runLocal.ts';
import { runParallel as runParallelOn, type HostOptions } from '../host/runParallel.ts';
import { createStartRun } from '../host/startRun.ts';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from '../host/pool.ts';
import { nodePlatform } from './spawnWorker.node.ts';

export { liveWorkerCount, allWorkersExited } from './spawnWorker.node.ts';
export type { HostOptions, WorkerPool, WorkerPoolOptions };

type OnEvents = (events: readonly RunEvent[]) => void;

/** One worker_thread per component (Plugboard's RayProcess). */
export function runParallel(request: RunRequest, onEvents: OnEvents, options: HostOptions = {}): RunHandle {
  return runParallelOn(nodePlatform, request, onEvents, options);
}

/** The whole LocalProcess in one worker_thread. */
export function runLocalInWorker(request: RunRequest, onEvents: OnEvents, options: HostOptions = {}): RunHandle {
  return runLocal(nodePlatform, request, onEvents, options);
}

/**
 * A worker pool on worker_threads (the tuner's entry point): `pool.run(request, onEvents, options)`.
 * @example const pool = createNodeWorkerPool({ size: 4 }); const result = await pool.run({ yaml }, () => undefined).done;
 */
export function createNodeWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  return createWorkerPool(nodePlatform, options);
}

/** Mode from the request or the YAML (RayProcess/RayConnector/ZMQConnector → parallel). */
export const startRunNode: StartRun = createStartRun(nodePlatform);
