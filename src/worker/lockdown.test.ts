import { describe, expect, it } from 'vitest';
import { lockDownWorkerGlobals } from './lockdown.ts';
import { withAssetFetch } from '../lib/assetFetch.ts';

/** A stand-in for a worker global: WebIDL puts operations and accessors on prototypes, interfaces on the global. */
function fakeWorkerScope() {
  class WorkerGlobalScope {
    fetch() {
      return 'network';
    }
    get indexedDB() {
      return { open: () => 'db' };
    }
    postMessage(m: unknown) {
      return m;
    }
  }
  class WorkerNavigator {
    get storage() {
      return { getDirectory: () => 'opfs' };
    }
    get hardwareConcurrency() {
      return 2;
    }
  }
  const scope = Object.assign(new WorkerGlobalScope(), {
    XMLHttpRequest: class {},
    WebSocket: class {},
    Worker: class {},
    BroadcastChannel: class {},
    navigator: new WorkerNavigator(),
    Atomics,
  });
  return scope as typeof scope & Record<string, unknown>;
}

describe('worker lockdown (issue 11 item 3)', () => {
  it('takes network, storage, worker and tab-messaging globals away, from prototypes too', () => {
    const scope = fakeWorkerScope();
    const removed = lockDownWorkerGlobals(scope);
    expect(removed).toEqual(expect.arrayContaining(['fetch', 'XMLHttpRequest', 'WebSocket', 'Worker', 'indexedDB', 'BroadcastChannel', 'navigator.storage']));
    for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'Worker', 'indexedDB', 'BroadcastChannel', 'caches', 'EventSource']) expect(scope[name], name).toBeUndefined();
    expect((scope.navigator as unknown as Record<string, unknown>)['storage']).toBeUndefined();
    // Pinned: user code cannot put them back.
    expect(() => Object.defineProperty(scope, 'fetch', { value: () => 'again' })).toThrow();
    expect(scope['fetch']).toBeUndefined();
  });

  it("lets fetch GET only the app's own Pyodide files, and only while they load", async () => {
    const scope = fakeWorkerScope();
    lockDownWorkerGlobals(scope);
    const prefix = 'http://localhost:4173/pyodide/';
    await withAssetFetch(prefix, async () => {
      const f = scope['fetch'] as unknown as (url: string) => Promise<unknown>;
      expect(await f('pyodide.asm.wasm')).toBe('network');
      await expect(f('https://attacker.example/x')).rejects.toThrow(/not available to components/);
      await expect(f('http://localhost:4173/other.js')).rejects.toThrow(/not available to components/);
    });
    expect(scope['fetch']).toBeUndefined();
  });

  it('keeps what the runtime needs', () => {
    const scope = fakeWorkerScope();
    lockDownWorkerGlobals(scope);
    expect(scope.postMessage('x')).toBe('x');
    expect(scope.Atomics).toBe(Atomics);
    expect(scope.navigator.hardwareConcurrency).toBe(2);
  });

  it('does nothing to Node when imported (only worker globals are locked)', () => {
    expect(typeof globalThis.fetch).toBe('function');
  });
});
