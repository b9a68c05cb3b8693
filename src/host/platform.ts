/**
 * What a host needs from its platform (browser module workers or Node `worker_threads`). The host
 * logic in `src/host` is written once against this; `app/runner/startRun.ts` and
 * `src/node/spawnWorker.node.ts` bind it.
 */
import type { PortPair } from './PortLike.ts';
import type { ComponentWorkerApi } from './componentWorker.ts';
import type { LocalWorkerApi } from './localWorker.ts';

/** Comlink's `Remote<T>` for plain-data APIs: every method returns a promise. */
export type Remote<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export interface WorkerHandle<Api> {
  readonly api: Remote<Api>;
  /** Resolves when the worker has exited (terminated or crashed). */
  readonly exited: Promise<void>;
  /** Terminates the worker (idempotent); resolves once it has exited. */
  terminate(): Promise<void>;
  /** What crashed the worker (an uncaught error inside it), if it did. */
  crashError?(): unknown;
}

export interface Platform {
  spawnComponentWorker(component: string): WorkerHandle<ComponentWorkerApi>;
  spawnLocalWorker(): WorkerHandle<LocalWorkerApi>;
  createChannel(): PortPair;
  /** Marks transferables (ports, buffers) of a call argument (`Comlink.transfer`). */
  transfer<T>(value: T, transferables: readonly unknown[]): T;
  /** Hardware threads (`os.availableParallelism()`, `navigator.hardwareConcurrency`): the pool size. */
  readonly parallelism?: number;
  /** False on a page without COOP/COEP: blocking sleeps fall back to a busy wait. */
  readonly crossOriginIsolated: boolean;
}

/** Thrown (as data) when a worker died before answering. */
export const WORKER_EXITED = 'WorkerExitedError';

/**
 * A Comlink call that also settles when the worker exits (Comlink never rejects pending calls).
 * @example const status = await callWorker(handle, (api) => api.run());
 */
export function callWorker<Api, R>(handle: WorkerHandle<Api>, call: (api: Remote<Api>) => Promise<R>): Promise<R> {
  let pending: Promise<R>;
  try {
    pending = call(handle.api);
  } catch (error) {
    return Promise.reject(error); // e.g. the proxy was released by terminate()
  }
  return Promise.race([
    pending,
    handle.exited.then(() => {
      const crash = handle.crashError?.();
      if (crash !== undefined) throw crash;
      const error = new Error('worker exited');
      error.name = WORKER_EXITED;
      throw error;
    }),
  ]);
}

// Error mapping lives in errorInfo.ts (worker code imports it without importing this file: no cycle).
export { toErrorInfo, withModuleLocation, setModuleLocator } from './errorInfo.ts';
