// Pause / Step / Resume and breakpoints in one LocalProcess (issue 10), both loop paths.
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import type { RunEvent } from '../protocol/events.ts';
import { componentClass, port } from './Component.ts';
import { buildProcessSpec } from './buildProcessSpec.ts';
import { LocalProcess, type LocalProcessOptions } from './LocalProcess.ts';
import { ListSource, Recorder } from './testing.ts';

class Twice extends componentClass({ type: 'testing.Twice', description: 'y = 2x', inputs: { x: port() }, outputs: { y: port() } }) {
  override step(): void {
    this.out.y = (this.in.x as number) * 2;
  }
}

function registry() {
  const r = createRegistry();
  for (const cls of [ListSource, Recorder, Twice]) r.register(cls);
  return r;
}

const chain = (n = 5) =>
  buildProcessSpec({
    components: [
      { type: 'testing.ListSource', name: 'src', args: { values: Array.from({ length: n }, (_, i) => i + 1) } },
      { type: 'testing.Twice', name: 'mid' },
      { type: 'testing.Recorder', name: 'sink', args: { fields: ['v'] } },
    ],
    connectors: ['src.out -> mid.x', 'mid.y -> sink.v'],
  });

async function start(options: LocalProcessOptions, n = 5) {
  const events: RunEvent[] = [];
  const p = new LocalProcess(chain(n), registry(), { ioReadTimeoutMs: 20, maxStepEventsPerSecond: Infinity, batchMs: 1, ...options, onEvents: (b) => events.push(...b) });
  await p.init();
  const done = p.run();
  const seen = () => (p.component('sink') as Recorder).seen.map((r) => r['v']);
  const steps = () => Object.fromEntries([...p.components].map(([n, c]) => [n, c.stepsTaken]));
  return { p, done, events, seen, steps };
}

