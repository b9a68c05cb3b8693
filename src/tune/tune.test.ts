import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigSpec } from '../model/spec.ts';
import { createRegistry } from '../library/index.ts';
import { arg, buildProcessSpec, componentClass, createCancel, delay, port } from '../runtime/index.ts';
import { parseConfig } from '../yaml/index.ts';
import {
  buildTrialSpec,
  ConstraintError,
  createInThreadExecutor,
  paretoFront,
  readTuneConfig,
  runStudy,
  tpeGamma,
  tpeWeights,
  type TrialExecutor,
  type TrialRecord,
  type TuneConfig,
} from './index.ts';

const FIXTURES = new URL('../../fixtures/plugboard-yaml/', import.meta.url);
const TUTORIAL = '006_optimisation__model-with-tuner.yaml';
const PRODUCTION = '002_production_line_optimisation__production-line.yaml';

function loadFixture(name: string, registry = createRegistry()) {
  const text = readFileSync(new URL(name, FIXTURES), 'utf8');
  return loadText(text, registry);
}
function loadText(text: string, registry = createRegistry()) {
  const resolveRef = (ref: string): string | undefined => (ref === 'model-with-tuner.yaml' ? readFileSync(new URL(TUTORIAL, FIXTURES), 'utf8') : undefined);
  const parsed = parseConfig(text, { catalog: registry, file: 'model.yaml', resolveRef });
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const read = readTuneConfig(parsed.config!, parsed.ranges);
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  return { config: parsed.config!, tune: read.tune, registry, ranges: parsed.ranges, diagnostics: read.diagnostics };
}
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A study over a pure function of the component `f`'s args (no process run). */
function functionStudy(parameters: string, mode: 'min' | 'max', fn: (args: Record<string, number>) => number): { config: ConfigSpec; tune: TuneConfig; executor: TrialExecutor } {
  const text = `plugboard:
  process:
    args:
      components:
      - type: hello_world.A
        args: {name: f, iters: 1}
  tune:
    args:
      objective: {object_name: f, field_type: field, field_name: out_1}
      parameters:
${parameters}
      num_samples: 10
      mode: ${mode}
`;
  const { config, tune } = loadText(text);
  const executor: TrialExecutor = {
    capacity: 1,
    runTrial: async (request) => ({ status: 'completed', values: [fn(request.spec.components[0]!.args as Record<string, number>)] }),
  };
  return { config, tune, executor };
}
const uniform = (name: string, lower: number, upper: number): string =>
  `      - {type: ray.tune.uniform, object_name: f, field_type: arg, field_name: ${name}, lower: ${lower}, upper: ${upper}}`;

describe('readTuneConfig', () => {
  it('reads the tutorial: full parameter names, objective, mode, samples, concurrency', () => {
    const { tune } = loadFixture(TUTORIAL);
    expect(tune.parameters.map((p) => [p.fullName, p.kind, 'lower' in p ? [p.lower, p.upper] : null])).toEqual([
      ['component.trajectory.arg.angle', 'uniform', [0, 90]],
      ['component.trajectory.arg.velocity', 'uniform', [0, 100]],
    ]);
    expect(tune.objectives).toEqual([{ component: 'max-height', field: 'max_y', fullName: 'component.max-height.field.max_y' }]);
    expect([tune.modes, tune.numSamples, tune.maxConcurrent, tune.multiObjective]).toEqual([['max'], 40, 4, false]);
  });

  it('reads randint parameters and min mode (production line)', () => {
    const { tune } = loadFixture(PRODUCTION);
    expect(tune.parameters.map((p) => p.kind)).toEqual(['randint', 'randint']);
    expect(tune.modes).toEqual(['min']);
  });

  it('locates bad bounds and a missing tune section', () => {
    const text = readFileSync(new URL(TUTORIAL, FIXTURES), 'utf8').replace('upper: 90', 'upper: -5');
    const parsed = parseConfig(text, { catalog: createRegistry(), file: 'm.yaml' });
    const read = readTuneConfig(parsed.config!, parsed.ranges);
    expect(read.ok).toBe(false);
    const d = read.diagnostics.find((x) => x.severity === 'error')!;
    expect(d.message).toContain('upper > lower');
    expect(d.path).toBe('plugboard.tune.args.parameters[0].upper');
    expect(d.range?.start.line).toBe(text.split('\n').findIndex((l) => l.includes('upper: -5')) + 1);
    const none = readTuneConfig({ ...parsed.config!, tune: undefined });
    expect(none.ok).toBe(false);
    expect(none.diagnostics[0]!.message).toContain('no tune section');
  });

  it('warns about a custom (Python) search space and keeps the listed parameters (Q18)', () => {
    const { tune, diagnostics } = loadText(readFileSync(new URL('006_optimisation__model-with-tuner-custom.yaml', FIXTURES), 'utf8'));
    expect(tune.customSpace).toBe('hello_tuner.custom_space');
    expect(diagnostics.map((d) => [d.severity, d.path])).toEqual([['warning', 'plugboard.tune.args.algorithm.space']]);
    expect(tune.parameters).toHaveLength(2);
  });
});

