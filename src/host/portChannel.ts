/**
 * A channel whose two ends live in different threads, connected by one `MessagePort` pair.
 *
 * - FIFO, with an out-of-band close message (no magic close value, spec Q17).
 * - Bounded capacity with credit-based backpressure: the sender starts with `capacity` credits and
 *   spends one per value; the receiver returns credits in chunks of ⌈capacity/4⌉ as it consumes.
 *   A sender with no credit waits (its `send` promise stays pending), never drops.
 * - Batching: a value is posted at once when the stream is sparse (nothing was posted during the
 *   last `flushIntervalMs`); when the producer is ahead, values accumulate and go out as one batch
 *   per interval (or every `maxBatch` values). All-number batches travel as a transferred
 *   `Int32Array` (all 32-bit integers, no -0: read back without boxing) or `Float64Array` buffer.
 *   So latency stays about one interval and throughput is not bound by the per-message cost.
 * - Point to point: fan-out is one channel per connector, fan-in is merged by the receiving
 *   component (spec 3.7), both above this layer.
 */
import { now } from '../lib/clock.ts';
import { CLOSED, EMPTY, type ChannelReceiver, type ChannelSender, type Closed, type Empty } from '../runtime/channel.ts';
import { type PortLike, type PortMessageEvent, scheduleAfter } from './PortLike.ts';

/** Wire format on a data port (versioned by `DATA_PROTOCOL`). */
export type DataMessage =
  | { readonly k: 'v'; readonly v: readonly unknown[] }
  | { readonly k: 'f'; readonly b: ArrayBuffer }
  | { readonly k: 'i'; readonly b: ArrayBuffer }
  | { readonly k: 'c' }
  | { readonly k: 'cr'; readonly n: number }
  /** The receiver will never read again: the sender drops later values instead of blocking. */
  | { readonly k: 'd' }
  /** Sender → receiver: out of credit with a value waiting (the receiver may grant more, see `grant`). */
  | { readonly k: 'b' }
  /** Sender → receiver: marker `n` (see `PortSender.mark`); every value sent before it has arrived. */
  | { readonly k: 'm'; readonly n: number };

export const DATA_PROTOCOL = 4;

export interface PortChannelOptions {
  /** Values the sender may have outstanding; `Infinity` = unbounded (no credit messages). */
  readonly capacity?: number;
  readonly maxBatch?: number;
  readonly flushIntervalMs?: number;
  /** Error thrown by `send` after close. */
  readonly closedError?: () => Error;
  /**
   * May the channel grow beyond `capacity` on an artificial deadlock (`grant`/`grow`)? False for
   * Plugboard's `maxsize` hard bound. Default true.
   */
  readonly growable?: boolean;
  /** Receiver side: called when the sender reports it is out of credit with a value waiting. */
  readonly onSenderBlocked?: () => void;
  /** Receiver side: called when a marker arrives (`PortReceiver.marked`) and when the stream ends. */
  readonly onMarker?: () => void;
}

export const DEFAULT_CAPACITY = 4096;
const DEFAULT_MAX_BATCH = 2048;
const DEFAULT_FLUSH_MS = 1;

function defaultClosedError(): Error {
  const error = new Error('channel closed');
  error.name = 'ChannelClosedError';
  return error;
}

export interface PortSender extends ChannelSender {
  /** Returns `undefined` while there is credit, else a promise that resolves once queued. */
  send(value: unknown): Promise<void> | void;
  /** Posts everything queued now (e.g. at the end of a step). */
  flush(): void;
  /** Flushes, then sends the close marker. Idempotent. */
  close(): void;
  /**
   * Flushes, then sends marker `n` behind the values (ports are FIFO): once the receiver's
   * `marked` reaches `n`, every value sent before it is in the receiver. Nothing is sent after
   * the close marker or to a detached receiver (the receiver has ended then).
   */
  mark(n: number): void;
  readonly isClosed: boolean;
  /** A value waits for credit. */
  readonly isBlocked: boolean;
  /** Current capacity (credits granted in total beyond the values read). */
  readonly capacity: number;
  /** Doubles the capacity (extra credit) when growable; true if a blocked value could go on. */
  grow(): boolean;
}

