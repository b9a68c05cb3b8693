/**
 * Connector counters, probes and value breakpoints for one worker, framework-free, ready for the
 * worker hosts to call (not wired yet). Each connector gets a `ConnectorTap` once; sending a value
 * costs an increment and two assignments, plus a ring-buffer push when the connector is probed,
 * plus a condition test when it has a breakpoint. `drain()` gives what changed since the last
 * drain, for one batched telemetry message per frame.
 */
import { parseCondition, testCondition, type Condition, type ConditionError } from './condition.ts';
import { DEFAULT_PROBE_CAPACITY, RingBuffer } from './RingBuffer.ts';

/** What a connector tap knows; `last` and `lastT` are undefined/NaN until a value passed. */
export interface ConnectorTap {
  readonly key: string;
  count: number;
  last: unknown;
  lastT: number;
  /**
   * Called for each value sent through the connector. Returns a breakpoint hit (the value met the
   * condition, or the condition failed on it) or null.
   */
  record(value: unknown, t: number): BreakpointHit | null;
}

export type BreakpointHit =
  | { readonly kind: 'condition-met'; readonly key: string; readonly condition: string; readonly value: unknown; readonly t: number }
  | { readonly kind: 'condition-failed'; readonly key: string; readonly condition: string; readonly error: ConditionError };

export interface ProbeValues {
  readonly key: string;
  /** Sequence number of the first value (values before it were dropped or already sent). */
  readonly from: number;
  readonly values: unknown[];
  readonly times: number[];
}

export interface ProbeDrain {
  readonly counters: { readonly key: string; readonly count: number; readonly last: unknown; readonly lastT: number }[];
  readonly probes: ProbeValues[];
}

interface TapState extends ConnectorTap {
  values: RingBuffer<unknown> | null;
  times: RingBuffer<number> | null;
  condition: Condition | null;
  failed: boolean;
  sentCount: number;
  sentSeq: number;
}

export class ProbeRecorder {
  private readonly taps = new Map<string, TapState>();
  readonly capacity: number;

  /** @example const probes = new ProbeRecorder(); const tap = probes.tap('a.x->b.y'); tap.record(1, now()); */
  constructor(options: { capacity?: number } = {}) {
    this.capacity = options.capacity ?? DEFAULT_PROBE_CAPACITY;
  }

  /** The tap of a connector (the same object every time: keep it next to the channel). */
  tap(key: string): ConnectorTap {
    let t = this.taps.get(key);
    if (!t) {
      const state: TapState = {
        key,
        count: 0,
        last: undefined,
        lastT: NaN,
        values: null,
        times: null,
        condition: null,
        failed: false,
        sentCount: 0,
        sentSeq: 0,
        record(value, time) {
          state.count++;
          state.last = value;
          state.lastT = time;
          if (state.values) {
            state.values.push(value);
            state.times!.push(time);
          }
          if (!state.condition || state.failed) return null;
          const r = testCondition(state.condition, { value });
          if (r.ok) return r.value ? { kind: 'condition-met', key, condition: state.condition.text, value, t: time } : null;
          state.failed = true; // report a failing condition once, not for every value
          return { kind: 'condition-failed', key, condition: state.condition.text, error: r.error };
        },
      };
      this.taps.set(key, (t = state));
    }
    return t;
  }

  /** Starts recording a connector's values (bounded: the newest `capacity`). */
  probe(key: string): void {
    const t = this.tap(key) as TapState;
    if (!t.values) {
      t.values = new RingBuffer(this.capacity);
      t.times = new RingBuffer(this.capacity);
      t.sentSeq = 0;
    }
  }

  /** Stops recording (the values so far are dropped). */
  unprobe(key: string): void {
    const t = this.taps.get(key);
    if (t) t.values = t.times = null;
  }

  isProbed(key: string): boolean {
    return !!this.taps.get(key)?.values;
  }

  /**
   * Pauses when a value sent on the connector meets `text` (over `value`), or clears the breakpoint
   * with null. A condition that does not parse is refused with its located error.
   */
  setCondition(key: string, text: string | null): ConditionError | null {
    const t = this.tap(key) as TapState;
    if (text === null) {
      t.condition = null;
      return null;
    }
    const parsed = parseCondition(text);
    if (!parsed.ok) return parsed.error;
    t.condition = parsed.value;
    t.failed = false;
    return null;
  }

  /** The recorded values of a probed connector, oldest first. */
  values(key: string): { values: unknown[]; times: number[] } {
    const t = this.taps.get(key);
    return { values: t?.values?.toArray() ?? [], times: t?.times?.toArray() ?? [] };
  }

  /** Counters that changed and probe values that arrived since the last drain. */
  drain(): ProbeDrain {
    const counters: ProbeDrain['counters'] = [];
    const probes: ProbeValues[] = [];
    for (const t of this.taps.values()) {
      if (t.count !== t.sentCount) {
        counters.push({ key: t.key, count: t.count, last: t.last, lastT: t.lastT });
        t.sentCount = t.count;
      }
      if (t.values && t.times && t.values.total > t.sentSeq) {
        const v = t.values.since(t.sentSeq);
        probes.push({ key: t.key, from: v.from, values: v.items, times: t.times.since(t.sentSeq).items });
        t.sentSeq = t.values.total;
      }
    }
    return { counters, probes };
  }
}
