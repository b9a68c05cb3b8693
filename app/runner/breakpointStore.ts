/**
 * Breakpoints the user sets (issue 10), kept outside the editor store like the probes: components
 * to pause before (toggled in the inspector; a run in progress follows at once) and conditions on
 * probed connectors or ports (`value > 3`, checked with src/inspect/condition.ts; sent with the next
 * run's RunRequest and evaluated in the worker).
 */
import { parseCondition, type ConditionError } from '../../src/inspect/condition.ts';
import type { RunBreakpoints } from '../../src/index.ts';

type Listener = () => void;

interface Snapshot {
  readonly components: readonly string[];
  /** Probe key → condition text as typed (may not parse). */
  readonly conditions: Readonly<Record<string, string>>;
}

let snapshot: Snapshot = { components: [], conditions: {} };
const listeners = new Set<Listener>();
const changed = (next: Snapshot): void => {
  snapshot = next;
  for (const l of listeners) l();
};

/** The located problem of a condition text, or null when it parses (empty: no breakpoint). */
export function conditionProblem(text: string): ConditionError | null {
  if (text.trim() === '') return null;
  const parsed = parseCondition(text);
  return parsed.ok ? null : parsed.error;
}

export const breakpointStore = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: (): Snapshot => snapshot,
  has: (component: string): boolean => snapshot.components.includes(component),
  toggle(component: string): void {
    const list = snapshot.components;
    changed({ ...snapshot, components: list.includes(component) ? list.filter((c) => c !== component) : [...list, component] });
  },
  setCondition(key: string, text: string): void {
    const conditions = { ...snapshot.conditions };
    if (text === '') delete conditions[key];
    else conditions[key] = text;
    changed({ ...snapshot, conditions });
  },
  clear(): void {
    changed({ components: [], conditions: {} });
  },
  /** What a run gets: components, and the conditions that parse, on the keys still probed. */
  forRun(probed: readonly string[]): RunBreakpoints | undefined {
    const conditions = Object.entries(snapshot.conditions)
      .filter(([key, text]) => probed.includes(key) && text.trim() !== '' && conditionProblem(text) === null)
      .map(([key, condition]) => ({ key, condition }));
    if (snapshot.components.length === 0 && conditions.length === 0) return undefined;
    return { components: snapshot.components, ...(conditions.length ? { conditions } : {}) };
  },
};