describe('buildTrialSpec', () => {
  const process = buildProcessSpec({
    components: [{ type: 'hello_world.A', name: 'a', args: { iters: 3 }, parameters: { p: 1 } }],
    parameters: { q: 1 },
  });
  const param = (fieldType: 'arg' | 'parameter' | 'initial_value', fieldName: string, objectType: 'component' | 'process' = 'component') => ({
    kind: 'uniform' as const,
    lower: 0,
    upper: 1,
    objectType,
    objectName: objectType === 'component' ? 'a' : null,
    fieldType,
    fieldName,
    path: '',
    fullName: `${objectType}.${objectType === 'component' ? 'a' : 'default'}.${fieldType}.${fieldName}`,
  });

  it('overrides an arg, a component parameter and a process parameter, leaving the input spec alone', () => {
    const ps = [param('arg', 'iters'), param('parameter', 'p'), param('parameter', 'q', 'process')];
    const spec = buildTrialSpec(process, ps, { 'component.a.arg.iters': 7, 'component.a.parameter.p': 2, 'process.default.parameter.q': 3 });
    expect(spec.components[0]!.args['iters']).toBe(7);
    expect(spec.components[0]!.parameters).toEqual({ p: 2 });
    expect(spec.parameters).toEqual({ q: 3 });
    expect(process.components[0]!.args['iters']).toBe(3);
    expect(process.parameters).toEqual({ q: 1 });
  });

  it('stores an initial_value override raw, not in a list (Q18)', () => {
    const spec = buildTrialSpec(process, [param('initial_value', 'x')], { 'component.a.initial_value.x': 5 });
    expect(spec.components[0]!.initialValues).toEqual({ x: 5 });
  });
});

