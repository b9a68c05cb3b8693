/**
 * What a host needs from its platform (browser module workers or Node `worker_threads`). The host
 * logic in `src/host` is written once against this; `app/runner/startRun.ts` and
 * `src/node/spawnWorker.node.ts` bind it.
 */
import type { ErrorInfo } from '../protocol/events.ts';
import { toErrorInfo as runtimeErrorInfo } from '../runtime/errors.ts';
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

/**
 * Plain-data view of anything thrown (custom error classes do not survive structured clone). A
 * step failure (`ComponentStepError`) reports its cause's name, message and stack, as LocalProcess.
 * @example toErrorInfo(new TypeError('x'), 'b') // { name: 'TypeError', message: 'x', stack, component: 'b' }
 */
export function toErrorInfo(error: unknown, component?: string): ErrorInfo {
  const e = error as { name?: unknown; cause?: unknown } | null;
  const inner = e && e.name === 'ComponentStepError' && e.cause !== undefined ? e.cause : error;
  return withModuleLocation(runtimeErrorInfo(inner, component));
}

/**
 * Adds the user-module source location (file, line, column of the TypeScript) and maps the stack,
 * for modules loaded in this thread. Must run in the worker that evaluated the modules.
 * @example withModuleLocation(result.error)
 */
export function withModuleLocation(info: ErrorInfo): ErrorInfo {
  if (!info.stack || info.file !== undefined || !locator) return info;
  const where = locator.locate({ stack: info.stack });
  return { ...info, stack: locator.mapStack(info.stack), ...(where ? { file: where.file, line: where.line, column: where.column } : {}) };
}

interface ModuleLocator {
  locate(error: unknown): { file: string; line: number; column: number } | undefined;
  mapStack(stack: string): string;
}
let locator: ModuleLocator | undefined;

/** Set once user modules are loaded in this thread (keeps the module compiler out of other workers). */
export function setModuleLocator(value: ModuleLocator): void {
  locator = value;
}
