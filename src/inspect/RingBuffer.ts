/**
 * A bounded first-in-first-out buffer for probe values: keeps the newest `capacity` items (default
 * 10,000), counts every item ever pushed, and hands out what arrived since a sequence number, so a
 * probe can record a whole run in fixed memory and telemetry can send only the new values.
 */

export const DEFAULT_PROBE_CAPACITY = 10_000;

export class RingBuffer<T> {
  readonly capacity: number;
  private readonly items: (T | undefined)[];
  private head = 0; // index of the oldest item
  private size = 0;
  private pushed = 0;

  /** @example const probe = new RingBuffer<number>(); probe.push(3); probe.last // 3 */
  constructor(capacity: number = DEFAULT_PROBE_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`RingBuffer capacity must be a positive integer, not ${capacity}`);
    this.capacity = capacity;
    this.items = new Array<T | undefined>(capacity);
  }

  /** Items held now (≤ capacity). */
  get length(): number {
    return this.size;
  }

  /** Items ever pushed; also the sequence number the next item gets. */
  get total(): number {
    return this.pushed;
  }

  /** Items pushed but no longer held (overwritten by newer ones). */
  get dropped(): number {
    return this.pushed - this.size;
  }

  /** The newest item, or undefined when empty. */
  get last(): T | undefined {
    return this.size === 0 ? undefined : this.items[(this.head + this.size - 1) % this.capacity];
  }

  /** Adds an item; when full, the oldest one is dropped. */
  push(item: T): void {
    if (this.size < this.capacity) {
      this.items[(this.head + this.size) % this.capacity] = item;
      this.size++;
    } else {
      this.items[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
    }
    this.pushed++;
  }

  /** The i-th held item, oldest first (0 ≤ i < length); negative i counts from the newest. */
  at(i: number): T | undefined {
    const k = i < 0 ? this.size + i : i;
    if (!Number.isInteger(k) || k < 0 || k >= this.size) return undefined;
    return this.items[(this.head + k) % this.capacity];
  }

  /** Held items, oldest first. */
  toArray(): T[] {
    const out = new Array<T>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.items[(this.head + i) % this.capacity] as T;
    return out;
  }

  /**
   * Items whose sequence number is ≥ `seq` and still held, oldest first, with the sequence number
   * of the first one (larger than `seq` when some were dropped in between).
   * @example const { items, from } = probe.since(sent); sent = probe.total;
   */
  since(seq: number): { items: T[]; from: number } {
    const from = Math.max(seq, this.pushed - this.size);
    const out: T[] = [];
    for (let s = from; s < this.pushed; s++) out.push(this.items[(this.head + (s - (this.pushed - this.size))) % this.capacity] as T);
    return { items: out, from };
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.size = 0;
  }
}
