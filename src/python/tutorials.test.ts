// Plugboard's own tutorial modules (verbatim Python) run the tutorial YAMLs and give the same
// files as the TypeScript library, byte for byte (timestamps aside), and the figures of spec §14.
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseFiles, runnableFixtures } from '../../bench/hostFixtures.ts';
import { createRegistry } from '../library/index.ts';
import { loadModules } from '../modules/loadModules.ts';
import { enablePython } from './loadPythonModules.ts';
import { pythonFixture, runFixture } from './testing.node.ts';

beforeAll(async () => {
  await enablePython();
}, 180_000);

/** Every runnable tutorial/demo YAML (fixtures/plugboard-yaml/README.md) and its upstream module. */
const MODULE_OF: Readonly<Record<string, string>> = {
  '001_hello_world__model.yaml': '001_hello_world__hello_world.py',
  '002_complex_processes__branching.yaml': '002_complex_processes__components.py',
  '002_complex_processes__loop.yaml': '002_complex_processes__components.py',
  '002_complex_processes__parameters.yaml': '002_complex_processes__components.py',
  '002_production_line_optimisation__production-line.yaml': 'fundamentals__002_production_line_optimisation__production_line.py',
  '003_factory_simulation__factory-simulation.yaml': 'fundamentals__003_factory_simulation__factory_simulation.py',
  '004_using_ray__model-ray.yaml': '004_using_ray__hello_ray.py',
  '005_events__model.yaml': '005_events__hello_events.py',
  '006_optimisation__model-with-tuner.yaml': '006_optimisation__hello_tuner.py',
};

describe('tutorial YAMLs with the upstream .py modules match the TypeScript library', () => {
  // The bench's adapted fixtures: short sleeps, and a FileWriter on each unconnected result field.
  const fixtures = runnableFixtures();
  for (const [yaml, python] of Object.entries(MODULE_OF)) {
    it(`${yaml} with ${python}`, async () => {
      const module = pythonFixture(python);
      const text = fixtures[yaml]!;
      const ts = await runFixture(yaml, [], { seed: 7, text });
      const py = await runFixture(yaml, [module], { seed: 7, text });
      expect(py.result.error).toBeUndefined();
      expect(py.result.status).toBe('completed');
      // The module's components really are the Python classes.
      const stem = module.file.slice(0, -3);
      const names = py.process.spec.components.filter((c) => c.type.startsWith(`${stem}.`)).map((c) => c.args['name'] as string);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(py.component(name)).toHaveProperty('py');
      expect(Object.keys(py.result.files).length).toBeGreaterThan(0);
      expect(normaliseFiles(py.result.files)).toEqual(normaliseFiles(ts.result.files));
    }, 60_000);
  }
});

describe('spec §14 figures from the Python classes', () => {
  it('006 tuner model: max_y = 3.6391259920960635', async () => {
    const { component } = await runFixture('006_optimisation__model-with-tuner.yaml', [pythonFixture('006_optimisation__hello_tuner.py')]);
    expect(component('max-height').out).toEqual({ max_y: 3.6391259920960635 });
  });

  it('production line: cost_per_unit = 23.739706768427396', async () => {
    const { component } = await runFixture('002_production_line_optimisation__production-line.yaml', [
      pythonFixture('fundamentals__002_production_line_optimisation__production_line.py'),
    ]);
    expect((component('cost_per_unit').out as { cost_per_unit: number }).cost_per_unit).toBe(23.739706768427396);
  });

  it('factory simulation: total_value = 14790000.0 (Python random.Random(seed))', async () => {
    const { component } = await runFixture('003_factory_simulation__factory-simulation.yaml', [
      pythonFixture('fundamentals__003_factory_simulation__factory_simulation.py'),
    ]);
    expect((component('factory').out as { total_value: number }).total_value).toBe(14790000);
  });

  it('Ray tutorial (local): 10 timestamp rows; x and y carry None (Q2)', async () => {
    const text = runnableFixtures()['004_using_ray__model-ray.yaml']!; // sleeps scaled down
    const { result, component } = await runFixture('004_using_ray__model-ray.yaml', [pythonFixture('004_using_ray__hello_ray.py')], { text });
    const rows = result.files['ray.csv']!.trimEnd().split('\n');
    expect(rows[0]).toBe('timestamp');
    expect(rows.slice(1)).toHaveLength(10);
    for (const row of rows.slice(1)) expect(row).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(component('slow-sleep').out).toEqual({ y: null });
  });
});

describe('modules that need what the browser runtime lacks fail clearly', () => {
  it('hello_llm (httpx): located error at the import line', () => {
    const { diagnostics } = loadModules([pythonFixture('003_more_components__hello_llm.py')], createRegistry());
    expect(diagnostics.map((d) => [d.file, d.range?.start.line, d.message])).toEqual([['hello_llm.py', 7, 'httpx is not available in the browser runtime']]);
  });

  it('hello_tuner imports (optuna is a stand-in); its custom search space fails clearly when used', async () => {
    const registry = createRegistry();
    expect(loadModules([pythonFixture('006_optimisation__hello_tuner.py')], registry).diagnostics).toEqual([]);
    const python = await enablePython();
    const call = 'import hello_tuner, optuna\ntry:\n    hello_tuner.custom_space(optuna.Trial())\nexcept Exception as e:\n    message = str(e)\nmessage';
    expect(python.pyodide.runPython(call)).toBe(
      'optuna is not available in the browser runtime: custom search spaces (Ray Tune) run with Python Plugboard',
    );
  });
});