describe('TPE', () => {
  it("uses Optuna's γ and weights", () => {
    expect([1, 10, 11, 40, 300].map(tpeGamma)).toEqual([1, 1, 2, 4, 25]);
    expect(tpeWeights(3)).toEqual([1, 1, 1]);
    const w = tpeWeights(30);
    expect(w).toHaveLength(30);
    expect(w[0]).toBeCloseTo(1 / 30);
    expect(w[4]).toBeCloseTo(1);
    expect(w.slice(5).every((x) => x === 1)).toBe(true);
  });

  const compare = async (study: ReturnType<typeof functionStudy>, n: number, seeds: number) => {
    const best = { random: [] as number[], tpe: [] as number[] };
    for (const algorithm of ['random', 'tpe'] as const)
      for (let seed = 0; seed < seeds; seed++) {
        const result = await runStudy({ ...study, process: study.config.process, seed, algorithm, numSamples: n, maxConcurrent: 1 });
        best[algorithm].push(result.best!.metric!);
      }
    return { random: median(best.random), tpe: median(best.tpe) };
  };

  it('beats random search on Branin (minimum 0.398)', async () => {
    const branin = ({ x, y }: Record<string, number>): number =>
      (y! - (5.1 / (4 * Math.PI ** 2)) * x! ** 2 + (5 / Math.PI) * x! - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x!) + 10;
    const m = await compare(functionStudy([uniform('x', -5, 10), uniform('y', 0, 15)].join('\n'), 'min', branin), 60, 11);
    expect(m.tpe).toBeLessThan(m.random);
    expect(m.tpe).toBeLessThan(1.0);
  });

  it('beats random search on a 3-d quadratic (maximise)', async () => {
    const q = ({ x, y, z }: Record<string, number>): number => -((x! - 1) ** 2) - (y! + 2) ** 2 - (z! - 0.5) ** 2;
    const m = await compare(functionStudy([uniform('x', -5, 5), uniform('y', -5, 5), uniform('z', -5, 5)].join('\n'), 'max', q), 50, 11);
    expect(m.tpe).toBeGreaterThan(m.random);
  });

  it('searches randint and choice parameters within their domains', async () => {
    const study = functionStudy(
      [
        '      - {type: ray.tune.randint, object_name: f, field_type: arg, field_name: n, lower: 3, upper: 7}',
        "      - {type: ray.tune.choice, object_name: f, field_type: arg, field_name: c, categories: [1, 10, 100]}",
      ].join('\n'),
      'max',
      ({ n, c }) => n! * c!,
    );
    const result = await runStudy({ ...study, process: study.config.process, seed: 3, numSamples: 40 });
    for (const t of result.trials) {
      expect([3, 4, 5, 6]).toContain(t.config['component.f.arg.n']);
      expect([1, 10, 100]).toContain(t.config['component.f.arg.c']);
    }
    expect(result.best!.metric).toBe(600);
    // after start-up TPE concentrates on the best category
    const late = result.trials.slice(20).filter((t) => t.config['component.f.arg.c'] === 100).length;
    expect(late).toBeGreaterThan(10);
  });
});

