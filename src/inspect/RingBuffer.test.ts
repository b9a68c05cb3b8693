import { describe, expect, it } from 'vitest';
import { DEFAULT_PROBE_CAPACITY, RingBuffer } from './RingBuffer.ts';

describe('RingBuffer', () => {
  it('holds up to capacity items, oldest first, and drops the oldest when full', () => {
    const r = new RingBuffer<number>(3);
    expect(r.last).toBeUndefined();
    r.push(1);
    r.push(2);
    expect(r.toArray()).toEqual([1, 2]);
    r.push(3);
    r.push(4);
    r.push(5);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.length).toBe(3);
    expect(r.total).toBe(5);
    expect(r.dropped).toBe(2);
    expect(r.last).toBe(5);
    expect(r.at(0)).toBe(3);
    expect(r.at(-1)).toBe(5);
    expect(r.at(3)).toBeUndefined();
  });

  it('defaults to 10,000 items per probe and stays bounded', () => {
    const r = new RingBuffer<number>();
    expect(r.capacity).toBe(DEFAULT_PROBE_CAPACITY);
    for (let i = 0; i < 25_000; i++) r.push(i);
    expect(r.length).toBe(10_000);
    expect(r.at(0)).toBe(15_000);
    expect(r.last).toBe(24_999);
  });

  it('since(seq) returns what arrived after a sequence number, skipping what was dropped', () => {
    const r = new RingBuffer<string>(4);
    for (const s of ['a', 'b', 'c']) r.push(s);
    expect(r.since(1)).toEqual({ items: ['b', 'c'], from: 1 });
    expect(r.since(3)).toEqual({ items: [], from: 3 });
    for (const s of ['d', 'e', 'f', 'g']) r.push(s);
    // Seven pushed, four held (d..g): asking from 1 gets what is left, from sequence 3.
    expect(r.since(1)).toEqual({ items: ['d', 'e', 'f', 'g'], from: 3 });
    expect(r.since(5)).toEqual({ items: ['f', 'g'], from: 5 });
  });

  it('clear empties it but keeps counting', () => {
    const r = new RingBuffer<number>(2);
    r.push(1);
    r.push(2);
    r.clear();
    expect(r.length).toBe(0);
    expect(r.toArray()).toEqual([]);
    r.push(9);
    expect(r.toArray()).toEqual([9]);
    expect(r.since(0).items).toEqual([9]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(/positive integer/);
    expect(() => new RingBuffer(2.5)).toThrow(/positive integer/);
  });
});