for (const fastPath of [true, false]) {
  describe(`pause, step, resume (fast path ${fastPath ? 'on' : 'off'})`, () => {
    it('steps a paused chain one process step at a time, reporting who could not step', async () => {
      const { p, done, seen, steps, events } = await start({ fastPath, startPaused: true });
      const r1 = await p.step();
      expect(r1.stepped).toEqual(['src']);
      expect(r1.notStepped).toEqual([
        { component: 'mid', reason: 'waiting-for-input' },
        { component: 'sink', reason: 'waiting-for-input' },
      ]);
      expect(r1.steps).toEqual({ src: 1, mid: 0, sink: 0 });
      // While paused, held components say 'paused' and waiting ones 'waiting'.
      expect(p.component('src')!.status).toBe('paused');
      expect(p.component('sink')!.status).toBe('waiting');
      const r2 = await p.step();
      expect([...r2.stepped].sort()).toEqual(['mid', 'src']);
      expect(r2.steps).toEqual({ src: 2, mid: 1, sink: 0 });
      const r3 = await p.step();
      expect([...r3.stepped].sort()).toEqual(['mid', 'sink', 'src']);
      expect(r3.steps).toEqual({ src: 3, mid: 2, sink: 1 });
      expect(r3.index).toBe(3);
      expect(seen()).toEqual([2]);
      // Held components show 'paused'; the process too.
      expect(events.some((e) => e.kind === 'component-status' && e.component === 'src' && e.status === 'paused')).toBe(true);
      expect(events.some((e) => e.kind === 'process-status' && e.status === 'paused')).toBe(true);
      p.resume();
      const result = await done;
      expect(result.status).toBe('completed');
      expect(seen()).toEqual([2, 4, 6, 8, 10]);
      expect(steps()).toMatchObject({ mid: 5, sink: 5 });
    });

    it('pauses a running chain at step boundaries, then steps every held component once', async () => {
      const { p, done, seen, steps } = await start({ fastPath }, 200_000);
      p.pause();
      await p.whenPaused();
      const before = steps();
      expect(before['sink']!).toBeLessThan(200_000);
      // Paused: nothing moves.
      await new Promise((r) => setTimeout(r, 30));
      expect(steps()).toEqual(before);
      const r = await p.step();
      for (const name of r.stepped) expect(r.steps[name]).toBe(before[name]! + 1);
      for (const { component } of r.notStepped) expect(r.steps[component]).toBe(before[component]);
      expect(r.stepped.length).toBeGreaterThan(0);
      p.resume();
      expect((await done).status).toBe('completed');
      expect(seen().length).toBe(200_000);
    });

    it('a component breakpoint pauses the run just before that component steps', async () => {
      const { p, done, events, steps } = await start({ fastPath, breakpoints: { components: ['mid'] } });
      await p.whenPaused();
      await until(() => p.paused);
      expect(steps()['mid']).toBe(0);
      const hits = () => events.filter((e) => e.kind === 'breakpoint');
      await until(() => hits().length === 1);
      expect(hits()[0]).toMatchObject({ hit: { kind: 'component', component: 'mid' } });
      // Resume: mid steps once and hits its breakpoint again.
      p.resume();
      await until(() => hits().length === 2);
      expect(steps()['mid']).toBe(1);
      p.setBreakpoints([]);
      p.resume();
      expect((await done).status).toBe('completed');
      expect(steps()['mid']).toBe(5);
    });

    it('breakpoints set after init and before run are kept', async () => {
      const events: RunEvent[] = [];
      const p = new LocalProcess(chain(), registry(), { fastPath, batchMs: 1, onEvents: (b) => events.push(...b) });
      await p.init();
      p.setBreakpoints(['sink']);
      const done = p.run();
      await until(() => events.some((e) => e.kind === 'breakpoint'));
      expect(events.find((e) => e.kind === 'breakpoint')).toMatchObject({ hit: { kind: 'component', component: 'sink' } });
      p.setBreakpoints([]);
      p.resume();
      expect((await done).status).toBe('completed');
    });

    it('a value breakpoint pauses when a value sent on a connector meets its condition', async () => {
      const { p, done, events, seen } = await start({ fastPath, breakpoints: { conditions: [{ key: 'mid.y..sink.v', condition: 'value >= 6 && value % 4 == 2' }] } });
      const hits = () => events.filter((e): e is Extract<RunEvent, { kind: 'breakpoint' }> => e.kind === 'breakpoint');
      await until(() => hits().length === 1);
      expect(hits()[0]!.hit).toEqual({ kind: 'value', key: 'mid.y..sink.v', condition: 'value >= 6 && value % 4 == 2', value: 6 });
      await p.whenPaused();
      expect(seen().length).toBeLessThan(5);
      p.resume();
      await until(() => hits().length === 2);
      expect(hits()[1]!.hit).toMatchObject({ value: 10 });
      p.resume();
      expect((await done).status).toBe('completed');
      expect(seen()).toEqual([2, 4, 6, 8, 10]);
    });

    it('a condition that does not parse is reported with its place, and the run goes on', async () => {
      const { done, events } = await start({ fastPath, breakpoints: { conditions: [{ key: 'src.out..mid.x', condition: 'value >' }] } });
      expect((await done).status).toBe('completed');
      const log = events.find((e) => e.kind === 'log' && e.level === 'error');
      expect(log).toMatchObject({ message: expect.stringMatching(/^Breakpoint on src\.out\.\.mid\.x: value > — 1:\d+: /) });
    });

    it('Stop while paused ends the run; the sink keeps the values it was sent', async () => {
      const { p, done, seen } = await start({ fastPath, startPaused: true });
      await p.step();
      await p.step();
      await p.step();
      // mid has stepped twice: once the pause settles, sink holds its second value (4).
      await p.whenPaused();
      expect(p.component('sink')!.status).toBe('paused');
      p.cancel();
      const result = await done;
      expect(result.status).toBe('stopped');
      expect(seen()).toEqual([2, 4]);
    });
  });
}

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}
