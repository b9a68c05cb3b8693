/**
 * Connector counting and probes in a component host (issue 10): every connector whose source runs
 * in this host gets a tap on its sending end (count, last value, time of the last value); probed
 * connectors and ports also record their values in ring buffers (src/inspect/probes.ts). Counting
 * at the sender counts each connector exactly once, in whichever worker its source runs.
 */
import { now } from '../lib/clock.ts';
import { ProbeRecorder, type BreakpointHit, type ConnectorTap } from '../inspect/probes.ts';
import type { RunEvent } from '../protocol/events.ts';
import type { ChannelSender } from './channel.ts';
import type { FieldCounter } from './runComponent.ts';
import type { ConnectionPlan } from './planConnections.ts';

/** A sender that records each value on its taps (the connector's, plus any probed port's) first. */
export function tapSender(inner: ChannelSender, taps: readonly ConnectorTap[], touched: () => void, timed = true, onHit?: (hit: BreakpointHit) => void): ChannelSender {
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
        const hit = tap.record(value, now());
        if (hit) onHit?.(hit);
        touched();
        return inner.send(value);
      },
      close: () => inner.close(),
    };
  }
  return {
    send(value) {
      const t = now();
      for (let i = 0; i < taps.length; i++) {
        const hit = taps[i]!.record(value, t);
        if (hit) onHit?.(hit);
      }
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

  /** Breakpoint conditions that did not parse or name no connector (located messages). */
  readonly conditionErrors: string[] = [];
  /** Keys (connector ids or ports) with a breakpoint condition: their values go through `record`. */
  private readonly conditioned = new Set<string>();

  constructor(plan: ConnectionPlan, probes: readonly string[] = [], capacity?: number, conditions: readonly { readonly key: string; readonly condition: string }[] = []) {
    this.recorder = new ProbeRecorder(capacity !== undefined ? { capacity } : {});
    // A condition on a port needs its port tap: treated like a probe of that port (the port's
    // values are then recorded too, which the app shows).
    const conditionPorts = conditions.map((c) => c.key).filter((k) => !k.includes('..') && !probes.includes(k));
    probes = [...probes, ...conditionPorts];
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
    for (const { key, condition } of conditions) this.addCondition(plan, key, condition);
  }

  /** Counting-only connectors: their tap takes the count and last value of the source field's counter. */
  private readonly linked: { readonly tap: ConnectorTap; readonly counter: FieldCounter }[] = [];

  /**
   * Counts connector `id` from its source field's counter (no wrapper on its sender: the
   * component loop counts once per value in `write`). For connectors that are not recorded.
   */
  link(connectorId: string, counter: FieldCounter): void {
    this.linked.push({ tap: this.recorder.tap(connectorId), counter });
  }

  /** Whether a value on the connector is recorded or tested (so it goes through `record`). */
  isRecorded(connectorId: string): boolean {
    return this.recorder.isProbed(connectorId) || this.portsByConnector.has(connectorId) || this.conditioned.has(connectorId);
  }

  private addCondition(plan: ConnectionPlan, key: string, condition: string): void {
    const known = key.includes('..') ? plan.connectors.some((c) => c.id === key) : this.recorder.isProbed(key);
    if (!known) {
      this.conditionErrors.push(`Breakpoint on ${key}: no such connector or port`);
      return;
    }
    const error = this.recorder.setCondition(key, condition);
    if (error) {
      this.conditionErrors.push(`Breakpoint on ${key}: ${condition} — ${error.line}:${error.column}: ${error.message}`);
      return;
    }
    this.conditioned.add(key);
  }

  tapsFor(connectorId: string): ConnectorTap[] {
    return [this.recorder.tap(connectorId), ...(this.portsByConnector.get(connectorId) ?? []).map((k) => this.recorder.tap(k))];
  }

  /** The 'connectors' event of what changed since the last drain, or null. */
  drain(): RunEvent | null {
    for (const { tap, counter } of this.linked) {
      if (tap.count === counter.count) continue;
      tap.count = counter.count;
      tap.last = counter.last;
    }
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
