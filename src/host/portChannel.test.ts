import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { PortLike } from './PortLike.ts';
import { CLOSED, mergeReceivers } from '../runtime/channel.ts';
import { createPortReceiver, createPortSender, flushBeforeBlocking, type PortChannelOptions } from './portChannel.ts';

function pair(options: PortChannelOptions = {}) {
  const { port1, port2 } = new MessageChannel();
  return {
    tx: createPortSender(port1 as unknown as PortLike, options),
    rx: createPortReceiver(port2 as unknown as PortLike, options),
  };
}

async function drain(rx: { recv(): Promise<unknown> }): Promise<unknown[]> {
  const out: unknown[] = [];
  for (;;) {
    const v = await rx.recv();
    if (v === CLOSED) return out;
    out.push(v);
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('port channel', () => {
  it('a marker arrives behind every value sent before it, batched or not; none after the close', async () => {
    let markers = 0;
    const { port1, port2 } = new MessageChannel();
    const tx = createPortSender(port1 as unknown as PortLike, { flushIntervalMs: 50 });
    const rx = createPortReceiver(port2 as unknown as PortLike, { onMarker: () => markers++ });
    expect(rx.marked).toBe(-1);
    for (let i = 0; i < 100; i++) void tx.send(i); // held in the 50 ms batch
    tx.mark(1);
    await new Promise<void>((resolve) => {
      const poll = () => (rx.marked === 1 ? resolve() : setTimeout(poll, 1));
      poll();
    });
    // The marker came 45 ms before the batch interval would have sent the values: they are all here.
    const got: unknown[] = [];
    for (let v = rx.tryRecv(); typeof v === 'number'; v = rx.tryRecv()) got.push(v);
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(markers).toBe(1);
    tx.close();
    tx.mark(2);
    expect(await rx.recv()).toBe(CLOSED);
    await tick();
    expect(rx.marked).toBe(1);
    expect(rx.isEnded).toBe(true);
    expect(markers).toBe(2); // the end counts: a barrier stops waiting for this port
  });

  it('delivers values in order, then the close, across batches of mixed types', async () => {
    const { tx, rx } = pair({ capacity: 64, maxBatch: 16 });
    const values: unknown[] = [];
    for (let i = 0; i < 5000; i++) values.push(i % 7 === 0 ? { i, s: `v${i}` } : i % 11 === 0 ? null : i * 0.5);
    const received = drain(rx);
    for (const v of values) await tx.send(v);
    tx.close();
    expect(await received).toEqual(values);
    expect(await rx.recv()).toBe(CLOSED);
  });

  it('keeps -0, NaN and large numeric batches intact (Float64 transfer path)', async () => {
    const { tx, rx } = pair({ capacity: Infinity });
    const values = Array.from({ length: 3000 }, (_, i) => (i === 5 ? -0 : i === 6 ? NaN : i / 3));
    for (const v of values) void tx.send(v);
    tx.close();
    const got = await drain(rx);
    expect(got).toHaveLength(values.length);
    expect(Object.is(got[5], -0)).toBe(true);
    expect(Number.isNaN(got[6])).toBe(true);
    expect(got).toEqual(values);
  });

  it('keeps integer batches exact, and falls back to float64 for -0, fractions and large integers', async () => {
    const { tx, rx } = pair({ capacity: Infinity, maxBatch: 64 });
    const ints = Array.from({ length: 200 }, (_, i) => (i % 2 ? -i : i * 1000));
    const mixed = Array.from({ length: 200 }, (_, i) => (i === 3 ? -0 : i === 4 ? 2 ** 31 : i === 5 ? -(2 ** 31) - 1 : i === 6 ? 0.25 : i));
    const values = [...ints, ...mixed];
    for (const v of values) void tx.send(v);
    tx.close();
    const got = await drain(rx);
    expect(got).toEqual(values);
    expect(Object.is(got[ints.length + 3], -0)).toBe(true);
    expect(Object.is(got[0], 0)).toBe(true);
  });

  it('applies backpressure: a sender holds at most `capacity` outstanding values', async () => {
    const { tx, rx } = pair({ capacity: 4 });
    let accepted = 0;
    for (let i = 0; i < 10; i++) void Promise.resolve(tx.send(i)).then(() => accepted++);
    await tick();
    expect(accepted).toBe(4);
    expect(await rx.recv()).toBe(0);
    // One credit chunk (capacity/4 = 1) goes back per value read.
    await tick();
    expect(accepted).toBe(5);
    tx.close();
    expect(await drain(rx)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(accepted).toBe(10);
  });

  it('rejects send after close and closes idempotently', async () => {
    const { tx, rx } = pair();
    await tx.send('a');
    tx.close();
    tx.close();
    expect(() => tx.send('b')).toThrow('channel closed');
    expect(await drain(rx)).toEqual(['a']);
    expect(rx.isClosed).toBe(true);
  });

  it('detach releases a blocked sender and drops later values', async () => {
    const { tx, rx } = pair({ capacity: 8 });
    for (let i = 1; i <= 8; i++) expect(tx.send(i)).toBeUndefined();
    const blocked = tx.send(9);
    expect(blocked).toBeInstanceOf(Promise);
    expect(await rx.recv()).toBe(1);
    rx.detach();
    await blocked;
    for (let i = 0; i < 100; i++) await tx.send(i);
    tx.close();
    expect(await rx.recv()).toBe(CLOSED);
  });

  it('sends a sparse value without waiting for a batch', async () => {
    const { tx, rx } = pair({ flushIntervalMs: 10_000 });
    await tx.send(1);
    expect(await rx.recv()).toBe(1);
    tx.close();
  });

  it('batches a fast producer, and flushes before the thread blocks in Atomics.wait', async () => {
    const { tx, rx } = pair({ flushIntervalMs: 1e9 });
    tx.send(1); // sparse: posted at once
    tx.send(2); // within the interval: batched (its timer is far away)
    tx.send(3);
    expect(await rx.recv()).toBe(1);
    const restore = flushBeforeBlocking(() => tx.flush());
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    } finally {
      restore();
    }
    expect(await rx.recv()).toBe(2);
    expect(await rx.recv()).toBe(3);
    tx.close();
  });

  it('supports fan-out (one channel per connector) and fan-in (merge of several receivers)', async () => {
    const a = pair({ capacity: 2 });
    const b = pair({ capacity: 2 });
    const producer = (async () => {
      for (let i = 0; i < 20; i++) await Promise.all([a.tx.send(i), b.tx.send(-i)]);
      a.tx.close();
      b.tx.close();
    })();
    // Fan-in: one receiver over both ports (what a component with two connectors into a field reads).
    const merged = await drain(mergeReceivers([a.rx, b.rx]));
    await producer;
    expect(merged).toHaveLength(40);
    expect(merged.filter((v) => (v as number) > 0)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1)); // each source in order
    expect(merged.filter((v) => (v as number) < 0)).toEqual(Array.from({ length: 19 }, (_, i) => -(i + 1)));
    // Both sources interleave (capacity 2 keeps the producer from finishing one first).
    const firstNegative = merged.findIndex((v) => (v as number) < 0);
    expect(firstNegative).toBeLessThan(10);
  });

  it('a receiver grants a blocked sender more credit (the channel grows); a maxsize channel never does', async () => {
    for (const growable of [true, false]) {
      const blockedSeen: boolean[] = [];
      const { port1, port2 } = new MessageChannel();
      const tx = createPortSender(port1 as unknown as PortLike, { capacity: 2, growable });
      const rx = createPortReceiver(port2 as unknown as PortLike, { capacity: 2, growable, onSenderBlocked: () => blockedSeen.push(true) });
      tx.send(1);
      tx.send(2);
      const blocked = tx.send(3);
      expect(blocked).toBeInstanceOf(Promise);
      await tick();
      expect(blockedSeen.length).toBe(1);
      expect(rx.senderBlocked).toBe(true);
      expect(rx.grant()).toBe(growable);
      await tick();
      expect(tx.isBlocked).toBe(!growable);
      if (growable) {
        expect(rx.capacity).toBe(4);
        expect(tx.send(4)).toBeUndefined(); // 4 outstanding within the grown capacity
        expect(tx.send(5)).toBeInstanceOf(Promise);
        expect(tx.grow()).toBe(true); // the sender side can grow too (the watchdog's rule)
        expect(tx.capacity).toBe(4); // its own view: 2, doubled (the receiver's grant is credit, not a capacity change here)
        expect(tx.isBlocked).toBe(false);
      }
      tx.close();
      expect(await drain(rx)).toEqual(growable ? [1, 2, 3, 4, 5] : [1, 2, 3]);
    }
  });

  it('runs a loop primed by an initial value with capacity 1 without deadlock', async () => {
    const forward = pair({ capacity: 1 });
    const back = pair({ capacity: 1 });
    const a = (async () => {
      let x = 0; // initial value
      const seen: number[] = [];
      for (let i = 0; i < 50; i++) {
        seen.push(x);
        await forward.tx.send(x + 1);
        x = (await back.rx.recv()) as number;
      }
      forward.tx.close();
      return seen;
    })();
    const b = (async () => {
      for (;;) {
        const v = await forward.rx.recv();
        if (v === CLOSED) return back.tx.close();
        await back.tx.send((v as number) * 2);
      }
    })();
    const seen = await a;
    await b;
    expect(seen.slice(0, 4)).toEqual([0, 2, 6, 14]);
    expect(seen).toHaveLength(50);
  });

  it('moves 200k values through a small capacity', async () => {
    const { tx, rx } = pair({ capacity: 256 });
    const received = (async () => {
      let sum = 0;
      let n = 0;
      for (;;) {
        const v = await rx.recv();
        if (v === CLOSED) return { sum, n };
        sum += v as number;
        n++;
      }
    })();
    for (let i = 0; i < 200_000; i++) await tx.send(i);
    tx.close();
    expect(await received).toEqual({ sum: (199_999 * 200_000) / 2, n: 200_000 });
  });
});
