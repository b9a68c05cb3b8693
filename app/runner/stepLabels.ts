/**
 * Every step count the app shows says what it counts (issue 11 item 12: "1,959,598 / 1,958,539
 * steps" had no legend). Three different numbers exist: steps *run* (a component's step() calls,
 * the runtime's own count, on nodes and in the inspector), steps *on the timeline* (the step events
 * recorded, which a big run samples, so the two differ) and *bars drawn* (close, short steps share
 * one bar).
 */

/**
 * 1959598 → "1,959,598". Every node repaints its count with each batch of a run; `toLocaleString`
 * (Intl) was a visible share of the page's time with hundreds of nodes.
 */
export function grouped(n: number): string {
  const s = String(n);
  return Number.isInteger(n) && Math.abs(n) >= 1000 ? s.replace(/\B(?=(\d{3})+$)/g, ',') : s;
}

/** "1 step run", "1,959,598 steps run". */
export function stepsRun(n: number): string {
  return `${grouped(n)} step${n === 1 ? '' : 's'} run`;
}

/** Tooltip of a component's step count. */
export const STEPS_RUN_HELP = 'Steps run: how many times this component\'s step() ran in this run';

/** "60 steps on the timeline (sampled)": the step events recorded, not the steps run. */
export function stepsOnTimeline(n: number): string {
  return `${grouped(n)} step${n === 1 ? '' : 's'} on the timeline (sampled)`;
}

/** The Timeline header: lanes, steps on the timeline and bars drawn, each named. */
export function timelineCounts(lanes: number, stepCount: number, bars: number): string {
  const laneText = `${grouped(lanes)} lane${lanes === 1 ? '' : 's'}`;
  const merged = bars < stepCount ? ` · ${grouped(bars)} bar${bars === 1 ? '' : 's'} drawn (close steps share a bar)` : '';
  return `${laneText} · ${stepsOnTimeline(stepCount)}${merged}`;
}

/** The Timeline header's tooltip. */
export const TIMELINE_COUNTS_HELP =
  'Lanes: the workers or threads that ran steps. Steps on the timeline: the step events recorded; a long run records a sample, so this can be lower than the steps run that each node shows. Bars drawn: close, short steps share one bar.';
