import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import * as lib from '../library/test_helpers.ts';
import { arg } from './args.ts';
import { buildProcessSpec } from './buildProcessSpec.ts';
import { componentClass, defineComponent, port } from './Component.ts';
import { defineEvent, StopEvent } from './events.ts';
import { ListSource, PassThrough, Recorder, runForTest as runWith } from './testing.ts';
import type { LocalProcessOptions } from './LocalProcess.ts';

function registry() {
  const r = createRegistry();
  for (const cls of [ListSource, Recorder, PassThrough, Silent, NoStep, Counter, Boom, Forever, Stopper, Pinger, Listener]) r.register(cls);
  return r;
}

/** Declares an output but never assigns it. */
class Silent extends componentClass({ type: 'testing.Silent', description: 'never assigns y', inputs: { x: port() }, outputs: { y: port() } }) {
  override step(): void {}
}
/** No step method: never steps (§3.8 rule 1). */
class NoStep extends componentClass({ type: 'testing.NoStep', description: 'no step', inputs: { x: port() }, outputs: { y: port() } }) {}
/** Assigns its output once (first step) and never again. */
class Counter extends componentClass({ type: 'testing.Counter', description: 'assigns once', inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {
  steps = 0;
  override step(): void {
    if (this.steps++ === 0) this.out.y = 42;
  }
}
class Boom extends componentClass({ type: 'testing.Boom', description: 'fails at step n', inputs: { x: port<number>() }, outputs: { y: port<number>() }, args: { at: arg.integer({ default: 3 }) } }) {
  private n = 0;
  override step(): void {
    if (++this.n === this.args.at) throw new TypeError('boom at step 3');
    this.out.y = this.in.x;
  }
}
class Forever extends componentClass({ type: 'testing.Forever', description: 'never closes', outputs: { out: port<number>() } }) {
  private n = 0;
  override step(): void {
    this.out.out = this.n++;
  }
}
/** Publishes a StopEvent at step `at`. */
class Stopper extends componentClass({ type: 'testing.Stopper', description: 'stops the process', inputs: { x: port<number>() }, args: { at: arg.integer({ default: 3 }) } }) {
  private n = 0;
  override step(): void {
    if (++this.n === this.args.at) this.io.queueEvent(StopEvent.create(this.name, {}));
  }
}
const Ping = defineEvent<{ n: number }>('ping', 'Ping');
class Pinger extends componentClass({ type: 'testing.Pinger', description: 'pings each value', inputs: { x: port<number>() }, outputEvents: [Ping] }) {
  override step(): void {
    this.io.queueEvent(Ping.create(this.name, { n: this.in.x }));
  }
}
/** Event handler supplies the input field: steps once per event (§3.2, §6.6). */
class Listener extends componentClass({ type: 'testing.Listener', description: 'collects pings', inputs: { x: port<number>() }, inputEvents: [Ping], eventPopulatedFields: ['x'] }) {
  readonly got: number[] = [];
  override init(): void {
    this.on(Ping, (e) => {
      this.in.x = e.data.n;
    });
  }
  override step(): void {
    this.got.push(this.in.x);
  }
}

// The whole suite runs twice: with the runtime's fast cycle and with the general state machine
// only (`fastPath: false`), which must behave the same.
for (const fastPath of [true, false]) {
  const runForTest = (spec: Parameters<typeof runWith>[0], r: Parameters<typeof runWith>[1], options: LocalProcessOptions = {}) => runWith(spec, r, { fastPath, ...options });
  describe(`fast path ${fastPath ? 'on' : 'off'}`, () => {
    describe('step algorithm (spec §3.4–3.10)', () => {
      it('§3.6 initial values are prepended, one per read; other fields still wait', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'sa', args: { values: [0, 1, 2] } },
            { type: 'testing.ListSource', name: 'sb', args: { values: [0, 1, 2, 3, 4] } },
            { type: 'testing.Recorder', name: 'rec', args: { fields: ['a', 'b'] }, initial_values: { a: [-2, -1] } },
          ],
          connectors: ['sa.out -> rec.a', 'sb.out -> rec.b'],
        });
        const { result, component } = await runForTest(spec, registry());
        expect(result.status).toBe('completed');
        expect(component<Recorder>('rec').seen).toEqual([
          { a: -2, b: 0 },
          { a: -1, b: 1 },
          { a: 0, b: 2 },
          { a: 1, b: 3 },
          { a: 2, b: 4 },
        ]);
      });

      it('§3.7 fan-in merges one value per step in arrival order; closes when all sources closed', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 's1', args: { values: [1, 2, 3] } },
            { type: 'testing.ListSource', name: 's2', args: { values: [10, 20, 30] } },
            { type: 'testing.ListSource', name: 's3', args: { values: [0, 1, 2, 3, 4, 5] } },
            { type: 'testing.Recorder', name: 'rec', args: { fields: ['in_1', 'in_2'] } },
          ],
          connectors: ['s1.out -> rec.in_1', 's2.out -> rec.in_1', 's3.out -> rec.in_2'],
        });
        const { component } = await runForTest(spec, registry(), { channelCapacity: 1 });
        const seen = component<Recorder>('rec').seen;
        expect(seen).toHaveLength(6);
        expect(seen.map((s) => s.in_2)).toEqual([0, 1, 2, 3, 4, 5]);
        expect(seen.map((s) => s.in_1).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 10, 20, 30]);
        expect(seen.filter((s) => Number(s.in_1) < 10).map((s) => s.in_1)).toEqual([1, 2, 3]); // each source stays in order
      });

      it('§3.7 fan-out sends the same value to every connector', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: ['a', 'b'] } },
            { type: 'testing.Recorder', name: 'r1' },
            { type: 'testing.Recorder', name: 'r2' },
          ],
          connectors: ['src.out -> r1.in_1', 'src.out -> r2.in_1'],
        });
        const { component } = await runForTest(spec, registry());
        expect(component<Recorder>('r1').seen).toEqual([{ in_1: 'a' }, { in_1: 'b' }]);
        expect(component<Recorder>('r2').seen).toEqual([{ in_1: 'a' }, { in_1: 'b' }]);
      });

      it('§3.9 / Q2 an output never assigned is sent as null every step', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: [1, 2, 3] } },
            { type: 'testing.Silent', name: 'silent' },
            { type: 'testing.Recorder', name: 'rec' },
          ],
          connectors: ['src.out -> silent.x', 'silent.y -> rec.in_1'],
        });
        const { component } = await runForTest(spec, registry());
        expect(component<Recorder>('rec').seen).toEqual([{ in_1: null }, { in_1: null }, { in_1: null }]);
      });

      it('§3.9 / Q4 outputs are re-sent every step with their last value', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: [1, 2, 3] } },
            { type: 'testing.Counter', name: 'once' },
            { type: 'testing.Recorder', name: 'rec' },
          ],
          connectors: ['src.out -> once.x', 'once.y -> rec.in_1'],
        });
        const { component } = await runForTest(spec, registry());
        expect(component<Recorder>('rec').seen).toEqual([{ in_1: 42 }, { in_1: 42 }, { in_1: 42 }]);
      });

      it('§3.10 / Q3 values assigned in the closing step are not sent', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'hello_events.Random', name: 'random', args: { iters: 5 } },
            { type: 'testing.Recorder', name: 'rec' },
          ],
          connectors: ['random.value -> rec.in_1'],
        });
        const { result, component } = await runForTest(spec, registry());
        expect(result.status).toBe('completed');
        expect(component<Recorder>('rec').seen).toHaveLength(4);
      });

      it('§3.10 shutdown cascades downstream; every component ends COMPLETED', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: [1] } },
            { type: 'testing.PassThrough', name: 'p', initial_values: { in_2: [0] } },
            { type: 'testing.Recorder', name: 'rec' },
          ],
          connectors: ['src.out -> p.in_1', 'src.out -> p.in_2', 'p.out_1 -> rec.in_1'],
        });
        const { result, events } = await runForTest(spec, registry());
        expect(result.status).toBe('completed');
        const last = new Map<string, string>();
        for (const e of events) if (e.kind === 'component-status') last.set(e.component, e.status);
        expect(Object.fromEntries(last)).toEqual({ src: 'completed', p: 'completed', rec: 'completed' });
      });

      it('§3.11 loop started by an initial value (test_circular_process_topology): in_1 = 9, in_2 = 16', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'tests.integration.test_process_with_components_run.A', name: 'comp_a', args: { iters: 10 } },
            { type: 'tests.integration.test_process_with_components_run.B', name: 'comp_b', args: { factor: 2 } },
            { type: 'testing.PassThrough', name: 'comp_c', initial_values: { in_2: [-1] } },
          ],
          connectors: ['comp_a.out_1 -> comp_c.in_1', 'comp_c.out_1 -> comp_b.in_1', 'comp_b.out_1 -> comp_c.in_2'],
        });
        for (const capacity of [1, 1024]) {
          const { result, component } = await runForTest(spec, registry(), { channelCapacity: capacity });
          expect(result.status).toBe('completed');
          const c = component<PassThrough>('comp_c');
          expect([c.in.in_1, c.in.in_2, c.out.out_1, c.out.out_2]).toEqual([9, 16, 9, 16]);
        }
      });

      it('§3.8 rule 1: a class without step never steps (its outputs are never sent)', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: [1, 2] } },
            { type: 'testing.NoStep', name: 'nostep' },
            { type: 'testing.Recorder', name: 'rec' },
          ],
          connectors: ['src.out -> nostep.x', 'nostep.y -> rec.in_1'],
        });
        const { result, component } = await runForTest(spec, registry());
        expect(result.status).toBe('completed');
        expect(component<Recorder>('rec').seen).toEqual([]);
      });

      it('§6 events: handlers assigning an input make the component step; producer check ends consumers', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: [1, 2, 3] } },
            { type: 'testing.Pinger', name: 'pinger' },
            { type: 'testing.Listener', name: 'listener' },
          ],
          connectors: ['src.out -> pinger.x'],
        });
        const { result, component } = await runForTest(spec, registry(), { ioReadTimeoutMs: 10 });
        expect(result.status).toBe('completed');
        expect(component<Listener>('listener').got).toEqual([1, 2, 3]);
        expect(component<Listener>('listener').status).toBe('completed');
      });

      it('§6.4 a StopEvent stops every component; the process ends COMPLETED (Q14)', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.Forever', name: 'forever' },
            { type: 'testing.Stopper', name: 'stopper', args: { at: 3 } },
          ],
          connectors: ['forever.out -> stopper.x'],
        });
        const { result, component } = await runForTest(spec, registry());
        expect(result.status).toBe('completed');
        expect(component('forever').status).toBe('stopped');
        expect(component('stopper').status).toBe('stopped');
      });

      it('§3.15 function components (defineComponent) assign the returned mapping', async () => {
        const Offset = defineComponent({
          type: 'testing.FnOffset',
          description: 'x = a + offset',
          inputs: { a: port<number>() },
          outputs: { x: port<number>() },
          args: { offset: arg.number({ default: 0 }) },
          step: ({ a }, { args }) => ({ x: a + args.offset }),
        });
        const r = registry();
        r.register(Offset);
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: [1, 2] } },
            { type: 'testing.FnOffset', name: 'off', args: { offset: 10 } },
            { type: 'testing.Recorder', name: 'rec' },
          ],
          connectors: ['src.out -> off.a', 'off.x -> rec.in_1'],
        });
        const { component } = await runForTest(spec, r);
        expect(component<Recorder>('rec').seen).toEqual([{ in_1: 11 }, { in_1: 12 }]);
      });
    });

    describe('LocalProcess (spec §5)', () => {
      it('§5.6 process parameters are shared; component parameters win', async () => {
        const spec = buildProcessSpec({
          parameters: { factor: 3 },
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: [1, 2] } },
            { type: 'tests.integration.test_process_with_components_run.B', name: 'b1' },
            { type: 'tests.integration.test_process_with_components_run.B', name: 'b2', parameters: { factor: 5 } },
          ],
          connectors: ['src.out -> b1.in_1', 'src.out -> b2.in_1'],
        });
        const { component } = await runForTest(spec, registry());
        expect(component<lib.B>('b1').out.out_2).toBe(6);
        expect(component<lib.B>('b2').out.out_2).toBe(10);
        expect(component<lib.B>('b2').parameters).toEqual({ factor: 5 });
      });

      it('a failing step fails the process with the component name; others stop; writers flush', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: [1, 2, 3, 4, 5] } },
            { type: 'testing.Boom', name: 'boom', args: { at: 3 } },
            { type: 'plugboard.library.file_io.FileWriter', name: 'save', args: { path: 'out.csv', field_names: ['v'] } },
          ],
          connectors: ['src.out -> boom.x', 'src.out -> save.v'],
        });
        const { result, component } = await runForTest(spec, registry(), { channelCapacity: 1 });
        expect(result.status).toBe('failed');
        expect(result.error).toMatchObject({ name: 'TypeError', message: 'boom at step 3', component: 'boom' });
        expect(result.error?.stack).toContain('boom at step 3');
        expect(component('boom').status).toBe('failed');
        expect(component('save').status).toBe('stopped');
        expect(result.files['out.csv']).toMatch(/^v\n1\n/); // what the writer had collected is kept
      });

      it('cancel() stops a never-ending run promptly with status stopped', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.Forever', name: 'forever' },
            { type: 'testing.Recorder', name: 'rec' },
          ],
          connectors: ['forever.out -> rec.in_1'],
        });
        const events: string[] = [];
        const { LocalProcess } = await import('./LocalProcess.ts');
        const process = new LocalProcess(spec, registry(), { fastPath, onEvents: (b) => b.forEach((e) => e.kind === 'process-status' && events.push(e.status)) });
        const done = process.execute();
        await new Promise((r) => setTimeout(r, 30));
        process.cancel();
        const result = await done;
        expect(result.status).toBe('stopped');
        expect(process.component('forever')!.status).toBe('stopped');
        expect(events).toEqual(['init', 'running', 'stopped']);
      });

      it('reports an unknown component type and a Python-only type at init', async () => {
        const bad = buildProcessSpec({ components: [{ type: 'nope.Missing', name: 'x' }] });
        const r1 = await runForTest(bad, registry());
        expect(r1.result.status).toBe('failed');
        expect(r1.result.error?.message).toContain("Component class 'nope.Missing' not found");
        const llm = buildProcessSpec({ components: [{ type: 'plugboard.library.llm.LLMChat', name: 'llm' }] });
        const r2 = await runForTest(llm, registry());
        expect(r2.result.error?.message).toContain('exists only in Python');
      });

      it('bounded channels cannot deadlock an uneven join: the consumer detaches when it closes', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'short', args: { values: [1, 2, 3] } },
            { type: 'testing.ListSource', name: 'long', args: { values: Array.from({ length: 500 }, (_, i) => i) } },
            { type: 'testing.Recorder', name: 'rec', args: { fields: ['a', 'b'] } },
          ],
          connectors: ['short.out -> rec.a', 'long.out -> rec.b'],
        });
        const { result, component } = await runForTest(spec, registry(), { channelCapacity: 2 });
        expect(result.status).toBe('completed');
        expect(component<Recorder>('rec').seen).toHaveLength(3);
        expect(component('long').status).toBe('completed');
      });
    });

    describe('LocalProcess validation and stop()', () => {
      it('refuses a cycle without initial values at init (spec §5.5) instead of deadlocking', async () => {
        const { result } = await runForTest(
          buildProcessSpec({
            components: [
              { type: 'testing.ListSource', name: 'src', args: { values: [1] } },
              { type: 'testing.PassThrough', name: 'p' },
              { type: 'testing.PassThrough', name: 'q' },
            ],
            connectors: ['src.out -> p.in_1', 'p.out_1 -> q.in_1', 'q.out_1 -> p.in_2', 'p.out_2 -> q.in_2'],
          }),
          registry(),
        );
        expect(result.status).toBe('failed');
        expect(result.error?.message).toContain('Process validation failed:');
        expect(result.error?.message).toContain('Circular connection detected without initial values');
      });

      it('stop() publishes a StopEvent: components end STOPPED, the process COMPLETED (Q14)', async () => {
        const { LocalProcess } = await import('./LocalProcess.ts');
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.Forever', name: 'forever' },
            { type: 'testing.Recorder', name: 'rec' },
          ],
          connectors: ['forever.out -> rec.in_1'],
        });
        const process = new LocalProcess(spec, registry(), { fastPath });
        const done = process.execute();
        await new Promise((r) => setTimeout(r, 20));
        process.stop();
        const result = await done;
        expect(result.status).toBe('completed');
        expect(process.component('forever')!.status).toBe('stopped');
        expect(process.component('rec')!.status).toBe('stopped');
      });
    });

    describe('deadlock detection', () => {
      it('a run where every component waits forever fails with DeadlockError instead of hanging', async () => {
        const spec = buildProcessSpec({
          components: [
            { type: 'testing.ListSource', name: 'src', args: { values: [1, 2] } },
            { type: 'testing.Recorder', name: 'rec', args: { fields: ['a', 'b'] } },
          ],
          connectors: ['src.out -> rec.a', 'ghost.out -> rec.b'], // unknown source: rec.b never receives (spec §2.6)
        });
        const { result } = await runForTest(spec, registry());
        expect(result.status).toBe('failed');
        expect(result.error).toMatchObject({ name: 'DeadlockError' });
        expect(result.error?.message).toContain('rec.b');
      });
    });
  });
}