export interface PortReceiver extends ChannelReceiver {
  /** The next value, or CLOSED once the sender closed and every value before the close was read. */
  recv(): Promise<unknown>;
  tryRecv(): unknown;
  /** The component will never read again: tells the sender to drop values, releases the port. */
  detach(): void;
  readonly isClosed: boolean;
  /** The sender reported it is out of credit and no credit was returned since. */
  readonly senderBlocked: boolean;
  /** Current capacity (values the sender may have outstanding). */
  readonly capacity: number;
  /** The last marker that arrived (`PortSender.mark`), -1 before any. */
  readonly marked: number;
  /** The sender closed (or this end detached): no marker will come. */
  readonly isEnded: boolean;
  /**
   * Grants the sender `capacity` extra credit (the capacity doubles) when the channel is growable
   * and the sender is blocked: the receiver's component waits for another input while this one is
   * full (Geilen & Basten's local rule). Returns true if credit was granted.
   */
  grant(): boolean;
}

const NO_VALUES: readonly unknown[] = [];

function creditChunk(capacity: number): number {
  return Math.max(1, Math.ceil(capacity / 4));
}

/** Small integers (and not -0): read back from an Int32Array they are unboxed (no allocation per value). */
const isInt32 = (v: number): boolean => (v | 0) === v && (v !== 0 || 1 / v > 0);

function encodeBatch(values: unknown[]): { message: DataMessage; transfer: unknown[] } {
  const n = values.length;
  if (n >= 8 && typeof values[0] === 'number') {
    // One pass while every value is a 32-bit integer, then (if needed) one as float64.
    const ints = new Int32Array(n);
    let i = 0;
    for (; i < n; i++) {
      const v = values[i];
      if (typeof v !== 'number' || !isInt32(v)) break;
      ints[i] = v;
    }
    if (i === n) return { message: { k: 'i', b: ints.buffer }, transfer: [ints.buffer] };
    if (typeof values[i] === 'number') {
      const array = new Float64Array(n);
      for (i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== 'number') break;
        array[i] = v;
      }
      if (i === n) return { message: { k: 'f', b: array.buffer }, transfer: [array.buffer] };
    }
  }
  return { message: { k: 'v', v: values }, transfer: [] };
}

/** Most values queued between two clock reads while a batch fills (see `enqueue`). */
const MAX_CLOCK_STRIDE = 64;

/**
 * The sending end. Takes ownership of `port`.
 * @example const tx = createPortSender(port1, { capacity: 64 }); tx.send(1); tx.close();
 */
