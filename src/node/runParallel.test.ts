// Real worker_threads: parallel runs (groups of components on a worker pool) against local-in-worker runs.
import { afterEach, describe, expect, it } from 'vitest';
import { compareRunFiles, FAULTY_MODULE, faultyModel as model, fixture, runnableFixtures } from '../../bench/hostFixtures.ts';
import type { RunEvent, RunResult } from '../protocol/events.ts';
import type { RunHandle, RunRequest } from '../protocol/run.ts';
import { liveWorkerCount, runLocalInWorker, runParallel, startRunNode } from './runParallel.node.ts';
import type { PlacementPlan } from '../host/placement.ts';
import { parseConfig } from '../yaml/index.ts';

interface Collected {
  readonly result: RunResult;
  readonly events: RunEvent[];
}

async function collect(start: (onEvents: (e: readonly RunEvent[]) => void) => RunHandle, during?: (h: RunHandle) => void): Promise<Collected> {
  const events: RunEvent[] = [];
  const handle = start((batch) => events.push(...batch));
  during?.(handle);
  const result = await handle.done;
  return { result, events };
}

const opts = { seed: 7, recordSteps: true };
const modules = [{ file: 'faulty.ts', source: FAULTY_MODULE }];

afterEach(() => {
  // No worker survives a finished or stopped run.
  expect(liveWorkerCount()).toBe(0);
});

describe('parallel runs give the same files as local runs', () => {
  for (const [name, yaml] of Object.entries(runnableFixtures())) {
    it(name, async () => {
      const request: RunRequest = { yaml };
      const local = await collect((on) => runLocalInWorker(request, on, opts));
      const parallel = await collect((on) => runParallel(request, on, opts));
      expect(local.result.error).toBeUndefined();
      expect(parallel.result.error).toBeUndefined();
      expect(parallel.result.status).toBe('completed');
      expect(local.result.status).toBe('completed');
      expect(compareRunFiles(name, local.result.files, parallel.result.files)).toEqual([]);
      // Step events name the worker (of the placement plan) they ran on.
      const lanes = new Set(parallel.events.flatMap((e) => (e.kind === 'step' ? [e.lane] : [])));
      expect(lanes.size).toBeGreaterThan(0);
      for (const lane of lanes) expect(lane).toMatch(/^worker:\d+$/);
      expect(parallel.events.some((e) => e.kind === 'process-status' && e.status === 'completed')).toBe(true);
    });
  }

  it('every row a writer saves reaches the event stream before the run ends (local and parallel)', async () => {
    const n = 20_000;
    const yaml = `plugboard:
  process:
    args:
      components:
      - type: hello_world.A
        args: { name: a, iters: ${n} }
      - type: plugboard.library.file_io.FileWriter
        args: { name: w, path: out.csv, field_names: ["out_1"] }
      connectors:
      - { source: a.out_1, target: w.out_1 }
`;
    for (const start of [runLocalInWorker, runParallel]) {
      const run = await collect((on) => start({ yaml }, on, opts));
      expect(run.result.status).toBe('completed');
      const rows = run.events.reduce((sum, e) => sum + (e.kind === 'file' ? (e.rows?.length ?? 0) : 0), 0);
      expect(rows, start.name).toBe(n);
    }
  });

  it("a worker about to block for long posts its pending telemetry first (the page sees 'running' during the step)", async () => {
    const yaml = `plugboard:
  process:
    type: plugboard.process.RayProcess
    connector_builder: { type: plugboard.connector.RayConnector }
    args:
      components:
      - type: hello_ray.Iterator
        args: { name: input, iters: 1 }
      - type: hello_ray.Sleep
        args: { name: slow, sleep_seconds: 0.4 }
      connectors:
      - { source: input.x, target: slow.x }
`;
    const received: { at: number; event: RunEvent }[] = [];
    const handle = runParallel({ yaml }, (batch) => {
      const at = Date.now();
      for (const event of batch) received.push({ at, event });
    }, opts);
    expect((await handle.done).status).toBe('completed');
    const running = received.find(({ event: e }) => e.kind === 'component-status' && e.component === 'slow' && e.status === 'running');
    const step = received.find(({ event: e }) => e.kind === 'step' && e.component === 'slow')?.event;
    expect(running).toBeDefined();
    expect(step?.kind).toBe('step');
    if (step?.kind === 'step') expect(running!.at).toBeLessThan(step.end);
  });

  it('pre-loaded files reach FileReader in every host', async () => {
    const yaml = `plugboard:
  process:
    type: plugboard.process.RayProcess
    connector_builder: { type: plugboard.connector.RayConnector }
    args:
      components:
      - type: plugboard.library.file_io.FileReader
        args: { name: r, path: in.csv, field_names: ["a"] }
      - type: plugboard.library.file_io.FileWriter
        args: { name: w, path: out.csv, field_names: ["a"] }
      connectors:
      - { source: r.a, target: w.a }
`;
    const files = { 'in.csv': 'a\n1\n2\n3\n' };
    for (const run of [runParallel, runLocalInWorker]) {
      const { result } = await collect((on) => run({ yaml }, on, { files }));
      expect(result.error).toBeUndefined();
      expect(result.files['out.csv']).toBe('a\n1\n2\n3\n');
    }
  });

  it('a request with the parsed spec runs without the text being parsed again (both hosts)', async () => {
    const config = parseConfig(fixture('001_hello_world__model.yaml')).config!;
    for (const start of [runParallel, runLocalInWorker]) {
      const { result } = await collect((on) => start({ yaml: '# not parsed', config }, on));
      expect(result.status).toBe('completed');
      expect(result.files['./b.txt']).toBe('0\n2\n4\n6\n8\n10\n12\n14\n16\n18\n');
    }
  });

  it('hello world writes 0 2 … 18 in parallel', async () => {
    const { result } = await collect((on) => runParallel({ yaml: fixture('001_hello_world__model.yaml') }, on));
    expect(result.files['./b.txt']).toBe('0\n2\n4\n6\n8\n10\n12\n14\n16\n18\n');
  });
});

