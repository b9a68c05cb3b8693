import { describe, expect, it } from 'vitest';
import { followProbes } from './liveProbes.ts';
import { probeStore } from './probeStore.ts';
import { breakpointStore } from './breakpointStore.ts';
import type { ProbeControl } from '../../src/index.ts';

describe('a live run follows the probes', () => {
  it('sends probes added, conditions typed (only once they parse) and probes removed; nothing after it stops following', () => {
    probeStore.clear();
    breakpointStore.clear();
    probeStore.toggle('a.x'); // probed before the run: the run has it already
    const calls: [string, ProbeControl | null][] = [];
    const stop = followProbes({ setProbe: async (key, probe) => void calls.push([key, probe]) });
    expect(calls).toEqual([]);
    probeStore.toggle('timestamper.timestamp');
    expect(calls).toEqual([['timestamper.timestamp', {}]]);
    breakpointStore.setCondition('timestamper.timestamp', 'len(value) >'); // does not parse yet
    expect(calls).toHaveLength(1);
    breakpointStore.setCondition('timestamper.timestamp', 'len(value) > 10');
    expect(calls[1]).toEqual(['timestamper.timestamp', { condition: 'len(value) > 10' }]);
    probeStore.toggle('a.x');
    expect(calls[2]).toEqual(['a.x', null]);
    expect(calls).toHaveLength(3);
    stop();
    probeStore.toggle('b.y');
    expect(calls).toHaveLength(3);
    probeStore.clear();
    breakpointStore.clear();
  });
});