export function createPortSender(port: PortLike, options: PortChannelOptions = {}): PortSender {
  let capacity = options.capacity ?? DEFAULT_CAPACITY;
  const growable = options.growable ?? true;
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const interval = options.flushIntervalMs ?? DEFAULT_FLUSH_MS;
  const closedError = options.closedError ?? defaultClosedError;
  let credits = capacity;
  let outbox: unknown[] = [];
  let blocked: { value: unknown; resolve: () => void }[] = [];
  let lastFlush = -Infinity;
  // Clock reads while a batch fills: every `stride` values, doubled while values come much faster
  // than the interval, so a fast producer does not read the clock per value.
  let stride = 1;
  let nextClock = 1;
  let lastClock = -Infinity;
  let checkQueued = false;
  let timerSet = false;
  let closed = false;
  let closeSent = false;
  let detached = false;

  const flush = (): void => {
    if (outbox.length === 0 || detached) return;
    const { message, transfer } = encodeBatch(outbox);
    outbox = [];
    lastFlush = now();
    port.postMessage(message, transfer);
  };
  const check = (): void => {
    checkQueued = false;
    if (outbox.length === 0) return;
    const wait = lastFlush + interval - now();
    if (wait <= 0) return flush();
    if (timerSet) return;
    timerSet = true;
    scheduleAfter(wait, () => {
      timerSet = false;
      flush();
    });
  };
  const enqueue = (value: unknown): void => {
    credits--;
    const n = outbox.push(value);
    // Post now when the stream is sparse; otherwise batch. Checked synchronously: the component
    // loop does not yield between steps while its inputs are buffered, and the next step may block
    // (hosts also flush before `Atomics.wait`, see flushBeforeBlocking).
    if (n >= maxBatch) return flush();
    if (n === 1 || n >= nextClock) {
      const t = now();
      if (t - lastFlush >= interval) return flush();
      stride = n > 1 && (t - lastClock) * 4 < interval ? Math.min(MAX_CLOCK_STRIDE, stride * 2) : 1;
      lastClock = t;
      nextClock = n + stride;
    }
    if (!checkQueued) {
      checkQueued = true;
      void Promise.resolve().then(check);
    }
  };
  const finishClose = (): void => {
    if (closeSent) return;
    closeSent = true;
    flush();
    if (!detached) port.postMessage({ k: 'c' } satisfies DataMessage);
  };
  const release = (): void => {
    const waiting = blocked;
    blocked = [];
    for (const w of waiting) w.resolve();
  };
  const onMessage = (event: PortMessageEvent): void => {
    const message = event.data as DataMessage;
    if (message.k === 'd') {
      detached = true;
      outbox = [];
      release();
      port.removeEventListener('message', onMessage);
      return;
    }
    if (message.k !== 'cr') return;
    addCredit(message.n);
  };
  const addCredit = (n: number): void => {
    credits += n;
    while (credits > 0 && blocked.length > 0) {
      const next = blocked.shift()!;
      enqueue(next.value);
      next.resolve();
    }
    if (blocked.length > 0) port.postMessage({ k: 'b' } satisfies DataMessage); // still out of credit
    if (closed && blocked.length === 0) finishClose();
  };
  // Not inline in `send`: a closure capturing `value` there would allocate a context per value.
  const waitForCredit = (value: unknown): Promise<void> => {
    flush();
    if (blocked.length === 0) port.postMessage({ k: 'b' } satisfies DataMessage);
    return new Promise<void>((resolve) => blocked.push({ value, resolve }));
  };
  port.addEventListener('message', onMessage);
  port.start?.();

  return {
    send(value) {
      if (closed) throw closedError();
      if (detached) return;
      if (credits > 0 && blocked.length === 0) return enqueue(value);
      return waitForCredit(value);
    },
    flush,
    mark(n) {
      flush();
      if (!detached && !closeSent) port.postMessage({ k: 'm', n } satisfies DataMessage);
    },
    close() {
      if (closed) return;
      closed = true;
      // Values still waiting for credit are delivered before the close marker.
      if (blocked.length === 0) finishClose();
      else flush();
    },
    get isClosed() {
      return closed;
    },
    get isBlocked() {
      return blocked.length > 0;
    },
    get capacity() {
      return capacity;
    },
    grow() {
      if (!growable || capacity === Infinity || blocked.length === 0 || detached) return false;
      const extra = capacity;
      capacity += extra;
      addCredit(extra);
      return true;
    },
  };
}

/**
 * The receiving end. Takes ownership of `port` and closes it when the stream ends.
 * @example const rx = createPortReceiver(port2, { capacity: 64 }); const v = await rx.recv();
 */
