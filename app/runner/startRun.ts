/**
 * Browser entry for running a model in Web Workers (issue 3). The editor only calls `startRun`.
 * - mode 'local' → one module worker runs the whole LocalProcess;
 * - mode 'parallel' (RayProcess / RayConnector / ZMQConnector in the YAML, or `request.mode`) →
 *   a pool of module workers, each running a group of components (placement plan), data flowing
 *   worker-to-worker over MessagePorts.
 * Needs COOP/COEP (cross-origin isolation) for `Atomics.wait`; otherwise a one-time warning is
 * emitted and blocking components busy-wait.
 */
import * as Comlink from 'comlink';
import type { StartRun } from '../../src/protocol/run.ts';
import type { PortPair } from '../../src/host/PortLike.ts';
import type { Platform, WorkerHandle } from '../../src/host/platform.ts';
import { createStartRun } from '../../src/host/startRun.ts';
import type { HostOptions } from '../../src/host/runParallel.ts';

// Structural declarations instead of DOM types, so this file also type-checks where it is imported
// from Node-side code (the Chromium benchmark page). At run time these are the browser globals.
interface WorkerLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  addEventListener(type: string, listener: (event: never) => void): void;
  removeEventListener(type: string, listener: (event: never) => void): void;
  terminate(): void;
}
declare const Worker: new (url: URL, options: { type: 'module'; name?: string }) => WorkerLike;
declare const MessageChannel: new () => PortPair;

let live = 0;

/** Workers started by the runner that have not been terminated yet (e2e/bench check it is 0). */
export function liveWorkerCount(): number {
  return live;
}

function wrap<Api>(worker: WorkerLike): WorkerHandle<Api> {
  live++;
  let exited = false;
  let crash: unknown;
  let markExited: () => void = () => undefined;
  const exit = new Promise<void>((resolve) => (markExited = resolve));
  const api = Comlink.wrap<Api>(worker as unknown as Parameters<typeof Comlink.wrap>[0]);
  const terminate = (): Promise<void> => {
    if (!exited) {
      exited = true;
      live--;
      api[Comlink.releaseProxy]();
      worker.terminate(); // immediate, even inside a synchronous loop
      markExited();
    }
    return exit;
  };
  // A worker script that fails to load, or an error escaping the worker's top level: browsers do
  // not end the worker, and Comlink calls would wait forever, so fail the calls and end it.
  worker.addEventListener('error', ((event: { message?: string; preventDefault?: () => void }) => {
    event.preventDefault?.();
    const error = new Error(event.message || 'The worker failed to start (see the browser console)');
    error.name = 'WorkerError';
    crash = error;
    void terminate();
  }) as (event: never) => void);
  return {
    api: api as unknown as WorkerHandle<Api>['api'],
    exited: exit,
    crashError: () => crash,
    terminate,
  };
}

/** The browser platform of the worker hosts. */
export const browserPlatform: Platform = {
  spawnComponentWorker: (component) =>
    wrap(new Worker(new URL('../../src/worker/component.worker.ts', import.meta.url), { type: 'module', name: `component:${component}` })),
  spawnLocalWorker: () => wrap(new Worker(new URL('../../src/worker/local.worker.ts', import.meta.url), { type: 'module', name: 'local' })),
  createChannel: () => new MessageChannel(),
  transfer: (value, transferables) => Comlink.transfer(value, transferables as Parameters<typeof Comlink.transfer>[1]),
  crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
};

/** Same as `startRun`, with host options (benchmarks switch per-step events off). */
export function createBrowserStartRun(options: HostOptions = {}): StartRun {
  return createStartRun(browserPlatform, options);
}

export const startRun: StartRun = createStartRun(browserPlatform);
