// Pause / Step / Resume, breakpoints and Stop while paused through real worker_threads, in both
// hosts: a local run (one worker) and a parallel run (groups on a pool), issue 10.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent, StepReport } from '../protocol/events.ts';
import type { RunHandle } from '../protocol/run.ts';
import { liveWorkerCount, runLocalInWorker, runParallel } from './runParallel.node.ts';

afterEach(() => {
  expect(liveWorkerCount()).toBe(0);
});

const yaml = readFileSync(new URL('../../app/examples/004_using_ray__model-ray.yaml', import.meta.url), 'utf8')
  .replace('sleep_seconds: 0.5', 'sleep_seconds: 0.01')
  .replace('sleep_seconds: 1', 'sleep_seconds: 0.02');
const names = ['input', 'slow-sleep', 'very-slow-sleep', 'timestamper', 'save-results'];

async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const rows = (text: string | undefined) => (text ?? '').trim().split('\n').length - 1;

describe('pause, step, resume and breakpoints in both hosts', () => {
  it('a parallel run steps exactly as a local one: a value sent in one Step is read in the next, across workers too', async () => {
    // Five components on five workers in the parallel host; the Step barrier (semantics §5.3).
    const counts = async (start: typeof runParallel) => {
      const handle = start({ yaml, startPaused: true }, () => undefined, { seed: 1 });
      const out: Record<string, number>[] = [];
      for (let i = 0; i < 6; i++) out.push({ ...(await handle.control!.step()).steps });
      handle.cancel();
      await handle.done;
      return out;
    };
    const local = await counts(runLocalInWorker);
    expect(local.map((s) => s['timestamper'])).toEqual([0, 0, 1, 2, 3, 4]);
    for (let k = 0; k < 3; k++) expect(await counts(runParallel)).toEqual(local);
  });

  for (const start of [runLocalInWorker, runParallel]) {
    describe(start.name, () => {
      it('steps a paused run 3 times: each component that could step goes up by one, then resumes to completion', async () => {
        const events: RunEvent[] = [];
        const handle = start({ yaml, startPaused: true }, (b) => events.push(...b), { seed: 1 });
        const control = handle.control!;
        let prev: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
        const reports: StepReport[] = [];
        for (let i = 0; i < 3; i++) {
          const r = await control.step();
          reports.push(r);
          expect([...r.stepped, ...r.notStepped.map((n) => n.component)].sort()).toEqual([...names].sort());
          for (const n of r.stepped) expect(r.steps[n]).toBe(prev[n]! + 1);
          for (const { component } of r.notStepped) expect(r.steps[component]).toBe(prev[component]);
          prev = { ...r.steps };
        }
        // The source steps every time; the writer only once values reached it.
        expect(reports.map((r) => r.stepped.includes('input'))).toEqual([true, true, true]);
        expect(reports[0]!.notStepped).toContainEqual({ component: 'save-results', reason: 'waiting-for-input' });
        expect(prev['input']).toBe(3);
        await until(() => events.some((e) => e.kind === 'step-report' && e.index === 3));
        expect(events.some((e) => e.kind === 'process-status' && e.status === 'paused')).toBe(true);
        expect(events.some((e) => e.kind === 'component-status' && e.status === 'paused')).toBe(true);
        await control.resume();
        const result = await handle.done;
        expect(result.status).toBe('completed');
        expect(rows(result.files['ray.csv'])).toBe(10);
      });

      it('a breakpoint on very-slow-sleep pauses the run there; Resume without it completes', async () => {
        const events: RunEvent[] = [];
        const handle = start({ yaml, breakpoints: { components: ['very-slow-sleep'] } }, (b) => events.push(...b), { seed: 1 });
        await until(() => events.some((e) => e.kind === 'breakpoint'));
        expect(events.find((e) => e.kind === 'breakpoint')).toMatchObject({ hit: { kind: 'component', component: 'very-slow-sleep' } });
        await until(() => events.some((e) => e.kind === 'component-status' && e.component === 'very-slow-sleep' && e.status === 'paused'));
        // Paused: a step now moves every held component once; very-slow-sleep has not stepped before.
        const r = await handle.control!.step();
        expect(r.steps['very-slow-sleep']).toBe(1);
        await handle.control!.setBreakpoints([]);
        await handle.control!.resume();
        const result = await handle.done;
        expect(result.status).toBe('completed');
        expect(rows(result.files['ray.csv'])).toBe(10);
      });

      it('a value breakpoint (condition on a probed port) pauses the run in the worker', async () => {
        const events: RunEvent[] = [];
        const handle = start({ yaml, breakpoints: { conditions: [{ key: 'timestamper.timestamp', condition: 'len(value) > 10' }] } }, (b) => events.push(...b), { seed: 1 });
        await until(() => events.some((e) => e.kind === 'breakpoint'));
        const hit = events.find((e): e is Extract<RunEvent, { kind: 'breakpoint' }> => e.kind === 'breakpoint')!.hit;
        expect(hit).toMatchObject({ kind: 'value', key: 'timestamper.timestamp', condition: 'len(value) > 10', value: expect.stringMatching(/^\d{4}-/) });
        await handle.control!.pause(); // resolves once every worker holds
        handle.cancel();
        const result = await handle.done;
        expect(result.status).toBe('stopped');
      });

      it('a probe added to a paused run records from then on: 3 steps → its 3 values; removed, it records no more', async () => {
        const events: RunEvent[] = [];
        const handle = start({ yaml, startPaused: true }, (b) => events.push(...b), { seed: 1 });
        const control = handle.control!;
        await control.step(); // one value on input.x before the probe: not recorded
        await control.setProbe('input.x', {});
        for (let i = 0; i < 3; i++) await control.step();
        const values = (): unknown[] =>
          events.flatMap((e) => (e.kind === 'connectors' ? e.probes.filter((p) => p.key === 'input.x').flatMap((p) => p.values) : []));
        await until(() => values().length >= 3);
        expect(values()).toEqual([null, null, null]); // the tutorial's Iterator sends x = null (spec Q2)
        // The connector's own counter kept counting all 4 values (the probe did not reset it).
        const counted = events.flatMap((e) => (e.kind === 'connectors' ? e.counters.filter((c) => c.key === 'input.x..slow-sleep.x').map((c) => c.count) : []));
        expect(Math.max(...counted)).toBe(4);
        await control.setProbe('input.x', null);
        await control.step();
        await until(() => events.some((e) => e.kind === 'step-report' && e.index === 5));
        await new Promise((r) => setTimeout(r, 50)); // a batch interval: any (wrong) probe value would have arrived
        expect(values()).toHaveLength(3);
        await control.resume();
        const result = await handle.done;
        expect(result.status).toBe('completed');
        expect(rows(result.files['ray.csv'])).toBe(10);
      });

      it('a value breakpoint on a probe added during the run pauses the run there', async () => {
        const events: RunEvent[] = [];
        const handle = start({ yaml, startPaused: true }, (b) => events.push(...b), { seed: 1 });
        await handle.control!.setProbe('timestamper.timestamp', { condition: 'len(value) > 10' });
        await handle.control!.resume();
        await until(() => events.some((e) => e.kind === 'breakpoint'));
        const hit = events.find((e): e is Extract<RunEvent, { kind: 'breakpoint' }> => e.kind === 'breakpoint')!.hit;
        expect(hit).toMatchObject({ kind: 'value', key: 'timestamper.timestamp', condition: 'len(value) > 10', value: expect.stringMatching(/^\d{4}-/) });
        await handle.control!.pause();
        handle.cancel();
        expect((await handle.done).status).toBe('stopped');
      });

      it('a run paused for many watchdog ticks is not a hang: Resume completes it', async () => {
        const events: RunEvent[] = [];
        const handle = start({ yaml, startPaused: true }, (b) => events.push(...b), { seed: 1 });
        await handle.control!.step();
        await handle.control!.step(); // values now wait in channels between held components
        await new Promise((r) => setTimeout(r, 1200)); // > 2 watchdog ticks plus the deadlock windows
        expect(events.some((e) => e.kind === 'process-status' && e.status === 'failed')).toBe(false);
        await handle.control!.resume();
        const result = await handle.done;
        expect(result.status).toBe('completed');
        expect(rows(result.files['ray.csv'])).toBe(10);
      });

      it('Stop while paused ends the run and keeps the rows written so far', async () => {
        const handle: RunHandle = start({ yaml, startPaused: true }, () => undefined, { seed: 1 });
        let last: StepReport | undefined;
        for (let i = 0; i < 6; i++) last = await handle.control!.step();
        const written = last!.steps['save-results']!;
        expect(written).toBeGreaterThan(0);
        handle.cancel();
        const result = await handle.done;
        expect(result.status).toBe('stopped');
        // Every row the writer stepped is kept (plus one it may hold at its boundary).
        expect(rows(result.files['ray.csv'])).toBeGreaterThanOrEqual(written);
        expect(rows(result.files['ray.csv'])).toBeLessThanOrEqual(written + 1);
      });
    });
  }
});
