import { describe, expect, it } from 'vitest';
import { applyRunEvents, startedRun } from './runSlice.ts';
import { laneLabel, orderedLanes } from '../runner/Timeline.tsx';

describe('run placement in the app state', () => {
  it('a placement event gives every component its worker and the Timeline its lanes (workers listing their components)', () => {
    let run = startedRun('parallel', ['a', 'b', 'c'], 0);
    run = applyRunEvents(run, [
      { kind: 'step', component: 'c', index: 0, start: 1, end: 2, lane: 'worker:1' },
      {
        kind: 'placement',
        t: 0,
        workers: [
          { lane: 'worker:0', components: ['a', 'b'] },
          { lane: 'worker:1', components: ['c'] },
        ],
      },
    ]);
    expect(run.components['a']?.worker).toBe('worker:0');
    expect(run.components['c']).toMatchObject({ worker: 'worker:1', steps: 1 });
    expect(orderedLanes(run)).toEqual(['worker:0', 'worker:1']);
    expect(laneLabel(run, 'worker:0')).toBe('worker:0 · a, b');
  });
});

describe('step counts in the app state', () => {
  it("a final component-status's step count wins over sampled step events", () => {
    let run = startedRun('local', ['a'], 0);
    run = applyRunEvents(run, [
      { kind: 'step', component: 'a', index: 9, start: 1, end: 2, lane: 'main' },
      { kind: 'component-status', t: 3, component: 'a', status: 'completed', steps: 300 },
    ]);
    expect(run.components['a']).toMatchObject({ status: 'completed', steps: 300 });
  });
});
