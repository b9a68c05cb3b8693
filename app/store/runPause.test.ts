import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/index.ts';
import { applyRunEvents, startedRun } from './runSlice.ts';
import { applyPauseEvents, finishPause } from './runPause.ts';

const fold = (events: RunEvent[], run = startedRun('parallel', ['a', 'b'], 0)) => applyPauseEvents(applyRunEvents(run, events), events);

describe('pause state in the run slice', () => {
  it('follows paused / running statuses, breakpoint hits and step reports (step counts included)', () => {
    let run = fold([{ kind: 'process-status', t: 1, status: 'paused' }, { kind: 'component-status', t: 1, component: 'a', status: 'paused' }]);
    expect(run.pause).toMatchObject({ paused: true, hit: null, lastStep: null });
    expect(run.components['a']!.status).toBe('paused');
    run = fold([{ kind: 'step-report', t: 2, index: 1, stepped: ['a'], notStepped: [{ component: 'b', reason: 'waiting-for-input' }], steps: { a: 4, b: 0 } }], run);
    expect(run.pause?.lastStep).toEqual({ index: 1, stepped: ['a'], notStepped: [{ component: 'b', reason: 'waiting-for-input' }], steps: { a: 4, b: 0 } });
    expect(run.components['a']!.steps).toBe(4);
    run = fold([{ kind: 'process-status', t: 3, status: 'running' }], run);
    expect(run.pause?.paused).toBe(false);
    run = fold([{ kind: 'breakpoint', t: 4, hit: { kind: 'component', component: 'b' } }], run);
    expect(run.pause).toMatchObject({ paused: true, hit: { kind: 'component', component: 'b' } });
    // Resume clears the hit.
    run = fold([{ kind: 'process-status', t: 5, status: 'running' }], run);
    expect(run.pause).toMatchObject({ paused: false, hit: null });
  });

  it('a batch without pause events leaves the run object as applyRunEvents made it', () => {
    const base = applyRunEvents(startedRun('local', ['a'], 0), [{ kind: 'log', t: 1, level: 'info', message: 'x' }]);
    expect(applyPauseEvents(base, [{ kind: 'log', t: 1, level: 'info', message: 'x' }])).toBe(base);
  });

  it('when the run ends, components still held end as the process did and nothing is paused', () => {
    const run = fold([{ kind: 'process-status', t: 1, status: 'paused' }, { kind: 'component-status', t: 1, component: 'a', status: 'paused' }]);
    const done = finishPause(run, { status: 'stopped', files: {}, startedAt: 0, endedAt: 2 });
    expect(done.components['a']!.status).toBe('stopped');
    expect(done.pause?.paused).toBe(false);
    expect(finishPause(run, { status: 'completed', files: {}, startedAt: 0, endedAt: 2 }).components['a']!.status).toBe('completed');
  });
});
