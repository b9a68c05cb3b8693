import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/library/index.ts';
import { createInThreadExecutor, type TrialExecutor } from '../../src/tune/index.ts';
import { parseConfig } from '../../src/index.ts';
import { createTuneSession, pythonStartsText } from './tuneSession.ts';
import { trialsCsv } from './trialsCsv.ts';
import { parameterData } from './TuneEditor.tsx';

const TUTORIAL = readFileSync(new URL('../examples/006_optimisation__model-with-tuner.yaml', import.meta.url), 'utf8');
const config = parseConfig(TUTORIAL, { catalog: createRegistry(), file: 'm.yaml' }).config!;

function session(executor: TrialExecutor = createInThreadExecutor(createRegistry(), 4)) {
  const created: number[] = [];
  let disposed = 0;
  const s = createTuneSession({
    poolSize: 2,
    flushMs: 1,
    createExecutor: (_model, size) => {
      created.push(size);
      return { ...executor, dispose: () => void disposed++ };
    },
  });
  return { s, created, disposed: () => disposed };
}
const until = async (pred: () => boolean): Promise<void> => {
  for (let i = 0; i < 2000 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(pred()).toBe(true);
};

describe('Tune session', () => {
  it('runs the study, tracks the best trial and releases the pool', async () => {
    const { s, created, disposed } = session();
    s.getState().start({ config, seed: 2, numSamples: 10 });
    expect(s.getState().phase).toBe('running');
    await until(() => s.getState().phase === 'done');
    const st = s.getState();
    expect(created).toEqual([2]); // min(max_concurrent 4, pool 2)
    expect(disposed()).toBe(1);
    expect(st.finished).toBe(10);
    expect(st.trials.filter((t) => t.status === 'completed')).toHaveLength(10);
    expect(st.best!.metric).toBe(Math.max(...st.trials.map((t) => t.metric!)));
  });

  it('Stop ends the study and says so', async () => {
    const slow: TrialExecutor = {
      capacity: 2,
      runTrial: (_r, signal) => new Promise((resolve) => signal.onCancel(() => resolve({ status: 'stopped' }))),
    };
    const { s } = session(slow);
    s.getState().start({ config, numSamples: 50 });
    await until(() => s.getState().trials.length === 4);
    s.getState().stop();
    expect(s.getState().phase).toBe('stopping');
    await until(() => s.getState().phase === 'done');
    expect(s.getState().message).toBe('Stopped after 4 trials.');
  });

  it('reports an unreadable tune section instead of starting', () => {
    const { s, created } = session();
    s.getState().start({ config: { ...config, tune: { args: { num_samples: 0 } } } });
    expect(s.getState().phase).toBe('idle');
    expect(s.getState().message).toMatch(/objective/);
    expect(created).toEqual([]);
  });
});

describe('trials.csv and the parameter form', () => {
  it('writes one row per trial with full names, objective and errors', async () => {
    const { s } = session();
    s.getState().start({ config, seed: 1, numSamples: 3 });
    await until(() => s.getState().phase === 'done');
    const { tune, trials } = s.getState();
    const lines = trialsCsv(tune!, [...trials, { ...trials[0]!, index: 3, status: 'failed', values: undefined, error: { name: 'E', message: 'bad, "quoted"' } }]).trim().split('\n');
    expect(lines[0]).toBe('trial,status,component.trajectory.arg.angle,component.trajectory.arg.velocity,component.max-height.field.max_y,duration_ms,error');
    expect(lines).toHaveLength(5);
    expect(lines[1]!.startsWith(`0,completed,${trials[0]!.config['component.trajectory.arg.angle']},`)).toBe(true);
    expect(lines[4]).toMatch(/^3,failed,.*,,\d+,"bad, ""quoted"""$/);
  });

  it('turns the form into a tune parameter mapping or says what is wrong', () => {
    const d = { component: 'trajectory', arg: 'angle', kind: 'uniform' as const, lower: '0', upper: '90', categories: '' };
    expect(parameterData(d)).toEqual({ type: 'ray.tune.uniform', object_type: 'component', object_name: 'trajectory', field_type: 'arg', field_name: 'angle', lower: 0, upper: 90 });
    expect(parameterData({ ...d, upper: '-1' })).toMatch(/greater than lower/);
    expect(parameterData({ ...d, kind: 'randint', lower: '0.5' })).toMatch(/whole numbers/);
    expect(parameterData({ ...d, kind: 'choice', categories: '30, "fast"' })).toMatchObject({ categories: [30, 'fast'] });
    expect(parameterData({ ...d, kind: 'choice', categories: 'fast' })).toMatch(/comma-separated/);
  });
});

describe('Python starts of a study', () => {
  it('are kept per study and said in one line', async () => {
    let report: ((start: { worker: number; from: 'fresh' | 'snapshot'; loadMs: number }) => void) | undefined;
    const executor = createInThreadExecutor(createRegistry(), 2);
    const s = createTuneSession({
      poolSize: 2,
      flushMs: 1,
      createExecutor: (_model, _size, onPythonStart) => {
        report = onPythonStart;
        return { ...executor, dispose: () => undefined };
      },
    });
    s.getState().start({ config, seed: 1, numSamples: 2 });
    report!({ worker: 0, from: 'fresh', loadMs: 1534 });
    report!({ worker: 1, from: 'snapshot', loadMs: 212 });
    report!({ worker: 2, from: 'snapshot', loadMs: 288 });
    expect(s.getState().pythonStarts.map((p) => p.worker)).toEqual([0, 1, 2]);
    expect(pythonStartsText(s.getState().pythonStarts)).toBe('Python (Pyodide): 1 worker started fresh (1.5 s), 2 from the snapshot (0.2–0.3 s)');
    await until(() => s.getState().phase === 'done');
    s.getState().start({ config, seed: 1, numSamples: 2 });
    expect(s.getState().pythonStarts).toEqual([]); // a new study starts a new list
    report!({ worker: 0, from: 'snapshot', loadMs: 250 });
    expect(pythonStartsText(s.getState().pythonStarts)).toBe('Python (Pyodide): 1 worker from the snapshot (0.3 s)');
    await until(() => s.getState().phase === 'done');
  });
});
