/**
 * Node binding of the worker hosts: spawns TypeScript worker entries on `worker_threads` (through the
 * tsx bootstrap `tsWorker.mjs`) and wraps them with Comlink's Node adapter.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PortLike, PortPair } from '../host/PortLike.ts';
import type { Platform, WorkerHandle } from '../host/platform.ts';
import { bundledWorkerEntry } from './bundleWorker.node.ts';

const bootstrap = new URL('./tsWorker.mjs', import.meta.url);
const live = new Set<Worker>();

/** Number of worker threads spawned by this module that have not exited yet (tests assert 0). */
export function liveWorkerCount(): number {
  return live.size;
}

/** Resolves once every spawned worker has exited. */
export async function allWorkersExited(): Promise<void> {
  while (live.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * @example const w = spawnNodeWorker<Api>(new URL('./componentWorker.node.ts', import.meta.url), 'a');
 */
export function spawnNodeWorker<Api>(entry: URL, name: string): WorkerHandle<Api> {
  const bundled = bundledWorkerEntry(entry);
  // PLUGBOARD_WORKER_EXECARGV='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles every worker.
  const execArgv = process.env.PLUGBOARD_WORKER_EXECARGV?.split(' ').filter(Boolean);
  const options = { name, ...(execArgv ? { execArgv } : {}) };
  const worker = bundled ? new Worker(bundled, options) : new Worker(bootstrap, { ...options, workerData: { entry: entry.href } });
  live.add(worker);
  let terminating = false;
  const exit = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      terminating = true;
      live.delete(worker);
      resolve();
    });
  });
  // An uncaught error inside the worker ends it; the host sees the exit and rejects pending calls.
  let crash: unknown;
  worker.on('error', (error) => (crash = error));
  const api = Comlink.wrap<Api>(nodeEndpoint(worker));
  return {
    api: api as unknown as WorkerHandle<Api>['api'],
    exited: exit,
    crashError: () => crash,
    terminate() {
      if (terminating) return exit;
      terminating = true;
      (api as unknown as { [Comlink.releaseProxy]?: () => void })[Comlink.releaseProxy]?.();
      void worker.terminate();
      return exit;
    },
  };
}

const nodeChannel = (): PortPair => {
  const { port1, port2 } = new MessageChannel();
  return { port1: port1 as unknown as PortLike, port2: port2 as unknown as PortLike };
};

/** The worker_threads platform; `entries` point at the two worker entry files. */
export const nodePlatform: Platform = {
  spawnComponentWorker: (name) => spawnNodeWorker(new URL('./componentWorker.node.ts', import.meta.url), `component:${name}`),
  spawnLocalWorker: () => spawnNodeWorker(new URL('./localWorker.node.ts', import.meta.url), 'local'),
  createChannel: nodeChannel,
  transfer: (value, transferables) => Comlink.transfer(value, transferables as never[]),
  crossOriginIsolated: true,
  parallelism: availableParallelism(),
};