export function createPortReceiver(port: PortLike, options: PortChannelOptions = {}): PortReceiver {
  let capacity = options.capacity ?? DEFAULT_CAPACITY;
  const growable = options.growable ?? true;
  const chunk = creditChunk(capacity);
  let senderBlocked = false;
  // Received batches are read in place (no copy into one array): `current` is being read at
  // `index`; later batches wait in `queue` from `queueHead`.
  let current: ArrayLike<unknown> = NO_VALUES;
  let index = 0;
  let queue: ArrayLike<unknown>[] = [];
  let queueHead = 0;
  let unreported = 0;
  let ended = false;
  let marked = -1;
  let waiter: ((value: unknown) => void) | undefined;

  const take = (): unknown => {
    const value = current[index++];
    if (index >= current.length) {
      if (queueHead < queue.length) {
        current = queue[queueHead]!;
        queue[queueHead++] = NO_VALUES;
        if (queueHead === queue.length) {
          queue = [];
          queueHead = 0;
        }
      } else current = NO_VALUES;
      index = 0;
    }
    if (capacity !== Infinity && ++unreported >= chunk && !ended) {
      port.postMessage({ k: 'cr', n: unreported } satisfies DataMessage);
      unreported = 0;
      senderBlocked = false;
    }
    return value;
  };
  const append = (values: ArrayLike<unknown>): void => {
    if (values.length === 0) return;
    if (index >= current.length) {
      current = values;
      index = 0;
    } else queue.push(values);
  };
  const end = (): void => {
    ended = true;
    port.removeEventListener('message', onMessage);
    port.close();
  };
  const tryRecv = (): unknown => {
    if (index < current.length) return take();
    return ended ? CLOSED : EMPTY;
  };
  const onMessage = (event: PortMessageEvent): void => {
    const message = event.data as DataMessage;
    switch (message.k) {
      case 'v':
        append(message.v);
        break;
      case 'f':
        append(new Float64Array(message.b));
        break;
      case 'i':
        append(new Int32Array(message.b));
        break;
      case 'c':
        end();
        options.onMarker?.();
        break;
      case 'm':
        marked = message.n;
        options.onMarker?.();
        return;
      case 'b':
        senderBlocked = true;
        options.onSenderBlocked?.();
        return;
      case 'cr':
      case 'd':
        return;
    }
    if (!waiter) return;
    const value = tryRecv();
    if (value === EMPTY) return;
    const w = waiter;
    waiter = undefined;
    w(value);
  };
  port.addEventListener('message', onMessage);
  port.start?.();

  return {
    recv(): Promise<unknown> {
      const value = tryRecv();
      if (value !== EMPTY) return Promise.resolve(value);
      if (waiter) throw new Error('Port channel already has a pending recv()');
      return new Promise((resolve) => {
        waiter = resolve;
      });
    },
    tryRecv,
    detach() {
      if (!ended) {
        port.postMessage({ k: 'd' } satisfies DataMessage);
        current = NO_VALUES;
        index = 0;
        queue = [];
        queueHead = 0;
        end();
      }
      const w = waiter;
      waiter = undefined;
      w?.(CLOSED);
    },
    get isClosed() {
      return ended && index >= current.length;
    },
    get senderBlocked() {
      return senderBlocked && !ended;
    },
    get capacity() {
      return capacity;
    },
    get marked() {
      return marked;
    },
    get isEnded() {
      return ended;
    },
    grant() {
      if (!growable || !senderBlocked || ended || capacity === Infinity) return false;
      const extra = capacity;
      capacity += extra;
      senderBlocked = false;
      port.postMessage({ k: 'cr', n: extra } satisfies DataMessage);
      return true;
    },
  };
}

export type { Closed, Empty };

/**
 * Makes `Atomics.wait` (what `blockingSleep` blocks in) flush `flushAll()` first, so values batched
 * by a fast producer are not held back for the whole time its next step blocks (`flushAll` gets the
 * wait's timeout in ms). For worker threads
 * that run components; returns a function that restores the original.
 * @example const restore = flushBeforeBlocking(() => senders.forEach((s) => s.flush()));
 */
export function flushBeforeBlocking(flushAll: (timeoutMs: number) => void): () => void {
  const atomics = Atomics as { wait: typeof Atomics.wait };
  const original = atomics.wait;
  atomics.wait = function (this: unknown, ...args: Parameters<typeof Atomics.wait>) {
    flushAll(args[3] ?? Infinity);
    return original.apply(Atomics, args);
  } as typeof Atomics.wait;
  return () => {
    atomics.wait = original;
  };
}
