/**
 * `process run FILE --probe comp.field`: checks the probes against the model and collects the
 * probed values from the run's 'connectors' events into probes.csv (probe, time, value), the newest
 * 10,000 values per probe as in the app.
 */
import type { ConfigSpec } from '../model/spec.ts';
import type { RunEvent } from '../protocol/events.ts';
import { DEFAULT_PROBE_CAPACITY, RingBuffer } from '../inspect/RingBuffer.ts';

/**
 * Why a `--probe` does not name a port or connector of the model, or null. A port is
 * `<component>.<field>` with a connector on that field; a connector is `<source>..<target>`.
 */
export function probeProblem(config: ConfigSpec, probe: string): string | null {
  const ports = probe.split('..');
  if (ports.length > 2 || ports.some((p) => !/^[^.\s]+\.[^.\s]+$/.test(p))) return `--probe '${probe}': expected <component>.<field> (or <source>.<field>..<target>.<field>)`;
  const connected = (port: string, side: 'source' | 'target' | 'either'): boolean =>
    config.process.connectors.some((c) => (side !== 'target' && `${c.source.entity}.${c.source.descriptor}` === port) || (side !== 'source' && `${c.target.entity}.${c.target.descriptor}` === port));
  for (const port of ports) {
    const component = port.slice(0, port.indexOf('.'));
    if (!config.process.components.some((c) => c.name === component)) return `--probe '${probe}': no component '${component}' in the model`;
  }
  if (ports.length === 2) {
    const found = config.process.connectors.some((c) => `${c.source.entity}.${c.source.descriptor}` === ports[0] && `${c.target.entity}.${c.target.descriptor}` === ports[1]);
    return found ? null : `--probe '${probe}': no connector from ${ports[0]} to ${ports[1]}`;
  }
  return connected(probe, 'either') ? null : `--probe '${probe}': no connector on field ${probe}`;
}

/** Collects probed values from run events; `csv()` gives probes.csv. */
export class ProbeCollector {
  private readonly values = new Map<string, { values: RingBuffer<unknown>; times: RingBuffer<number> }>();

  constructor(
    readonly probes: readonly string[],
    private readonly startedAt: number,
    capacity = DEFAULT_PROBE_CAPACITY,
  ) {
    for (const p of probes) this.values.set(p, { values: new RingBuffer(capacity), times: new RingBuffer(capacity) });
  }

  onEvents(events: readonly RunEvent[]): void {
    for (const e of events) {
      if (e.kind !== 'connectors') continue;
      for (const p of e.probes) {
        const buffers = this.values.get(p.key);
        if (!buffers) continue;
        for (let i = 0; i < p.values.length; i++) {
          buffers.values.push(p.values[i]);
          buffers.times.push(p.times[i]!);
        }
      }
    }
  }

  /** probe,time,value — time in seconds since the run started; rows of each probe in order. */
  csv(): string {
    const lines = ['probe,time,value'];
    for (const probe of this.probes) {
      const b = this.values.get(probe)!;
      const values = b.values.toArray();
      const times = b.times.toArray();
      for (let i = 0; i < values.length; i++) lines.push(`${csvField(probe)},${((times[i]! - this.startedAt) / 1000).toFixed(6)},${csvField(text(values[i]))}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
