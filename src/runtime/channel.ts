/**
 * Channels: FIFO pipes with an out-of-band close (spec §4.1, Q17) and a capacity with backpressure.
 * Plugboard's queues are unbounded unless `maxsize` is set; here a channel starts bounded (memory
 * stays small when a fast source feeds a slow sink) and is *growable*: when a run would otherwise
 * deadlock only because a channel is full, the host grows it (Parks' bounded scheduling, see
 * docs/ARCHITECTURE.md). A `maxsize` channel is a hard bound and never grows.
 *
 * The component loop only depends on the two small interfaces {@link ChannelReceiver} and
 * {@link ChannelSender}, so a worker host can back them with MessagePorts. The optional synchronous
 * `tryRecv`/`trySend` fast paths let the in-memory channel move values without a promise per item.
 */

/** Out-of-band end-of-stream marker returned by `recv()` once a channel is closed and drained. */
export const CLOSED: unique symbol = Symbol('plugboard.channel.closed');
/** Returned by `tryRecv()` when nothing is queued yet (the channel is still open). */
export const EMPTY: unique symbol = Symbol('plugboard.channel.empty');

export type Closed = typeof CLOSED;
export type Empty = typeof EMPTY;

/**
 * Default capacity (items) of every in-memory channel. Large enough that a fast source moves
 * values in batches without a promise per item, small enough to bound memory.
 */
export const DEFAULT_CHANNEL_CAPACITY = 1024;

/**
 * The receiving end of a channel, as the component loop sees it.
 *
 * @example
 * const v = await receiver.recv(); if (v === CLOSED) return;
 */
export interface ChannelReceiver<T = unknown> {
  /** Next value, or CLOSED once the sender closed and every value before the close was received. */
  recv(): Promise<T | Closed>;
  /** Optional synchronous poll: next value, CLOSED, or EMPTY when nothing is queued. */
  tryRecv?(): T | Closed | Empty;
  /**
   * Optional: the receiver will never read again (its component closed). Senders blocked on a full
   * channel are released and later values are dropped, so upstream never deadlocks on a consumer
   * that stopped (Python's queues are unbounded, so upstream never notices either, spec §3.10).
   */
  detach?(): void;
}

/**
 * The sending end of a channel.
 *
 * @example
 * const p = sender.send(1); if (p) await p; sender.close();
 */
export interface ChannelSender<T = unknown> {
  /** Queues a value; returns a promise only when the caller must wait for space (backpressure). */
  send(value: T): Promise<void> | void;
  /** Marks the end of the stream (idempotent). Values sent before are still delivered. */
  close(): void;
}

type Waiter<T> = (value: T | Closed) => void;

/**
 * In-memory channel: a ring-buffered FIFO with a bounded capacity. `send` returns `undefined`
 * (no promise) while there is room; `recv` resolves synchronously-queued values without waiting.
 *
 * @example
 * const ch = new Channel<number>(2); ch.send(1); ch.close();
 * await ch.recv(); // 1
 * await ch.recv(); // CLOSED
 */
export interface ChannelOptions {
  /** May {@link Channel.grow} raise the capacity (false for a `maxsize` hard bound). Default false. */
  readonly growable?: boolean;
  /** Senders sharing the channel (fan-in): it closes once `close()` was called this many times. Default 1. */
  readonly senders?: number;
}

export class Channel<T = unknown> implements ChannelReceiver<T>, ChannelSender<T> {
  // Ring buffer: `count` values from `head`; grows by doubling (a blocked sender's value and
  // unbounded channels may exceed the capacity) and never shrinks while the channel is in use, so a
  // steady stream allocates nothing per value.
  private ring: (T | undefined)[] = new Array<T | undefined>(8).fill(undefined);
  private head = 0;
  private count = 0;
  private closed = false;
  private detached = false;
  private receiver: Waiter<T> | null = null;
  private senders: (() => void)[] = [];
  private openSenders: number;
  /** Values the channel holds before a sender must wait; raised by {@link grow}. */
  capacity: number;
  readonly growable: boolean;

  constructor(capacity: number = DEFAULT_CHANNEL_CAPACITY, options: ChannelOptions = {}) {
    this.capacity = capacity > 0 ? capacity : Infinity;
    this.growable = options.growable ?? false;
    this.openSenders = Math.max(1, options.senders ?? 1);
  }

  /** Senders waiting for room (each has its value queued already). */
  get blockedSenders(): number {
    return this.senders.length;
  }

  /**
   * Doubles the capacity and releases the senders that now fit. Called by a host on an artificial
   * deadlock (every component blocked, this channel full). No-op on an unbounded channel.
   */
  grow(): void {
    if (this.capacity === Infinity) return;
    this.capacity = Math.max(1, this.capacity * 2);
    while (this.senders.length > 0 && this.count - this.senders.length < this.capacity) this.senders.shift()!();
  }

