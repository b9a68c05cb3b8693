// Timeline step merging (app/store/runSlice.ts): short steps close together on one lane share a bar.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/index.ts';
import { applyRunEvents, MERGE_GAP_MS, startedRun } from '../store/runSlice.ts';

const step = (component: string, index: number, start: number, end: number, lane = 'worker:0'): RunEvent => ({ kind: 'step', component, index, start, end, lane });

function bars(events: RunEvent[]) {
  const run = applyRunEvents(startedRun('local', ['a', 'b'], 0), events);
  return { run, bars: run.buffers.steps.map(({ component, lane, start, end, steps }) => ({ component, lane, start, end, steps })) };
}

describe('timeline step bars', () => {
  it('merges consecutive short steps of one component on one lane into one bar', () => {
    const g = MERGE_GAP_MS / 4;
    const { bars: out, run } = bars([step('a', 0, 10, 10 + g), step('a', 1, 10 + 2 * g, 10 + 3 * g), step('a', 2, 10 + 3 * g, 10 + 3.5 * g)]);
    expect(out).toEqual([{ component: 'a', lane: 'worker:0', start: 10, end: 10 + 3.5 * g, steps: 3 }]);
    expect(run.buffers.stepCount).toBe(3);
    expect(run.components['a']?.steps).toBe(3);
  });

  it('keeps separate bars for long steps, for gaps of MERGE_GAP_MS or more, and per component and lane', () => {
    const { bars: out } = bars([
      step('a', 0, 0, 5), // long
      step('a', 1, 5, 5.1), // short, but the previous bar was long
      step('a', 2, 5.1 + MERGE_GAP_MS, 5.2 + MERGE_GAP_MS), // gap too large
      step('b', 0, 5.25 + MERGE_GAP_MS, 5.3 + MERGE_GAP_MS), // another component
      step('a', 3, 5.3 + MERGE_GAP_MS, 5.4 + MERGE_GAP_MS, 'worker:1'), // another lane
    ]);
    expect(out.map((b) => [b.component, b.lane, b.steps])).toEqual([
      ['a', 'worker:0', 1],
      ['a', 'worker:0', 1],
      ['a', 'worker:0', 1],
      ['b', 'worker:0', 1],
      ['a', 'worker:1', 1],
    ]);
  });

  it('merges across batches (the last bar per lane and component is remembered)', () => {
    let run = applyRunEvents(startedRun('local', ['a'], 0), [step('a', 0, 1, 1.1)]);
    run = applyRunEvents(run, [step('a', 1, 1.2, 1.3)]);
    expect(run.buffers.steps).toHaveLength(1);
    expect(run.buffers.steps[0]).toMatchObject({ start: 1, end: 1.3, steps: 2 });
    expect(run.buffers.lanes).toEqual(['worker:0']);
  });
});
