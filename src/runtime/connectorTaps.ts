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
    for (const key of probes) this.addProbe(plan, key);
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

  /**
   * Starts recording `key` (a connector id or a `<component>.<field>` port), at start or during a
   * run. Returns the connector ids whose values it records (their senders need a tap), or [] when
   * the key names nothing.
   */
  addProbe(plan: ConnectionPlan, key: string): string[] {
    if (key.includes('..')) {
      this.recorder.probe(key);
      return [key];
    }
    const dot = key.indexOf('.');
    const p = dot < 0 ? undefined : plan.components.get(key.slice(0, dot));
    if (!p) return [];
    const field = key.slice(dot + 1);
    // An output port: its first connector carries every value (fan-out sends the same values on
    // each). An input port: every connector into it (fan-in).
    const ids = p.outputs[field]?.slice(0, 1) ?? p.inputs[field] ?? [];
    if (ids.length === 0) return [];
    this.recorder.probe(key);
    for (const id of ids) {
      const keys = this.portsByConnector.get(id) ?? this.portsByConnector.set(id, []).get(id)!;
      if (!keys.includes(key)) keys.push(key);
    }
    return [...ids];
  }

  /**
   * Stops recording `key` and drops its condition (during a run). Returns the connector ids whose
   * senders need their taps rebuilt.
   */
  removeProbe(key: string): string[] {
    this.recorder.unprobe(key);
    this.recorder.setCondition(key, null);
    this.conditioned.delete(key);
    if (key.includes('..')) return [key];
    const ids: string[] = [];
    for (const [id, keys] of this.portsByConnector) {
      const i = keys.indexOf(key);
      if (i < 0) continue;
      keys.splice(i, 1);
      if (keys.length === 0) this.portsByConnector.delete(id);
      ids.push(id);
    }
    return ids;
  }

  /** Sets (or with null clears) the value breakpoint of a probed key during a run; a located message on error. */
  setCondition(plan: ConnectionPlan, key: string, condition: string | null): string | null {
    if (condition === null) {
      this.recorder.setCondition(key, null);
      this.conditioned.delete(key);
      return null;
    }
    const before = this.conditionErrors.length;
    this.addCondition(plan, key, condition);
    return this.conditionErrors.length > before ? this.conditionErrors[this.conditionErrors.length - 1]! : null;
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
