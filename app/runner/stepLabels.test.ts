// Issue 11 item 12: each step count shown names what it counts.
import { describe, expect, it } from 'vitest';
import { grouped, stepsOnTimeline, stepsRun, STEPS_RUN_HELP, TIMELINE_COUNTS_HELP, timelineCounts } from './stepLabels.ts';

describe('step counts carry their legend', () => {
  it('a count of steps says "run"', () => {
    expect(stepsRun(1)).toBe('1 step run');
    expect(stepsRun(1_959_598)).toBe('1,959,598 steps run');
    expect(STEPS_RUN_HELP).toMatch(/step\(\) ran/);
  });

  it('the Timeline header names lanes, steps on the timeline (sampled) and bars drawn, so no number is bare', () => {
    expect(timelineCounts(4, 1_959_598, 1_958_539)).toBe('4 lanes · 1,959,598 steps on the timeline (sampled) · 1,958,539 bars drawn (close steps share a bar)');
    expect(timelineCounts(1, 10, 10)).toBe('1 lane · 10 steps on the timeline (sampled)');
    expect(stepsOnTimeline(1)).toBe('1 step on the timeline (sampled)');
    expect(TIMELINE_COUNTS_HELP).toMatch(/lower than the steps run/);
  });

  it('groups digits as en-US does, without Intl', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_959_598, -4321, 2 ** 40]) expect(grouped(n)).toBe(n.toLocaleString('en'));
  });
});
