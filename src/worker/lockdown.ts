// Imported first by every worker entry that runs user code, so it runs before any module does.
// Defence in depth under the worker's Content-Security-Policy (connect-src 'none', see vite.config.ts):
// user components compute; they do not talk to the network, store data in the browser, start more
// workers, or message other tabs. The worker keeps what the runtime needs: postMessage, MessagePort,
// Atomics, SharedArrayBuffer, timers.

import { captureFetch, currentAssetFetch } from '../lib/assetFetch.ts';

/** Globals user code must not reach in a worker, with why. */
export const LOCKED_GLOBALS: readonly string[] = [
  // network
  'fetch', 'fetchLater', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'WebTransport', 'EventSource', 'RTCPeerConnection', 'RTCDataChannel',
  // code from elsewhere
  'importScripts', 'Worker', 'SharedWorker',
  // storage in the browser
  'indexedDB', 'caches', 'CacheStorage', 'IDBFactory', 'FileSystemHandle', 'FileSystemDirectoryHandle', 'FileSystemFileHandle', 'FileSystemSyncAccessHandle',
  // other tabs (the page's own tab-to-tab messages)
  'BroadcastChannel',
];

/** Navigator members that reach storage or other tabs (`navigator.storage.getDirectory()`, locks). */
export const LOCKED_NAVIGATOR: readonly string[] = ['storage', 'locks', 'serviceWorker', 'sendBeacon'];

/**
 * Removes `name` from `target` and its prototype chain, then pins it to `undefined` — or, for
 * `fetch`, to a getter that is `undefined` except while the app loads its own runtime files
 * (Pyodide, `src/lib/assetFetch.ts`), when it is a fetch restricted to those files.
 */
function remove(target: object, name: string): void {
  if (name === 'fetch') {
    const real = (target as { fetch?: unknown }).fetch;
    if (typeof real === 'function') captureFetch(real.bind(target) as Parameters<typeof captureFetch>[0]);
  }
  for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d?.configurable) Reflect.deleteProperty(o, name);
  }
  try {
    const pin = name === 'fetch' ? { get: currentAssetFetch } : { value: undefined, writable: false };
    Object.defineProperty(target, name, { ...pin, enumerable: false, configurable: false });
  } catch {
    // A non-configurable own property that could not be deleted: nothing more to do.
  }
}

/**
 * Takes network, storage and worker-spawning globals away from `scope` (a worker's global object).
 * Returns the names it found and removed. Idempotent.
 * @example lockDownWorkerGlobals(globalThis) // ['fetch', 'XMLHttpRequest', ...]
 */
export function lockDownWorkerGlobals(scope: object): string[] {
  const removed: string[] = [];
  for (const name of LOCKED_GLOBALS) {
    if (name in scope && (scope as Record<string, unknown>)[name] !== undefined) removed.push(name);
    remove(scope, name);
  }
  const navigator = (scope as { navigator?: object }).navigator;
  if (navigator) {
    for (const name of LOCKED_NAVIGATOR) {
      if (name in navigator) removed.push(`navigator.${name}`);
      remove(navigator, name);
    }
  }
  return removed;
}

// Only in a worker: Node runs these modules too (tests, CLI), where globals stay as they are.
const workerScope = globalThis as { WorkerGlobalScope?: unknown; importScripts?: unknown };
if (typeof workerScope.WorkerGlobalScope === 'function' && globalThis instanceof (workerScope.WorkerGlobalScope as new () => object)) {
  lockDownWorkerGlobals(globalThis);
}
