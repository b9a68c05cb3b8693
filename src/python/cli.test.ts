// The CLI runs every runnable tutorial YAML with Plugboard's upstream .py modules (--modules DIR)
// and writes the same files as the TypeScript library (timestamps aside; random sources differ
// run to run, so those compare shape); Python errors are reported at the .py line.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseFiles, runnableFixtures } from '../../bench/hostFixtures.ts';
import { enablePython } from './loadPythonModules.ts';
import { pythonFixture, runFixture } from './testing.node.ts';
import { cli } from '../cli/cliTesting.node.ts';



const UPSTREAM = [
  '001_hello_world__hello_world.py',
  '002_complex_processes__components.py',
  '004_using_ray__hello_ray.py',
  '004_using_ray__resources_example.py',
  '005_events__hello_events.py',
  '006_optimisation__hello_tuner.py',
  'fundamentals__002_production_line_optimisation__production_line.py',
  'fundamentals__003_factory_simulation__factory_simulation.py',
];
const RANDOM = new Set(['002_complex_processes__branching.yaml', '002_complex_processes__loop.yaml', '002_complex_processes__parameters.yaml', '005_events__model.yaml']);

let modulesDir = '';
beforeAll(async () => {
  modulesDir = mkdtempSync(join(tmpdir(), 'pb-py-mods-'));
  for (const name of UPSTREAM) {
    const module = pythonFixture(name);
    writeFileSync(join(modulesDir, module.file), module.source);
  }
  await enablePython();
}, 180_000);

function readAll(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('CLI: tutorial YAMLs with --modules DIR of upstream .py modules', () => {
  const fixtures = runnableFixtures();
  for (const yaml of Object.keys(fixtures).filter((n) => !n.startsWith('tests_data'))) {
    it(yaml, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pb-py-cli-'));
      writeFileSync(join(dir, 'model.yaml'), fixtures[yaml]!);
      const r = cli(['process', 'run', join(dir, 'model.yaml'), '--modules', modulesDir, '--out-dir', join(dir, 'out')]);
      expect(r.code, r.stderr).toBe(0);
      const files = normaliseFiles(readAll(join(dir, 'out')));
      // The TypeScript library's files for the same YAML (paths as the CLI writes them).
      const ts = await runFixture(yaml, [], { text: fixtures[yaml]! });
      const want = normaliseFiles(Object.fromEntries(Object.entries(ts.result.files).map(([p, t]) => [p.replace(/^\.\//, ''), t])));
      if (!RANDOM.has(yaml)) expect(files).toEqual(want);
      else {
        expect(Object.keys(files).sort()).toEqual(Object.keys(want).sort());
        for (const [path, text] of Object.entries(want)) if (!yaml.startsWith('005')) expect(files[path]!.split('\n')).toHaveLength(text.split('\n').length);
      }
    }, 120_000);
  }
});

describe('CLI: Python problems at the .py line', () => {
  const MODEL = `plugboard:
  process:
    args:
      components:
      - type: my_mod.Count
        args: {name: c}
      - type: my_mod.Boom
        args: {name: b}
      connectors:
      - source: c.x
        target: b.x
`;
  const MODULE = `from plugboard.component import Component, IOController as IO


class Count(Component):
    io = IO(outputs=["x"])

    async def step(self):
        self.x = (self.x or 0) + 1
        if self.x > 3:
            await self.io.close()


class Boom(Component):
    io = IO(inputs=["x"])

    async def step(self):
        if self.x == 2:
            raise ValueError("boom at two")
`;

  it('a step exception: FILE:LINE of the .py file, and exit code 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-py-err-'));
    writeFileSync(join(dir, 'my_mod.py'), MODULE);
    writeFileSync(join(dir, 'model.yaml'), MODEL);
    const r = cli(['process', 'run', join(dir, 'model.yaml'), '--out-dir', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('my_mod.py:18:1: ValueError: boom at two');
  }, 120_000);

  it('a module importing numpy: the run stops at the import line (validate reads modules without running them)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-py-err-'));
    writeFileSync(join(dir, 'my_mod.py'), `import math\nimport numpy as np\n${MODULE}`);
    writeFileSync(join(dir, 'model.yaml'), MODEL);
    expect(cli(['process', 'validate', join(dir, 'model.yaml')]).code).toBe(0);
    const r = cli(['process', 'run', join(dir, 'model.yaml'), '--out-dir', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'my_mod.py')}:2:1: numpy is not available in the browser runtime`);
  }, 120_000);
});

describe('CLI: process tune with a Python module', () => {
  it('tunes the tuner tutorial with the upstream hello_tuner.py: one worker starts Pyodide, the others from its snapshot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-py-tune-'));
    const module = pythonFixture('006_optimisation__hello_tuner.py');
    writeFileSync(join(dir, module.file), module.source);
    writeFileSync(join(dir, 'model.yaml'), runnableFixtures()['006_optimisation__model-with-tuner.yaml']!);
    const r = cli(['process', 'tune', join(dir, 'model.yaml'), '--num-samples', '6', '--max-concurrent', '3', '--algorithm', 'random', '--seed', '4']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const starts = r.stdout.split('\n').filter((l) => / loaded Python \(Pyodide\) in \d+ ms/.test(l));
    expect(starts.map((l) => l.split(' ')[0]).sort()).toEqual(['tune:0', 'tune:1', 'tune:2']);
    expect(starts.filter((l) => l.endsWith('(from the snapshot)'))).toHaveLength(2);
    expect(r.stdout).toContain('6 trials (0 failed)');
  }, 120_000);
});

