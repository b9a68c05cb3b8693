/**
 * Channels: FIFO pipes with an out-of-band close (spec §4.1, Q17) and a bounded capacity with
 * backpressure (a deliberate deviation from Python's unbounded queues, spec §4.2).
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
  readonly capacity: number;

  constructor(capacity: number = DEFAULT_CHANNEL_CAPACITY) {
    this.capacity = capacity > 0 ? capacity : Infinity;
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
    if (this.count === ring.length) ring = this.grow();
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
  private grow(): (T | undefined)[] {
    const old = this.ring;
    const ring = new Array<T | undefined>(old.length * 2).fill(undefined);
    for (let i = 0; i < this.count; i++) ring[i] = old[(this.head + i) & (old.length - 1)];
    this.ring = ring;
    this.head = 0;
    return ring;
  }

  close(): void {
    if (this.closed) return;
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
 * Fan-in (spec §3.7): one receiver that yields values from all `sources` in arrival order and
 * closes only when every source has closed. Forwarding runs in background tasks, as in Python.
 *
 * @example
 * const field = mergeReceivers([fromA, fromB], 100);
 */
export function mergeReceivers<T>(sources: readonly ChannelReceiver<T>[], capacity = DEFAULT_CHANNEL_CAPACITY): ChannelReceiver<T> {
  if (sources.length === 1) return sources[0]!;
  const merged = new Channel<T>(capacity);
  let open = sources.length;
  const forward = async (source: ChannelReceiver<T>): Promise<void> => {
    for (;;) {
      let value = source.tryRecv ? source.tryRecv() : EMPTY;
      if (value === EMPTY) value = await source.recv();
      if (value === CLOSED) break;
      const wait = merged.send(value);
      if (wait) await wait;
    }
    if (--open === 0) merged.close();
  };
  for (const source of sources) void forward(source);
  return {
    recv: () => merged.recv(),
    tryRecv: () => merged.tryRecv(),
    detach: () => {
      merged.detach();
      for (const source of sources) source.detach?.();
    },
  };
}
