/**
 * Minimal structural view of a `MessagePort` (DOM or `node:worker_threads`). `src/` has neither DOM
 * nor Node types, so everything that touches a port goes through this interface.
 */
export interface PortMessageEvent {
  readonly data: unknown;
}

export interface PortLike {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  addEventListener(type: 'message', listener: (event: PortMessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: PortMessageEvent) => void): void;
  /** DOM ports queue messages until `start()` (implicit with `onmessage`, explicit with listeners). */
  start?(): void;
  close(): void;
}

/** A `MessageChannel`-like pair; each platform binds `createChannel` to its own constructor. */
export interface PortPair {
  readonly port1: PortLike;
  readonly port2: PortLike;
}

interface TimerGlobals {
  setTimeout(fn: () => void, ms: number): unknown;
}

/**
 * Runs `fn` after `ms` milliseconds (0 → as soon as the event loop turns).
 * @example scheduleAfter(1, () => flush())
 */
export function scheduleAfter(ms: number, fn: () => void): void {
  (globalThis as unknown as TimerGlobals).setTimeout(fn, Math.max(0, ms));
}