describe('runStudy', () => {
  it('tries points_to_evaluate first and is deterministic with a seed, whatever the finishing order', async () => {
    const study = functionStudy([uniform('x', 0, 10), uniform('y', 0, 10)].join('\n'), 'max', ({ x, y }) => x! + y!);
    const tune: TuneConfig = { ...study.tune, pointsToEvaluate: [{ 'component.f.arg.x': 9.5 }] };
    let order = 0;
    const slow: TrialExecutor = {
      capacity: 4,
      runTrial: async (request, signal) => {
        await delay(((request.index * 7 + order++) % 5) * 2); // finishing order differs from start order
        return study.executor.runTrial(request, signal);
      },
    };
    const a = await runStudy({ tune, process: study.config.process, executor: slow, seed: 11, numSamples: 20, maxConcurrent: 4 });
    const b = await runStudy({ tune, process: study.config.process, executor: study.executor, seed: 11, numSamples: 20, maxConcurrent: 4 });
    const c = await runStudy({ tune, process: study.config.process, executor: study.executor, seed: 12, numSamples: 20, maxConcurrent: 4 });
    expect(a.trials[0]!.config['component.f.arg.x']).toBe(9.5);
    expect(a.trials[0]!.source).toBe('point');
    expect(a.trials.map((t) => t.config)).toEqual(b.trials.map((t) => t.config));
    expect(c.trials.slice(1).map((t) => t.config)).not.toEqual(b.trials.slice(1).map((t) => t.config));
    expect(a.trials.slice(10).some((t) => t.source === 'tpe')).toBe(true);
  });

  it('never runs more than max_concurrent trials at once, and fills the slots', async () => {
    const study = functionStudy(uniform('x', 0, 1), 'max', ({ x }) => x!);
    let inFlight = 0;
    let peak = 0;
    const executor: TrialExecutor = {
      capacity: 8,
      runTrial: async (request, signal) => {
        peak = Math.max(peak, ++inFlight);
        await delay(3);
        inFlight--;
        return study.executor.runTrial(request, signal);
      },
    };
    await runStudy({ tune: { ...study.tune, maxConcurrent: 3 }, process: study.config.process, executor, numSamples: 12 });
    expect(peak).toBe(3);
    peak = 0;
    await runStudy({ tune: { ...study.tune, maxConcurrent: null }, process: study.config.process, executor, numSamples: 12 });
    expect(peak).toBe(8);
  });

  it('stops starting trials when cancelled', async () => {
    const study = functionStudy(uniform('x', 0, 1), 'max', ({ x }) => x!);
    const cancel = createCancel();
    const seen: TrialRecord[] = [];
    const result = await runStudy({
      ...study,
      process: study.config.process,
      numSamples: 50,
      signal: cancel.signal,
      onTrial: (t) => {
        if (t.status !== 'running') seen.push(t);
        if (seen.length === 5) cancel.cancel();
      },
    });
    expect(result.stopped).toBe(true);
    expect(result.trials).toHaveLength(5);
  });

  it('runs a multi-objective study (objective and mode lists) with random search and reports its Pareto front', async () => {
    const text = readFileSync(new URL(TUTORIAL, FIXTURES), 'utf8')
      .replace(/      objective:\n        object_name: max-height\n        field_type: field\n        field_name: max_y\n/, '      objective:\n      - {object_name: max-height, field_type: field, field_name: max_y}\n      - {object_name: trajectory, field_type: field, field_name: y}\n')
      .replace('mode: max', 'mode: [max, min]');
    const { config, tune, registry } = loadText(text);
    expect(tune.multiObjective).toBe(true);
    const result = await runStudy({ tune, process: config.process, executor: createInThreadExecutor(registry, 4), seed: 3, numSamples: 20, algorithm: 'tpe' });
    expect(result.algorithm).toBe('random');
    expect(result.best).toBeUndefined();
    expect(result.pareto.length).toBeGreaterThan(0);
    for (const t of result.trials) expect(t.values).toHaveLength(2);
    for (const p of result.pareto) for (const o of result.trials) expect(o.values![0]! > p.values![0]! && o.values![1]! < p.values![1]!).toBe(false);
  });

  it('reports the Pareto front of a multi-objective study', async () => {
    const t = (index: number, values: number[]): TrialRecord => ({ index, config: {}, status: 'completed', values, source: 'random', startedAt: 0 });
    const trials = [t(0, [1, 1]), t(1, [2, 2]), t(2, [3, 5]), t(3, [0, 0]), t(4, [3, 6])];
    expect(paretoFront(trials, ['max', 'min']).map((x) => x.index)).toEqual([0, 1, 2, 3]);
    expect(paretoFront(trials, ['max', 'max']).map((x) => x.index)).toEqual([4]);
  });
});

