import { describe, expect, it } from 'vitest';
import { formatProbeValue, probeStore, runtimeConnectorId } from './probeStore.ts';
import { applyRunEvents, startedRun } from '../store/runSlice.ts';

describe('probe store and run slice connector stats', () => {
  it('toggles probes and notifies', () => {
    probeStore.clear();
    let calls = 0;
    const off = probeStore.subscribe(() => calls++);
    probeStore.toggle(runtimeConnectorId('a.x->b.y'));
    expect(probeStore.keys()).toEqual(['a.x..b.y']);
    probeStore.toggle('a.x..b.y');
    expect(probeStore.keys()).toEqual([]);
    off();
    expect(calls).toBe(2);
  });

  it('formats values short', () => {
    expect(formatProbeValue(1.23456789)).toBe('1.235');
    expect(formatProbeValue(null)).toBe('None');
    expect(formatProbeValue('x'.repeat(40))).toHaveLength(24);
    expect(formatProbeValue({ a: 1 })).toBe('{"a":1}');
  });

  it('the run slice keeps the newest counter per connector and appends probe values', () => {
    let run = startedRun('local', ['a', 'b'], 0);
    run = applyRunEvents(run, [{ kind: 'connectors', t: 1, counters: [{ key: 'a.x..b.y', count: 2, last: 5, lastT: 1 }], probes: [{ key: 'a.x', from: 0, values: [4, 5], times: [0.5, 1] }] }]);
    run = applyRunEvents(run, [{ kind: 'connectors', t: 2, counters: [{ key: 'a.x..b.y', count: 3, last: 6, lastT: 2 }], probes: [{ key: 'a.x', from: 2, values: [6], times: [2] }] }]);
    expect(run.connectors?.['a.x..b.y']).toEqual({ key: 'a.x..b.y', count: 3, last: 6, lastT: 2 });
    expect(run.buffers.probes.get('a.x')!.values.toArray()).toEqual([4, 5, 6]);
    expect(run.buffers.probes.get('a.x')!.times.toArray()).toEqual([0.5, 1, 2]);
  });
});
