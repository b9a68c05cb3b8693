/**
 * Timers and cancellation without DOM or Node types (probed on `globalThis`).
 */

interface TimerGlobals {
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  setImmediate?: (fn: () => void) => unknown;
  MessageChannel?: new () => { port1: { onmessage: ((e: unknown) => void) | null }; port2: { postMessage(v: unknown): void } };
}
const g = globalThis as unknown as TimerGlobals;

/** Runs `fn` after `ms`; returns a function that cancels it. @example const stop = after(50, tick); */
export function after(ms: number, fn: () => void): () => void {
  if (!g.setTimeout) return () => undefined;
  const handle = g.setTimeout(fn, ms);
  return () => g.clearTimeout?.(handle);
}

/** Resolves after `ms` milliseconds. @example await delay(10); */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => after(ms, resolve));
}

let channel: { port1: { onmessage: ((e: unknown) => void) | null }; port2: { postMessage(v: unknown): void } } | null = null;
const pending: (() => void)[] = [];

/**
 * Resolves on the next macrotask, letting timers and messages (cancel requests) run between
 * long synchronous stretches of component steps.
 *
 * @example await macrotask();
 */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (g.setImmediate) {
      g.setImmediate(resolve);
      return;
    }
    if (g.MessageChannel) {
      if (!channel) {
        channel = new g.MessageChannel();
        channel.port1.onmessage = () => pending.shift()?.();
      }
      pending.push(resolve);
      channel.port2.postMessage(0);
      return;
    }
    after(0, resolve);
  });
}

/** A cancellation flag with listeners (structural stand-in for AbortSignal). */
export interface CancelSignal {
  readonly cancelled: boolean;
  /** Calls `fn` once on cancel (immediately if already cancelled). */
  onCancel(fn: () => void): void;
}

/** @example const c = createCancel(); runComponent(comp, wiring, { signal: c.signal }); c.cancel(); */
export function createCancel(): { signal: CancelSignal; cancel(): void } {
  let cancelled = false;
  const listeners: (() => void)[] = [];
  return {
    signal: {
      get cancelled() {
        return cancelled;
      },
      onCancel(fn) {
        if (cancelled) fn();
        else listeners.push(fn);
      },
    },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      for (const fn of listeners.splice(0)) fn();
    },
  };
}