describe('studies of real models (in-thread LocalProcess)', () => {
  it('tutorial: TPE beats random search over 5 seeds; every trial runs the sampled args', async () => {
    const { config, tune, registry } = loadFixture(TUTORIAL);
    const executor = createInThreadExecutor(registry, 4);
    const best = { random: [] as number[], tpe: [] as number[] };
    for (const algorithm of ['random', 'tpe'] as const)
      for (let seed = 0; seed < 5; seed++) {
        const result = await runStudy({ tune, process: config.process, executor, seed, algorithm });
        expect(result.trials).toHaveLength(40);
        expect(result.trials.every((t) => t.status === 'completed')).toBe(true);
        best[algorithm].push(result.best!.metric!);
        // the objective is the projectile's max height over x = 0..99 for the sampled args
        const t = result.trials[7]!;
        const theta = ((t.config['component.trajectory.arg.angle'] as number) * Math.PI) / 180;
        const v = t.config['component.trajectory.arg.velocity'] as number;
        let expected = 0;
        for (let x = 0; x < 100; x++) expected = Math.max(expected, x * Math.tan(theta) - (9.81 * x * x) / (2 * v * v * Math.cos(theta) ** 2));
        expect(t.metric).toBeCloseTo(expected, 9);
      }
    expect(median(best.tpe)).toBeGreaterThan(median(best.random));
    expect(median(best.tpe)).toBeGreaterThan(440);
  });

  it('production line: TPE gets within 0.5 % of the grid optimum 22.49', async () => {
    const { config, tune, registry } = loadFixture(PRODUCTION);
    const result = await runStudy({ tune, process: config.process, executor: createInThreadExecutor(registry, 4), seed: 0 });
    expect(result.best!.metric!).toBeLessThan(22.49 * 1.005);
    const thresholds = result.trials.flatMap((t) => Object.values(t.config) as number[]);
    expect(Math.min(...thresholds)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...thresholds)).toBeLessThanOrEqual(99);
  });

  it('records a failing trial with its error and goes on; ConstraintError gives objective_value or ±∞', async () => {
    class Picky extends componentClass({
      type: 'picky.Picky',
      description: 'fails for large angles',
      inputs: { y: port<number>() },
      outputs: { y_out: port<number>() },
      args: { limit: arg.number({ default: 45 }), mode: arg.string({ default: 'error' }) },
    }) {
      override step(): void {
        if (this.in.y > this.args.limit) {
          if (this.args.mode === 'constraint') throw new ConstraintError('too high', 1234);
          if (this.args.mode === 'plain-constraint') throw Object.assign(new Error('too high'), { name: 'ConstraintError' });
          throw new Error(`y ${this.in.y} above ${this.args.limit}`);
        }
        this.out.y_out = this.in.y;
      }
    }
    const registry = createRegistry();
    registry.register(Picky);
    const base = readFileSync(new URL(TUTORIAL, FIXTURES), 'utf8').replace(
      '      connectors:',
      '      - type: picky.Picky\n        args: {name: picky, limit: 20, mode: MODE}\n      connectors:\n      - source: trajectory.y\n        target: picky.y',
    );
    for (const [mode, expected] of [['error', undefined], ['constraint', 1234], ['plain-constraint', -Infinity]] as const) {
      const { config, tune } = loadText(base.replace('MODE', mode), registry);
      const result = await runStudy({ tune, process: config.process, executor: createInThreadExecutor(registry, 2), seed: 1, numSamples: 20, algorithm: 'random' });
      expect(result.trials).toHaveLength(20);
      const bad = result.trials.filter((t) => t.status !== 'completed');
      const good = result.trials.filter((t) => t.status === 'completed');
      expect(bad.length).toBeGreaterThan(0);
      expect(good.length).toBeGreaterThan(0);
      for (const t of bad) {
        expect(t.status).toBe(mode === 'error' ? 'failed' : 'constraint');
        expect(t.error?.component).toBe('picky');
        if (mode === 'error') expect(t.error?.message).toMatch(/above 20/);
        expect(t.metric).toBe(expected);
      }
      expect(good.every((t) => t.metric! <= 20)).toBe(true);
    }
  });

  it('an initial_value override stores the raw number, so the trial fails as in Plugboard (Q18)', async () => {
    const text = readFileSync(new URL(PRODUCTION, FIXTURES), 'utf8').replace(
      /      parameters:\n/,
      '      parameters:\n      - {type: ray.tune.choice, object_name: stockpile, field_type: initial_value, field_name: machine1_running, categories: [true]}\n',
    );
    const { config, tune, registry } = loadText(text);
    const result = await runStudy({ tune, process: config.process, executor: createInThreadExecutor(registry), seed: 1, numSamples: 2 });
    expect(result.trials.map((t) => t.status)).toEqual(['failed', 'failed']);
    expect(result.best).toBeUndefined();
  });
});
