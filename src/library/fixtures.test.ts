import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { overrideProcessType } from '../model/index.ts';
import { parseConfig } from '../yaml/index.ts';
import { runForTest, type Component } from '../runtime/index.ts';
import { createRegistry } from './index.ts';

const FIXTURES = new URL('../../fixtures/plugboard-yaml/', import.meta.url);
const REFS: Record<string, string> = {
  'model-with-tuner.yaml': '006_optimisation__model-with-tuner.yaml',
  'tests/data/minimal-process.yaml': 'tests_data__minimal-process.yaml',
};
const read = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

function load(name: string, kind?: 'local') {
  const registry = createRegistry();
  const parsed = parseConfig(read(name), { catalog: registry, file: name, resolveRef: (ref) => (REFS[ref] ? read(REFS[ref]) : undefined) });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toEqual([]);
  let config = parsed.config!;
  if (kind) config = overrideProcessType(config, kind);
  return { spec: config.process, registry };
}

async function run(name: string, kind?: 'local') {
  const { spec, registry } = load(name, kind);
  const out = await runForTest(spec, registry, { ioReadTimeoutMs: 20 });
  expect(out.result.error).toBeUndefined();
  expect(out.result.status).toBe('completed');
  return out;
}

const lines = (text: string | undefined): string[] => (text ?? '').split('\n').filter((l) => l !== '');
const outputs = (c: Component): Record<string, unknown> => c.out as Record<string, unknown>;

/** Deterministic Math.random for the unseeded tutorial sources. */
function seedMathRandom(): void {
  let state = 12345;
  vi.spyOn(Math, 'random').mockImplementation(() => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  });
}
afterEach(() => vi.restoreAllMocks());

