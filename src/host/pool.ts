/**
 * The worker pool as one object, for callers that run many models (the tuner's trials): a size and
 * `run(request, onEvents)`. Each run plans its placement on this pool (at most `size` workers, plus
 * one per `resources.cpu >= 1` component) and starts its workers; they are terminated when the run
 * ends (no state survives from one trial to the next).
 *
 * @example
 * const pool = createWorkerPool(nodePlatform, { size: 4 });
 * const handle = pool.run({ yaml, mode: 'parallel' }, (events) => log(events), { seed: 1 });
 * const result = await handle.done; // handle.cancel() stops it
 */
import type { RunEvent } from '../protocol/events.ts';
import type { RunHandle, RunRequest } from '../protocol/run.ts';
import type { Platform } from './platform.ts';
import { poolSizeFor } from './placement.ts';
import { runParallel, type HostOptions } from './runParallel.ts';

export interface WorkerPoolOptions {
  /** Workers (default: the hardware's parallelism, at least 8, at most 16; see `poolSizeFor`). */
  readonly size?: number;
}

export interface WorkerPool {
  readonly size: number;
  /** One parallel run on the pool: its events stream to `onEvents`; `done` / `cancel()` on the handle. */
  run(request: RunRequest, onEvents: (events: readonly RunEvent[]) => void, options?: Omit<HostOptions, 'poolSize'>): RunHandle;
}

export function createWorkerPool(platform: Platform, options: WorkerPoolOptions = {}): WorkerPool {
  const size = poolSizeFor(platform.parallelism, options.size);
  return {
    size,
    run: (request, onEvents, runOptions = {}) => runParallel(platform, request, onEvents, { ...runOptions, poolSize: size }),
  };
}
