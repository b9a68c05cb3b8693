import { describe, expect, it } from 'vitest';
import { CLOSED, Channel, EMPTY, mergeReceivers, shareSender, withInitialValues } from './channel.ts';

describe('Channel', () => {
  it('delivers values in order, then CLOSED (out-of-band, Q17)', async () => {
    const ch = new Channel<string>(4);
    ch.send('a');
    ch.send('__PLUGBOARD_CHAN_CLOSE_MSG__');
    ch.close();
    expect(await ch.recv()).toBe('a');
    expect(await ch.recv()).toBe('__PLUGBOARD_CHAN_CLOSE_MSG__');
    expect(await ch.recv()).toBe(CLOSED);
    expect(await ch.recv()).toBe(CLOSED);
    expect(() => ch.send('late')).toThrow(/closed/);
  });

  it('applies backpressure: send returns a promise once capacity is exceeded', async () => {
    const ch = new Channel<number>(2);
    expect(ch.send(1)).toBeUndefined();
    expect(ch.send(2)).toBeUndefined();
    const blocked = ch.send(3);
    expect(blocked).toBeInstanceOf(Promise);
    let released = false;
    void blocked!.then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    expect(ch.tryRecv()).toBe(1);
    await blocked;
    expect(released).toBe(true);
    expect([ch.tryRecv(), ch.tryRecv(), ch.tryRecv()]).toEqual([2, 3, EMPTY]);
  });

  it('hands a value straight to a waiting receiver', async () => {
    const ch = new Channel<number>(1);
    const pending = ch.recv();
    expect(ch.send(7)).toBeUndefined();
    expect(await pending).toBe(7);
  });

  it('detach releases blocked senders and drops later values', async () => {
    const ch = new Channel<number>(1);
    ch.send(1);
    const blocked = ch.send(2);
    ch.detach();
    await blocked;
    expect(ch.send(3)).toBeUndefined();
    expect(ch.size).toBe(0);
  });
});

describe('withInitialValues', () => {
  it('yields initial values before anything from the channel (spec §3.6)', async () => {
    const ch = new Channel<number>();
    ch.send(0);
    ch.close();
    const r = withInitialValues(ch, [-2, -1]);
    expect([await r.recv(), await r.recv(), await r.recv(), await r.recv()]).toEqual([-2, -1, 0, CLOSED]);
  });
});

describe('mergeReceivers', () => {
  it('merges in arrival order and closes only when every source closed (spec §3.7)', async () => {
    const a = new Channel<string>();
    const b = new Channel<string>();
    const merged = mergeReceivers([a, b]);
    a.send('a1');
    b.send('b1');
    a.close();
    const got: unknown[] = [await merged.recv(), await merged.recv()];
    b.send('b2');
    got.push(await merged.recv());
    b.close();
    got.push(await merged.recv());
    expect(got).toEqual(['a1', 'b1', 'b2', CLOSED]);
  });
});

describe('Channel growth and fan-in', () => {
  it('grow doubles a growable channel and releases the senders that now fit', async () => {
    const ch = new Channel<number>(1, { growable: true });
    ch.send(1);
    const blocked = ch.send(2);
    expect(blocked).toBeInstanceOf(Promise);
    expect(ch.blockedSenders).toBe(1);
    ch.grow();
    await blocked;
    expect(ch.capacity).toBe(2);
    expect(ch.blockedSenders).toBe(0);
    expect(ch.send(3)).toBeInstanceOf(Promise); // 3 values > capacity 2: waits again
    expect([ch.tryRecv(), ch.tryRecv(), ch.tryRecv()]).toEqual([1, 2, 3]);
  });

  it('a channel shared by several senders closes when the last one closes, in arrival order', async () => {
    const ch = new Channel<string>(8, { senders: 2 });
    const a = shareSender(ch);
    const b = shareSender(ch);
    a.send('a1');
    b.send('b1');
    a.close();
    a.close(); // idempotent per sender
    expect(ch.isClosed).toBe(false);
    b.send('b2');
    b.close();
    expect([await ch.recv(), await ch.recv(), await ch.recv(), await ch.recv()]).toEqual(['a1', 'b1', 'b2', CLOSED]);
    expect(() => a.send('late')).toThrow(/closed/);
  });

  it('mergeReceivers leaves values in their sources (no hidden buffer): backpressure reaches the senders', async () => {
    const a = new Channel<number>(1);
    const b = new Channel<number>(1);
    const merged = mergeReceivers([a, b]);
    a.send(1);
    expect(a.send(2)).toBeInstanceOf(Promise); // nothing drained a into a merge buffer
    expect(merged.tryRecv!()).toBe(1);
    const pending = merged.recv();
    expect(await pending).toBe(2);
    const waiting = merged.recv();
    b.send(3);
    expect(await waiting).toBe(3);
  });
});