describe('RUN fixtures give the expected results of spec §14', () => {
  it('001 hello world: b.txt = 0, 2, …, 18', async () => {
    const { result } = await run('001_hello_world__model.yaml');
    expect(lines(result.files['./b.txt'])).toEqual(['0', '2', '4', '6', '8', '10', '12', '14', '16', '18']);
  });

  it('tests/data/minimal-process: c.txt gains 0 … 9 (append mode)', async () => {
    const { result } = await run('tests_data__minimal-process.yaml');
    expect(lines(result.files['./c.txt'])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('tests/data/dynamic-param-process: c.txt = 6 × i (Python would print 0.0, 6.0, … — Q22)', async () => {
    const { result } = await run('tests_data__dynamic-param-process.yaml');
    expect(lines(result.files['./c.txt']).map(Number)).toEqual([0, 6, 12, 18, 24, 30, 36, 42, 48, 54]);
  });

  it('002 loop: 5 lines, x1 = r1, xk = rk + 2·x(k−1)', async () => {
    seedMathRandom();
    const { result, component } = await run('002_complex_processes__loop.yaml');
    const xs = lines(result.files['cumulative-sum.txt']).map(Number);
    expect(xs).toHaveLength(5);
    // r_k recovered from the recurrence must be valid samples of [0, 10]
    const rs = xs.map((x, k) => (k === 0 ? x : x - 2 * xs[k - 1]!));
    for (const r of rs) expect(r).toBeGreaterThanOrEqual(0), expect(r).toBeLessThanOrEqual(10);
    expect(outputs(component('sum')).x).toBe(xs[4]);
  });

  it('002 branching: output = 3·input + 10 line by line', async () => {
    const { result } = await run('002_complex_processes__branching.yaml');
    const input = lines(result.files['input.txt']).map(Number);
    const output = lines(result.files['output.txt']).map(Number);
    expect(input).toHaveLength(5);
    output.forEach((o, i) => expect(o).toBeCloseTo(3 * input[i]! + 10, 10));
  });

  it('002 parameters: output = 2.5·input (0.5 from the process, 2.0 override)', async () => {
    const { result } = await run('002_complex_processes__parameters.yaml');
    const input = lines(result.files['input.txt']).map(Number);
    const output = lines(result.files['output.txt']).map(Number);
    expect(input).toHaveLength(5);
    output.forEach((o, i) => expect(o).toBeCloseTo(2.5 * input[i]!, 10));
  });

  it('006 tuner model: max_y = 3.6391259920960635 after 100 steps', async () => {
    const { component } = await run('006_optimisation__model-with-tuner.yaml');
    expect(outputs(component('max-height')).max_y).toBeCloseTo(3.6391259920960635, 13);
  });

  it('production line: cost_per_unit = 236400 / 9958', async () => {
    const { component } = await run('002_production_line_optimisation__production-line.yaml');
    expect(outputs(component('cost_per_unit')).cost_per_unit).toBe(23.739706768427396);
    expect(outputs(component('total_cost')).total_cost).toBe(236400);
    expect(outputs(component('output_stock')).total_output).toBe(9958);
    expect(outputs(component('stockpile')).size).toBe(47);
  });

  it('production line with channel capacity 1: loops and fan-out cannot deadlock through backpressure', async () => {
    const { spec, registry } = load('002_production_line_optimisation__production-line.yaml');
    const { result, component } = await runForTest(spec, registry, { channelCapacity: 1 });
    expect(result.status).toBe('completed');
    expect(outputs(component('cost_per_unit')).cost_per_unit).toBe(23.739706768427396);
  });

  it('factory simulation: total_value = 14790000.0 with the Python-compatible RNG', async () => {
    const { component, events } = await run('003_factory_simulation__factory-simulation.yaml');
    expect(outputs(component('factory')).total_value).toBe(14790000);
    expect(events.filter((e) => e.kind === 'step' && e.component === 'factory')).toHaveLength(365);
  });

  it('004 Ray tutorial run locally: ray.csv has header timestamp and 10 ISO rows; x/y are null (Q2)', async () => {
    const { spec, registry } = load('004_using_ray__model-ray.yaml');
    // Keep the sleeps short: the point is the rows, not the waiting.
    const fast = { ...spec, components: spec.components.map((c) => (c.type === 'hello_ray.Sleep' ? { ...c, args: { ...c.args, sleep_seconds: 0.001 } } : c)) };
    const { result, component } = await runForTest(fast, registry);
    expect(result.status).toBe('completed');
    const rows = lines(result.files['ray.csv']);
    expect(rows[0]).toBe('timestamp');
    expect(rows).toHaveLength(11);
    for (const row of rows.slice(1)) expect(row).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
    expect(component('timestamper').in).toEqual({ x: null, y: null });
  });

  it('005 events: 49 values delivered (Q3); collectors write one row per event', async () => {
    seedMathRandom();
    const { result, component, events } = await run('005_events__model.yaml');
    const found = events.filter((e) => e.kind === 'step' && e.component === 'find-high-low');
    expect(found).toHaveLength(49);
    const high = lines(result.files['high.csv']);
    const low = lines(result.files['low.csv']);
    expect(high[0]).toBe('value');
    expect(low[0]).toBe('value');
    const highSteps = events.filter((e) => e.kind === 'step' && e.component === 'collect-high').length;
    // every step's value is written except the final cycle after the producer check (§6.5)
    expect(high.length - 1).toBe(highSteps - 1);
    for (const v of high.slice(1)) expect(Number(v)).toBeGreaterThanOrEqual(0.8);
    for (const v of low.slice(1)) expect(Number(v)).toBeLessThanOrEqual(0.2);
    expect(component('collect-high').status).toBe('completed');
    expect(highSteps).toBeGreaterThan(1);
  });
});

describe('PARSE fixtures build with the registry', () => {
  it.each(['003_more_components__model.yaml', '004_using_ray__resources-example.yaml', '006_optimisation__model-with-tuner-custom.yaml', 'tests_data__minimal-process-with-tune.yaml'])(
    '%s has no error diagnostics',
    (name) => {
      load(name);
    },
  );
});