describe('failure, stop and cleanup', () => {
  it('a throwing component fails the run with its name, message and stack; writers flush', async () => {
    const { result, events } = await collect((on) => runParallel({ yaml: model('faulty.Boom'), modules }, on));
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ name: 'RangeError', message: 'boom at 3', component: 'm', file: 'faulty.ts', line: 6 });
    expect(result.error?.stack).toContain('boom at 3');
    expect(result.files['out.csv']).toBe('y\n0\n1\n2\n');
    expect(events.some((e) => e.kind === 'process-status' && e.status === 'failed')).toBe(true);
  });

  it('the local host reports the same failure', async () => {
    const { result } = await collect((on) => runLocalInWorker({ yaml: model('faulty.Boom'), modules, mode: 'local' }, on));
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ name: 'RangeError', message: 'boom at 3', component: 'm' });
    // The writer is a sink: it steps the rows sent to it before the failure, then stops.
    expect(result.files['out.csv']).toBe('y\n0\n1\n2\n');
  });

  // Issue 13 item 6: every row sent before a failure or a Stop is kept, in both hosts.
  for (const [middle, ends] of [
    ['faulty.Throw', 'failed'],
    ['faulty.AsyncLoop', 'stopped'],
  ] as const) {
    for (const start of [runParallel, runLocalInWorker]) {
      it(`${start.name}: rows sent before ${middle} ${ends === 'failed' ? 'throws' : 'is stopped'} are all written`, async () => {
        const { result } = await collect(
          (on) => start({ yaml: model(middle, 5), modules }, on),
          (handle) => void (ends === 'stopped' && setTimeout(() => handle.cancel(), 1500)),
        );
        expect(result.status).toBe(ends);
        expect(result.files['out.csv']).toBe('y\n0\n1\n2\n');
      });
    }
  }

  // Issue 13 item 6 / issue 8: the writer would be fused into one worker with the component that
  // then blocks it forever; Stop terminates that worker, and the rows sent before must survive it.
  // (Parallel only: a local run is one thread, see README's deviation list.)
  it('a component sends 5 rows then loops synchronously forever; Stop keeps the 5 rows (parallel)', async () => {
    let plan: PlacementPlan | undefined;
    let running!: () => void;
    const started = new Promise<void>((resolve) => (running = resolve));
    const { result, events } = await collect(
      (on) =>
        runParallel({ yaml: model('faulty.LoopAt', 100), modules }, (batch) => {
          on(batch);
          if (batch.some((e) => e.kind === 'process-status' && e.status === 'running')) running();
        }, { onPlan: (p) => (plan = p) }),
      // Stop well after the start (the 5 rows go out in the first milliseconds), however long the
      // workers took to load under load.
      (handle) => void started.then(() => setTimeout(() => handle.cancel(), 1000)),
    );
    expect(result.status).toBe('stopped');
    expect(result.files['out.csv']).toBe('y\n0\n1\n2\n3\n4\n');
    expect(plan!.workerOf['w']).not.toBe(plan!.workerOf['m']); // the writer is not fused with user code
    expect(plan!.groups[plan!.workerOf['w']!]!.reason).toBe('results');
    // The rows reached the caller as streamed file events (the one source of file text).
    const streamed = events.flatMap((e) => (e.kind === 'file' && e.path === 'out.csv' ? (e.rows ?? []) : []));
    expect(streamed).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('cancel stops a parallel run whose component is stuck in a synchronous loop', async () => {
    let spinning!: () => void;
    const started = new Promise<void>((resolve) => (spinning = resolve));
    const { result, events } = await collect(
      (on) =>
        runParallel({ yaml: model('faulty.Spin'), modules }, (batch) => {
          on(batch);
          if (batch.some((e) => e.kind === 'process-status' && e.status === 'running')) spinning();
        }),
      (handle) => void started.then(() => setTimeout(() => handle.cancel(), 50)),
    );
    expect(result.status).toBe('stopped');
    expect(events.some((e) => e.kind === 'process-status' && e.status === 'stopped')).toBe(true);
  });

  it('cancel stops a local run stuck in a synchronous loop', async () => {
    const { result, events } = await collect(
      (on) => runLocalInWorker({ yaml: model('faulty.Spin'), modules }, on),
      (handle) => setTimeout(() => handle.cancel(), 1500),
    );
    expect(result.status).toBe('stopped');
    expect(events.at(-1)).toMatchObject({ kind: 'process-status', status: 'stopped' });
  });

  it('cancel during start-up ends the run', async () => {
    const { result } = await collect((on) => runParallel({ yaml: fixture('001_hello_world__model.yaml') }, on), (handle) => handle.cancel());
    expect(result.status).toBe('stopped');
  });

  it('an invalid model fails before running, with the validation message', async () => {
    for (const run of [runParallel, runLocalInWorker]) {
      const { result, events } = await collect((on) => run({ yaml: model('no_such.Type') }, on));
      expect(result.status).toBe('failed');
      expect(result.error?.message).toMatch(/no_such\.Type/);
      expect(events.some((e) => e.kind === 'process-status' && e.status === 'failed')).toBe(true);
    }
  });

  it('unreadable YAML fails with the parser message', async () => {
    for (const run of [runParallel, runLocalInWorker]) {
      const { result } = await collect((on) => run({ yaml: 'plugboard: [' }, on));
      expect(result.status).toBe('failed');
      expect(result.error?.name).toBe('ValidationError');
    }
  });

  it('a parallel run follows its placement plan: lanes are its workers, the two Sleep branches run on different ones', async () => {
    const ray = fixture('004_using_ray__model-ray.yaml').replace('sleep_seconds: 0.5', 'sleep_seconds: 0.01').replace('sleep_seconds: 1', 'sleep_seconds: 0.02');
    for (const poolSize of [2, 3]) {
      let plan: PlacementPlan | undefined;
      const { result, events } = await collect((on) => runParallel({ yaml: ray }, on, { poolSize, onPlan: (p) => (plan = p) }));
      expect(result.status).toBe('completed');
      expect(plan!.groups.length).toBeLessThanOrEqual(poolSize);
      const laneOf = new Map(events.flatMap((e) => (e.kind === 'step' ? [[e.component, e.lane] as const] : [])));
      for (const [component, lane] of laneOf) expect(lane).toBe(`worker:${plan!.workerOf[component]}`);
      expect(laneOf.get('slow-sleep')).not.toBe(laneOf.get('very-slow-sleep'));
    }
  });

  it("a module class's own resources (componentClass({ resources }) or static resources) give it a worker of its own; the YAML's replace them", async () => {
    const heavy = [
      "import { componentClass, port } from 'plugboard';",
      "export class Declared extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() }, resources: { cpu: 1 } }) {",
      '  override step(): void { this.out.y = this.in.x; }',
      '}',
      "export class Static extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {",
      "  static resources = { cpu: '2' };",
      '  override step(): void { this.out.y = this.in.x; }',
      '}',
      "export class Light extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {",
      '  override step(): void { this.out.y = this.in.x; }',
      '}',
    ].join('\n');
    const chainOf = (middle: string, extra = '') =>
      model(middle, 20)
        .replace('args: { name: m }', `args: { name: m${extra} }`)
        .replace('      connectors:', `      - type: ${middle}\n        args: { name: m2 }\n      connectors:`)
        .replace('      - source: m.y\n        target: w.y', '      - source: m.y\n        target: m2.x\n      - source: m2.y\n        target: w.y');
    const planOf = async (yaml: string) => {
      let plan: PlacementPlan | undefined;
      const { result } = await collect((on) => runParallel({ yaml, modules: [{ file: 'heavy.ts', source: heavy }] }, on, { onPlan: (p) => (plan = p) }));
      expect(result.status).toBe('completed');
      expect(result.files['out.csv']).toBe(`y\n${Array.from({ length: 20 }, (_, i) => i).join('\n')}\n`);
      return plan!;
    };
    for (const type of ['heavy.Declared', 'heavy.Static']) {
      const plan = await planOf(chainOf(type));
      expect(plan.groups[plan.workerOf['m']!]).toMatchObject({ components: ['m'], reason: 'own-cpu' });
      expect(plan.groups[plan.workerOf['m2']!]).toMatchObject({ components: ['m2'], reason: 'own-cpu' });
    }
    // The instance's resources replace the class's wholesale (Plugboard): cpu 0.5 shares a worker.
    const replaced = await planOf(chainOf('heavy.Declared', ', resources: { cpu: 0.5 }'));
    expect(replaced.groups[replaced.workerOf['m']!]!.reason).toBe('shared');
    const light = await planOf(chainOf('heavy.Light'));
    expect(light.groups.every((g) => g.reason !== 'own-cpu')).toBe(true);
  });

  it('startRun picks parallel for RayProcess and local otherwise; mode overrides', async () => {
    const lanesOf = async (request: RunRequest) => {
      const { events } = await collect((on) => startRunNode(request, on));
      return new Set(events.flatMap((e) => (e.kind === 'step' ? [e.lane] : [])));
    };
    const ray = fixture('004_using_ray__model-ray.yaml').replace('sleep_seconds: 0.5', 'sleep_seconds: 0.001').replace('sleep_seconds: 1', 'sleep_seconds: 0.001');
    const parallelLanes = [...(await lanesOf({ yaml: ray }))];
    expect(parallelLanes.length).toBeGreaterThanOrEqual(2); // a pool of at least 2 workers
    for (const lane of parallelLanes) expect(lane).toMatch(/^worker:\d+$/);
    expect([...(await lanesOf({ yaml: ray, mode: 'local' }))]).toEqual(['worker:local']);
    expect([...(await lanesOf({ yaml: fixture('001_hello_world__model.yaml') }))]).toEqual(['worker:local']);
  });
});
