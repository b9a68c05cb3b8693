/** Pareto front of a multi-objective study: trials no other trial dominates. */
import type { TrialRecord } from './trial.ts';
import type { Mode } from './tuneConfig.ts';

/** True when `a` is at least as good as `b` on every objective and better on one. */
export function dominates(a: readonly number[], b: readonly number[], modes: readonly Mode[]): boolean {
  let strictly = false;
  for (let i = 0; i < modes.length; i++) {
    const x = modes[i] === 'max' ? a[i]! : -a[i]!;
    const y = modes[i] === 'max' ? b[i]! : -b[i]!;
    if (x < y) return false;
    if (x > y) strictly = true;
  }
  return strictly;
}

/** @example paretoFront(trials, ['max', 'min']) */
export function paretoFront(trials: readonly TrialRecord[], modes: readonly Mode[]): TrialRecord[] {
  const scored = trials.filter((t) => t.status === 'completed' && t.values && t.values.length === modes.length && t.values.every(Number.isFinite));
  return scored.filter((t) => !scored.some((o) => o !== t && dominates(o.values!, t.values!, modes)));
}
