/**
 * Pause / Step / Resume in the run slice (issue 10): folds the pause-related run events into
 * `run.pause` and implements the store actions on the host's `RunHandle.control`.
 */
import type { RunEvent, RunResult } from '../../src/index.ts';
import type { ComponentRun, RunPause, RunState } from './runSlice.ts';
import type { SliceGet, SliceSet } from './storeTypes.ts';

export const NOT_PAUSED: RunPause = { paused: false, lastStep: null, hit: null, stepping: false };

/** Folds 'process-status' paused/running, 'breakpoint' and 'step-report' events. */
export function applyPauseEvents(run: RunState, events: readonly RunEvent[]): RunState {
  let pause = run.pause ?? NOT_PAUSED;
  let components: Record<string, ComponentRun> | null = null;
  for (const e of events) {
    if (e.kind === 'process-status') {
      if (e.status === 'paused') pause = { ...pause, paused: true };
      else if (e.status === 'running' && pause.paused) pause = { ...pause, paused: false, hit: null };
    } else if (e.kind === 'breakpoint') pause = { ...pause, paused: true, hit: e.hit };
    else if (e.kind === 'step-report') {
      const { kind: _k, t: _t, ...report } = e;
      pause = { ...pause, lastStep: report };
      components ??= { ...run.components };
      for (const [name, steps] of Object.entries(e.steps)) {
        const prev = components[name];
        if (prev && prev.steps < steps) components[name] = { ...prev, steps };
      }
    }
  }
  if (pause === (run.pause ?? NOT_PAUSED) && !components) return run;
  return { ...run, pause, ...(components ? { components } : {}) };
}

/** The run ended: nothing is paused any more; components still held end as the process did. */
export function finishPause(run: RunState, result: RunResult): RunState {
  const components: Record<string, ComponentRun> = { ...run.components };
  for (const [name, c] of Object.entries(components)) if (c.status === 'paused') components[name] = { ...c, status: result.status === 'completed' ? 'completed' : 'stopped' };
  return { ...run, components, pause: { ...(run.pause ?? NOT_PAUSED), paused: false, stepping: false } };
}

/** The store actions. */
export function pauseActions(set: SliceSet, get: SliceGet) {
  const control = () => (get().run.phase === 'running' ? get().runHandle?.control : undefined);
  const setPause = (patch: Partial<RunPause>): void => {
    const run = get().run;
    set({ run: { ...run, pause: { ...(run.pause ?? NOT_PAUSED), ...patch }, version: run.version + 1 } });
  };
  return {
    pauseRun(): void {
      const c = control();
      if (!c || get().run.pause?.paused) return;
      setPause({ paused: true });
      void c.pause();
    },
    stepRun(): void {
      const c = control();
      if (!c || get().run.pause?.stepping) return;
      setPause({ paused: true, stepping: true });
      const token = get().runToken;
      void c.step().finally(() => {
        if (token === get().runToken) setPause({ stepping: false });
      });
    },
    resumeRun(): void {
      const c = control();
      if (!c || !get().run.pause?.paused) return;
      setPause({ paused: false, hit: null });
      void c.resume();
    },
  };
}
