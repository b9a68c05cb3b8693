/**
 * A run in progress follows the probes (issue 10): a probe added or removed on the canvas or in the
 * inspector, or a "Pause when" condition typed on one, reaches the run's workers at once
 * (RunControl.setProbe) and records from its next value on.
 */
import type { RunControl } from '../../src/index.ts';
import { probeStore } from './probeStore.ts';
import { breakpointStore } from './breakpointStore.ts';

/** What the run currently has: probe key → its condition ('' for none). */
type Sent = Map<string, string>;

function wanted(): Sent {
  const keys = probeStore.keys();
  const conditions = new Map((breakpointStore.forRun(keys)?.conditions ?? []).map((c) => [c.key, c.condition]));
  return new Map(keys.map((k) => [k, conditions.get(k) ?? '']));
}

/**
 * Sends probe changes to `control` from now on (the run started with the current ones); returns
 * the function that stops following.
 * @example const stop = followProbes(handle.control); handle.done.finally(stop);
 */
export function followProbes(control: Pick<RunControl, 'setProbe'>): () => void {
  let sent = wanted();
  const sync = (): void => {
    const next = wanted();
    for (const key of sent.keys()) if (!next.has(key)) void control.setProbe(key, null);
    for (const [key, condition] of next) {
      if (sent.get(key) === condition) continue;
      void control.setProbe(key, condition ? { condition } : {});
    }
    sent = next;
  };
  const offProbes = probeStore.subscribe(sync);
  const offBreakpoints = breakpointStore.subscribe(sync);
  return () => {
    offProbes();
    offBreakpoints();
  };
}
