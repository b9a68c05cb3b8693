/**
 * Connector counting and probes in a component host (issue 10): every connector whose source runs
 * in this host gets a tap on its sending end (count, last value, time of the last value); probed
 * connectors and ports also record their values in ring buffers (src/inspect/probes.ts). Counting
 * at the sender counts each connector exactly once, in whichever worker its source runs.
 */
import { now } from '../lib/clock.ts';
import { ProbeRecorder, type ConnectorTap } from '../inspect/probes.ts';
import type { RunEvent } from '../protocol/events.ts';
import type { ChannelSender } from './channel.ts';
import type { ConnectionPlan } from './planConnections.ts';

/** A sender that records each value on its taps (the connector's, plus any probed port's) first. */
export function tapSender(inner: ChannelSender, taps: readonly ConnectorTap[], touched: () => void, timed = true): ChannelSender {
  if (taps.length === 1 && !timed) {
    // Counting only: no clock read per value; the drain stamps the batch time instead.
    const tap = taps[0]!;
    return {
      send(value) {
        // Inline count (no record() call): the hot path of every connector. A tap with a value
        // breakpoint must go through record() instead (\`timed\`).
        tap.count++;
        tap.last = value;
        touched();
        return inner.send(value);
      },
      close: () => inner.close(),
    };
  }
  if (taps.length === 1) {
    const tap = taps[0]!;
    return {
      send(value) {
        tap.record(value, now());
        touched();
        return inner.send(value);
      },
      close: () => inner.close(),
    };
  }
  return {
    send(value) {
      const t = now();
      for (let i = 0; i < taps.length; i++) taps[i]!.record(value, t);
      touched();
      return inner.send(value);
    },
    close: () => inner.close(),
  };
}

/**
 * The taps of one host: `tapsFor(connectorId)` for each connector it sends on, and `drain()` for
 * one 'connectors' event per telemetry batch.
 * @example const taps = new ConnectorTaps(plan, ['timestamper.timestamp']); const s = tapSender(ch, taps.tapsFor(id), touch);
 */
export class ConnectorTaps {
  readonly recorder: ProbeRecorder;
  /** Connector id → probed port keys it also feeds. */
  private readonly portsByConnector = new Map<string, string[]>();

  constructor(plan: ConnectionPlan, probes: readonly string[] = [], capacity?: number) {
    this.recorder = new ProbeRecorder(capacity !== undefined ? { capacity } : {});
    for (const key of probes) {
      if (key.includes('..')) {
        this.recorder.probe(key);
        continue;
      }
      const dot = key.indexOf('.');
      const component = key.slice(0, dot);
      const field = key.slice(dot + 1);
      const p = plan.components.get(component);
      if (dot < 0 || !p) continue;
      // An output port: its first connector carries every value (fan-out sends the same values on
      // each). An input port: every connector into it (fan-in).
      const ids = p.outputs[field]?.slice(0, 1) ?? p.inputs[field] ?? [];
      if (ids.length === 0) continue;
      this.recorder.probe(key);
      for (const id of ids) (this.portsByConnector.get(id) ?? this.portsByConnector.set(id, []).get(id)!).push(key);
    }
  }

  /** Whether a value on the connector is recorded (so it needs its own time). */
  isRecorded(connectorId: string): boolean {
    return this.recorder.isProbed(connectorId) || this.portsByConnector.has(connectorId);
  }

  tapsFor(connectorId: string): ConnectorTap[] {
    return [this.recorder.tap(connectorId), ...(this.portsByConnector.get(connectorId) ?? []).map((k) => this.recorder.tap(k))];
  }

  /** The 'connectors' event of what changed since the last drain, or null. */
  drain(): RunEvent | null {
    const d = this.recorder.drain();
    // Port keys are probes only: their counters duplicate the connectors'.
    // A connector counted only (not recorded) carries no time per value: its last value is stamped
    // with the drain time, at most one batch interval late.
    const t = now();
    const counters = d.counters.filter((c) => c.key.includes('..')).map((c) => ({ ...c, last: cloneable(c.last), lastT: c.lastT > 0 ? c.lastT : t }));
    const probes = d.probes.map((p) => ({ ...p, values: p.values.map(cloneable) }));
    if (counters.length === 0 && probes.length === 0) return null;
    return { kind: 'connectors', t, counters, probes };
  }
}

/**
 * A value as it can cross a worker boundary: primitives and plain data as is, anything else
 * (functions, class instances with methods, symbols) as a short text preview.
 */
export function cloneable(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return value;
    case 'symbol':
    case 'function':
      return String(value);
  }
  if (value === null || plain(value, 0)) return value;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 199)}…` : text;
  } catch {
    return String(value);
  }
}

function plain(value: unknown, depth: number): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return typeof value !== 'symbol';
  if (typeof value === 'function' || depth > 4) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) return value.length <= 1000 && value.every((v) => plain(v, depth + 1));
  if (value instanceof Date || ArrayBuffer.isView(value)) return true;
  if (proto !== Object.prototype && proto !== null) return false;
  const entries = Object.values(value as Record<string, unknown>);
  return entries.length <= 200 && entries.every((v) => plain(v, depth + 1));
}
