// Real worker_threads: parallel runs (one worker per component) against local-in-worker runs.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent, RunResult } from '../protocol/events.ts';
import type { RunHandle, RunRequest } from '../protocol/run.ts';
import { liveWorkerCount, runLocalInWorker, runParallel, startRunNode } from './runParallel.node.ts';

const FIXTURES = new URL('../../../shared/fixtures/plugboard-yaml/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

/** Adds a FileWriter recording `source` (for models whose result is a component value, not a file). */
const probe = (source: string) => (text: string): string =>
  text
    .replace(
      '      connectors:\n',
      '      - type: plugboard.library.file_io.FileWriter\n        args:\n          name: probe\n          path: probe.csv\n          field_names: ["v"]\n' +
        `      connectors:\n      - source: ${source}\n        target: probe.v\n`,
    );

/** Every fixture the README marks RUN / RUN (local); sleeps of the Ray model scaled down 50×. */
const RUNNABLE: Record<string, (text: string) => string> = {
  '001_hello_world__model.yaml': (t) => t,
  '002_complex_processes__branching.yaml': (t) => t,
  '002_complex_processes__loop.yaml': (t) => t,
  '002_complex_processes__parameters.yaml': (t) => t,
  '002_production_line_optimisation__production-line.yaml': probe('cost_per_unit.cost_per_unit'),
  '003_factory_simulation__factory-simulation.yaml': probe('factory.total_value'),
  '004_using_ray__model-ray.yaml': (t) => t.replace('sleep_seconds: 0.5', 'sleep_seconds: 0.01').replace('sleep_seconds: 1', 'sleep_seconds: 0.02'),
  '005_events__model.yaml': (t) => t,
  '006_optimisation__model-with-tuner.yaml': probe('max-height.max_y'),
  'tests_data__dynamic-param-process.yaml': (t) => t,
  'tests_data__minimal-process.yaml': (t) => t,
};

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

/** ISO timestamps (Timestamper) differ run to run; everything else must match byte for byte. */
const normalise = (files: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).map(([p, t]) => [p, t.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?/g, '<time>')]));

const opts = { seed: 7, recordSteps: true };

afterEach(() => {
  // No worker survives a finished or stopped run.
  expect(liveWorkerCount()).toBe(0);
});

describe('parallel runs give the same files as local runs', () => {
  for (const [name, adapt] of Object.entries(RUNNABLE)) {
    it(name, async () => {
      const request: RunRequest = { yaml: adapt(fixture(name)) };
      const local = await collect((on) => runLocalInWorker(request, on, opts));
      const parallel = await collect((on) => runParallel(request, on, opts));
      expect(local.result.error).toBeUndefined();
      expect(parallel.result.error).toBeUndefined();
      expect(parallel.result.status).toBe('completed');
      expect(local.result.status).toBe('completed');
      expect(Object.keys(local.result.files).length).toBeGreaterThan(0);
      if (name.startsWith('005_events')) {
        // Event consumers step once per batch of events that arrived together, which depends on
        // thread timing (as on Ray): each row is a value the local run also wrote, and the last
        // row of each file agrees.
        for (const [path, text] of Object.entries(parallel.result.files)) {
          const localRows = (local.result.files[path] ?? '').trimEnd().split('\n');
          const rows = text.trimEnd().split('\n');
          for (const row of rows) expect(localRows).toContain(row);
          expect(rows.at(-1)).toBe(localRows.at(-1));
        }
        expect(Object.keys(parallel.result.files).sort()).toEqual(Object.keys(local.result.files).sort());
      } else {
        expect(normalise(parallel.result.files)).toEqual(normalise(local.result.files));
      }
      // Step events name the worker they ran on.
      const lanes = new Set(parallel.events.flatMap((e) => (e.kind === 'step' ? [e.lane] : [])));
      for (const lane of lanes) expect(lane).toMatch(/^worker:/);
      expect(parallel.events.some((e) => e.kind === 'process-status' && e.status === 'completed')).toBe(true);
    });
  }

  it('hello world writes 0 2 … 18 in parallel', async () => {
    const { result } = await collect((on) => runParallel({ yaml: fixture('001_hello_world__model.yaml') }, on));
    expect(result.files['./b.txt']).toBe('0\n2\n4\n6\n8\n10\n12\n14\n16\n18\n');
  });
});

const MODULE = [
  "import { componentClass, port, arg, blockingSleep } from 'plugboard';",
  'export class Boom extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() }, args: { at: arg.number({ default: 3 }) } }) {',
  '  override step(): void {',
  '    if (this.in.x === this.args.at) {',
  '      blockingSleep(1000); // lets the values sent before reach the writer, even on a busy machine',
  "      throw new RangeError('boom at ' + this.in.x);",
  '    }',
  '    this.out.y = this.in.x;',
  '  }',
  '}',
  'export class Spin extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {',
  '  override step(): void {',
  '    for (;;) { /* stuck */ }',
  '  }',
  '}',
].join('\n');

const model = (middle: string, iters = 1000): string => `plugboard:
  process:
    type: plugboard.process.RayProcess
    connector_builder:
      type: plugboard.connector.RayConnector
    args:
      components:
      - type: hello_world.A
        args: { name: a, iters: ${iters} }
      - type: ${middle}
        args: { name: m }
      - type: plugboard.library.file_io.FileWriter
        args: { name: w, path: out.csv, field_names: ["y"] }
      connectors:
      - source: a.out_1
        target: m.x
      - source: m.y
        target: w.y
`;

const modules = [{ file: 'faulty.ts', source: MODULE }];

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
    const { result } = await collect(
      (on) => runLocalInWorker({ yaml: model('faulty.Spin'), modules }, on),
      (handle) => setTimeout(() => handle.cancel(), 1500),
    );
    expect(result.status).toBe('stopped');
  });

  it('cancel during start-up ends the run', async () => {
    const { result } = await collect((on) => runParallel({ yaml: fixture('001_hello_world__model.yaml') }, on), (handle) => handle.cancel());
    expect(result.status).toBe('stopped');
  });

  it('an invalid model fails before running, with the validation message', async () => {
    const { result } = await collect((on) => runParallel({ yaml: model('no_such.Type') }, on));
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/no_such\.Type/);
  });

  it('startRun picks parallel for RayProcess and local otherwise; mode overrides', async () => {
    const lanesOf = async (request: RunRequest) => {
      const { events } = await collect((on) => startRunNode(request, on));
      return new Set(events.flatMap((e) => (e.kind === 'step' ? [e.lane] : [])));
    };
    const ray = fixture('004_using_ray__model-ray.yaml').replace('sleep_seconds: 0.5', 'sleep_seconds: 0.001').replace('sleep_seconds: 1', 'sleep_seconds: 0.001');
    expect([...(await lanesOf({ yaml: ray }))].sort()).toEqual(['worker:input', 'worker:save-results', 'worker:slow-sleep', 'worker:timestamper', 'worker:very-slow-sleep']);
    expect([...(await lanesOf({ yaml: ray, mode: 'local' }))]).toEqual(['worker:local']);
  });
});