  get size(): number {
    return this.count;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(value: T): Promise<void> | void {
    if (this.closed) throw new Error('Channel is closed');
    if (this.detached) return;
    const waiting = this.receiver;
    if (waiting !== null) {
      this.receiver = null;
      waiting(value);
      return;
    }
    let ring = this.ring;
    if (this.count === ring.length) ring = this.growRing();
    ring[(this.head + this.count) & (ring.length - 1)] = value;
    this.count++;
    // Over capacity: the value is queued, but the sender waits until a receiver makes room.
    if (this.count > this.capacity) return this.waitForRoom();
  }

  /**
   * Kept out of `send`: a closure there would make V8 allocate a context on every call (the
   * captured `this`), i.e. garbage per value.
   */
  private waitForRoom(): Promise<void> {
    return new Promise<void>((resolve) => this.senders.push(resolve));
  }

  /** Doubles the ring (its length stays a power of two), keeping the values in order. */
  private growRing(): (T | undefined)[] {
    const old = this.ring;
    const ring = new Array<T | undefined>(old.length * 2).fill(undefined);
    for (let i = 0; i < this.count; i++) ring[i] = old[(this.head + i) & (old.length - 1)];
    this.ring = ring;
    this.head = 0;
    return ring;
  }

  close(): void {
    if (this.closed) return;
    if (--this.openSenders > 0) return; // fan-in: the last sender closes
    this.closed = true;
    const waiting = this.receiver;
    if (waiting !== null && this.count === 0) {
      this.receiver = null;
      waiting(CLOSED);
    }
  }

  tryRecv(): T | Closed | Empty {
    if (this.count > 0) {
      const ring = this.ring;
      const value = ring[this.head] as T;
      ring[this.head] = undefined;
      this.head = (this.head + 1) & (ring.length - 1);
      this.count--;
      if (this.senders.length > 0 && this.count <= this.capacity) this.senders.shift()!();
      return value;
    }
    return this.closed ? CLOSED : EMPTY;
  }

  recv(): Promise<T | Closed> {
    const value = this.tryRecv();
    if (value !== EMPTY) return Promise.resolve(value);
    if (this.receiver !== null) throw new Error('Channel already has a pending recv()');
    return new Promise<T | Closed>((resolve) => {
      this.receiver = resolve;
    });
  }

  detach(): void {
    this.detached = true;
    this.ring = new Array<T | undefined>(8).fill(undefined);
    this.head = 0;
    this.count = 0;
    const senders = this.senders;
    this.senders = [];
    for (const release of senders) release();
  }
}

/**
 * A receiver that yields `initial` values first, then everything from `source` (spec §3.6).
 *
 * @example
 * const r = withInitialValues(channel, [0]); // first recv() gives 0 without touching channel
 */
export function withInitialValues<T>(source: ChannelReceiver<T>, initial: readonly T[]): ChannelReceiver<T> {
  if (initial.length === 0) return source;
  const queue = [...initial];
  const next = (): T | Closed | Empty => {
    if (queue.length > 0) return queue.shift() as T;
    return source.tryRecv ? source.tryRecv() : EMPTY;
  };
  return {
    tryRecv: next,
    recv: () => (queue.length > 0 ? Promise.resolve(queue.shift() as T) : source.recv()),
    detach: () => {
      queue.length = 0;
      source.detach?.();
    },
  };
}

/**
 * One sender of a fan-in channel shared by several connectors: `close` counts once, however often
 * it is called, so the channel closes when every connector's sender has closed.
 *
 * @example const ch = new Channel(64, { senders: 2 }); const a = shareSender(ch), b = shareSender(ch);
 */
export function shareSender<T>(channel: Channel<T>): ChannelSender<T> {
  let closed = false;
  return {
    send: (value) => {
      if (closed) throw new Error('Channel is closed');
      return channel.send(value);
    },
    close: () => {
      if (closed) return;
      closed = true;
      channel.close();
    },
  };
}

/**
 * Fan-in (spec §3.7) over receivers that cannot share one queue (e.g. ports from other threads):
 * one receiver that yields values from all `sources` and closes only when every source has
 * closed. No background forwarding: values stay in their source channels until read (polled in
 * turn; values that arrive while the component waits are taken in arrival order), so each source's
 * own capacity and backpressure stay visible to the host's deadlock rule and nothing is buffered
 * behind the receiver's back.
 *
 * @example
 * const field = mergeReceivers([fromA, fromB]);
 */
export function mergeReceivers<T>(sources: readonly ChannelReceiver<T>[]): ChannelReceiver<T> {
  if (sources.length === 1) return sources[0]!;
  const n = sources.length;
  const done = sources.map(() => false);
  const inflight = sources.map(() => false);
  let open = n;
  let next = 0;
  let buffer: T[] = [];
  let waiter: Waiter<T> | null = null;
  const tryRecv = (): T | Closed | Empty => {
    if (buffer.length > 0) return buffer.shift()!;
    for (let k = 0; k < n; k++) {
      const i = (next + k) % n;
      const source = sources[i]!;
      if (done[i] || inflight[i] || !source.tryRecv) continue;
      const value = source.tryRecv();
      if (value === EMPTY) continue;
      if (value === CLOSED) {
        done[i] = true;
        open--;
        continue;
      }
      next = (i + 1) % n;
      return value;
    }
    return open === 0 ? CLOSED : EMPTY;
  };
  const wake = (): void => {
    if (waiter === null) return;
    const value = tryRecv();
    if (value === EMPTY) return;
    const w = waiter;
    waiter = null;
    w(value);
  };
  return {
    tryRecv,
    recv: () => {
      const value = tryRecv();
      if (value !== EMPTY) return Promise.resolve(value);
      if (waiter !== null) throw new Error('Channel already has a pending recv()');
      for (let i = 0; i < n; i++) {
        if (done[i] || inflight[i]) continue;
        inflight[i] = true;
        void sources[i]!.recv().then((v) => {
          inflight[i] = false;
          if (v === CLOSED) {
            if (!done[i]) open--;
            done[i] = true;
          } else buffer.push(v);
          wake();
        });
      }
      return new Promise<T | Closed>((resolve) => (waiter = resolve));
    },
    detach: () => {
      buffer = [];
      for (const source of sources) source.detach?.();
    },
  };
}
