import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import type { ConnectorCounter, RunEvent } from '../protocol/events.ts';
import { buildProcessSpec } from './buildProcessSpec.ts';
import { cloneable } from './connectorTaps.ts';
import { ListSource, PassThrough, Recorder, runForTest } from './testing.ts';

function registry() {
  const r = createRegistry();
  for (const cls of [ListSource, Recorder, PassThrough]) r.register(cls);
  return r;
}

/** The newest counter of each connector over a run's 'connectors' events. */
function counters(events: readonly RunEvent[]): Map<string, ConnectorCounter> {
  const m = new Map<string, ConnectorCounter>();
  for (const e of events) if (e.kind === 'connectors') for (const c of e.counters) m.set(c.key, c);
  return m;
}

function probed(events: readonly RunEvent[], key: string): { values: unknown[]; times: number[]; from: number[] } {
  const out = { values: [] as unknown[], times: [] as number[], from: [] as number[] };
  for (const e of events)
    if (e.kind === 'connectors')
      for (const p of e.probes)
        if (p.key === key) {
          out.values.push(...p.values);
          out.times.push(...p.times);
          out.from.push(p.from);
        }
  return out;
}

const spec = () =>
  buildProcessSpec({
    components: [
      { type: 'testing.ListSource', name: 'src', args: { values: [1, 2, 3, 4, 5] } },
      { type: 'testing.Recorder', name: 'rec', args: { fields: ['a', 'b'] } },
    ],
    connectors: ['src.out -> rec.a', 'src.out -> rec.b'],
  });

for (const fastPath of [true, false]) {
  describe(`connector counters and probes (fast path ${fastPath ? 'on' : 'off'})`, () => {
    it('counts every connector (fan-out included) with its last value and time', async () => {
      const before = Date.now();
      const { result, events } = await runForTest(spec(), registry(), { fastPath });
      expect(result.status).toBe('completed');
      const c = counters(events);
      expect([...c.keys()].sort()).toEqual(['src.out..rec.a', 'src.out..rec.b']);
      for (const counter of c.values()) {
        expect(counter.count).toBe(5);
        expect(counter.last).toBe(5);
        expect(counter.lastT).toBeGreaterThanOrEqual(before - 1);
      }
      // Batched: counters ride on telemetry batches, not one event per value.
      expect(events.filter((e) => e.kind === 'connectors').length).toBeLessThan(5);
      // No probes asked: no values recorded.
      expect(events.some((e) => e.kind === 'connectors' && e.probes.length > 0)).toBe(false);
    });

    it('records probed connectors and ports (an output port once despite fan-out; an input port)', async () => {
      const { events } = await runForTest(spec(), registry(), { fastPath, probes: ['src.out..rec.a', 'src.out', 'rec.b', 'nobody.x'] });
      expect(probed(events, 'src.out..rec.a').values).toEqual([1, 2, 3, 4, 5]);
      expect(probed(events, 'src.out').values).toEqual([1, 2, 3, 4, 5]);
      expect(probed(events, 'rec.b').values).toEqual([1, 2, 3, 4, 5]);
      expect(probed(events, 'nobody.x').values).toEqual([]);
      const t = probed(events, 'src.out').times;
      expect(t).toHaveLength(5);
      for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThanOrEqual(t[i - 1]!);
      // Port keys are probes only; counters stay per connector.
      expect(counters(events).has('src.out')).toBe(false);
    });

    it('keeps only the newest values of a probe (bounded), with the sequence number of the first', async () => {
      const values = Array.from({ length: 50 }, (_, i) => i);
      const s = buildProcessSpec({
        components: [
          { type: 'testing.ListSource', name: 'src', args: { values } },
          { type: 'testing.Recorder', name: 'rec', args: { fields: ['a'] } },
        ],
        connectors: ['src.out -> rec.a'],
      });
      // One batch at the end (long batch interval): the ring kept the last 8 of 50.
      const { events } = await runForTest(s, registry(), { fastPath, probes: ['src.out'], probeCapacity: 8, batchMs: 60_000 });
      const p = probed(events, 'src.out');
      expect(p.values).toEqual(values.slice(42));
      expect(p.from[0]).toBe(42);
      expect(counters(events).get('src.out..rec.a')?.count).toBe(50);
    });

    it('counting off sends no connector events', async () => {
      const { events } = await runForTest(spec(), registry(), { fastPath, countConnectors: false, probes: ['src.out'] });
      expect(events.some((e) => e.kind === 'connectors')).toBe(false);
    });
  });
}

describe('cloneable', () => {
  it('keeps plain data and previews the rest as text', () => {
    expect(cloneable(3)).toBe(3);
    expect(cloneable({ a: [1, 'x'] })).toEqual({ a: [1, 'x'] });
    class P {
      x = 1;
      m(): number {
        return 2;
      }
    }
    expect(cloneable(new P())).toBe('{"x":1}');
    expect(cloneable(() => 1)).toBe('() => 1');
    expect(typeof cloneable({ f: () => 1 })).toBe('string');
  });
});
