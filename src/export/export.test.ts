import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { EXAMPLE_MODULE_FILES, toExampleModule } from '../modules/examples.ts';
import { loadModules } from '../modules/loadModules.ts';
import { parseConfig } from '../yaml/index.ts';
import { exportForPlugboard, pythonLiteral, stepSource, zipExport } from './index.ts';

const FIXTURES = new URL('../../fixtures/plugboard-yaml/', import.meta.url);
const ORACLE = new URL('../../../shared/oracles/check-plugboard-yaml', import.meta.url).pathname;
const MAIN = new URL('../cli/main.ts', import.meta.url).pathname;
const MY_MOD = readFileSync(new URL('../cli/testdata/my_mod.ts', import.meta.url), 'utf8');
const USER_YAML = `plugboard:
  process:
    args:
      components:
      - type: my_mod.Counter
        args: {name: counter, iters: 5}
      - type: my_mod.Boom
        args: {name: boom}
      connectors:
      - source: counter.n
        target: boom.n
  tune:
    args:
      objective: {object_name: boom, field_type: field, field_name: n}
      parameters:
      - {type: ray.tune.randint, object_type: component, object_name: counter, field_type: arg, field_name: iters, lower: 1, upper: 4}
      num_samples: 4
`;

function writeAll(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pb-export-'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}
const pyCompile = (paths: string[]) => spawnSync('python3', ['-m', 'py_compile', ...paths], { encoding: 'utf8' });

function exportOf(yaml: string, yamlName: string, modules: { file: string; source: string }[] = []) {
  const registry = createRegistry();
  if (modules.length) expect(loadModules(modules, registry).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const parsed = parseConfig(yaml, { catalog: registry, file: yamlName });
  return exportForPlugboard({ yaml, yamlName, config: parsed.config!, modules, catalog: registry });
}

describe('Export for Plugboard', () => {
  it('tutorial: YAML as written, README with run/tune commands and Plugboard’s own hello_tuner module; Plugboard accepts the YAML', () => {
    const yaml = readFileSync(new URL('006_optimisation__model-with-tuner.yaml', FIXTURES), 'utf8');
    const { files, warnings } = exportOf(yaml, 'model-with-tuner.yaml');
    expect(Object.keys(files).sort()).toEqual(['README.md', 'model-with-tuner.yaml']);
    expect(files['model-with-tuner.yaml']).toBe(yaml);
    expect(warnings).toEqual([]);
    const readme = files['README.md']!;
    expect(readme).toContain('plugboard process run model-with-tuner.yaml');
    expect(readme).toContain('plugboard process tune model-with-tuner.yaml');
    expect(readme).toContain('https://raw.githubusercontent.com/plugboard-dev/plugboard/main/examples/tutorials/006_optimisation/hello_tuner.py');
    expect(readme).toMatch(/ray job submit .* -- plugboard process tune model-with-tuner\.yaml/);
    const dir = writeAll(files);
    expect(spawnSync('python3', [ORACLE, join(dir, 'model-with-tuner.yaml')], { encoding: 'utf8' }).stdout).toMatch(/^OK /);
  });

  it('user modules become Python modules: class per component, io, args with defaults, docstring, TS step as a comment', () => {
    const { files } = exportOf(USER_YAML, 'model.yaml', [{ file: 'my_mod.ts', source: MY_MOD }]);
    const py = files['my_mod.py']!;
    expect(py).toContain('class Counter(Component):');
    expect(py).toContain("io = IO(outputs=['n'])");
    expect(py).toContain('def __init__(self, iters: int = 3, **kwargs: _t.Unpack[ComponentArgsDict]) -> None:');
    expect(py).toContain('self.iters = iters');
    expect(py).toContain('        #     this.out.n = this.i++;');
    expect(py).toContain("class Boom(Component):\n    \"\"\"");
    expect(py).toContain("#     if (this.in.n === 2) throw new Error('boom at two');");
    expect(py).toContain('raise NotImplementedError("Port Boom.step from the TypeScript above")');
    const dir = writeAll(files);
    const compiled = pyCompile([join(dir, 'my_mod.py')]);
    expect(compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    expect(spawnSync('python3', [ORACLE, join(dir, 'model.yaml')], { encoding: 'utf8' }).stdout).toMatch(/^OK /);
  });

  it('every tutorial module exported as a user module is valid Python', () => {
    const modules = EXAMPLE_MODULE_FILES.map((f) => toExampleModule(f, readFileSync(new URL(`../library/${f}`, import.meta.url), 'utf8')));
    const components = modules.map((m, i) => `      - type: ${m.file.replace('.ts', '')}.${/export (?:class|const) (\w+)/.exec(m.source)![1]}\n        args: {name: c${i}}`).join('\n');
    const yaml = `plugboard:\n  process:\n    args:\n      components:\n${components}\n`;
    const { files } = exportOf(yaml, 'all.yaml', modules);
    const pys = Object.keys(files).filter((f) => f.endsWith('.py'));
    expect(pys).toHaveLength(EXAMPLE_MODULE_FILES.length);
    const dir = writeAll(files);
    const compiled = pyCompile(pys.map((f) => join(dir, f)));
    expect(compiled.stderr).toBe('');
    expect(files['hello_events.py']).toContain('# TODO: declare events as Python Event classes');
  });

  it('helpers: Python literals and step extraction', () => {
    expect(pythonLiteral({ a: [1, true, null], b: "it's" })).toBe("{'a': [1, True, None], 'b': 'it\\'s'}");
    expect(stepSource('export const F = defineComponent({\n  step: ({ a }) => ({ x: a }),\n});\nexport class G {}', 'F')).toContain('step: ({ a }) => ({ x: a })');
  });

  it('zips the export under a folder (fflate)', () => {
    const files = { 'model.yaml': 'a: 1\n', 'README.md': '# x\n' };
    const unzipped = unzipSync(zipExport('model', files));
    expect(Object.fromEntries(Object.entries(unzipped).map(([k, v]) => [k, strFromU8(v)]))).toEqual({ 'model/model.yaml': 'a: 1\n', 'model/README.md': '# x\n' });
  });

  it('CLI: process export FILE --out DIR (and --zip)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-export-cli-'));
    writeFileSync(join(dir, 'model.yaml'), USER_YAML);
    writeFileSync(join(dir, 'my_mod.ts'), MY_MOD);
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'process', 'export', join(dir, 'model.yaml'), ...args], { encoding: 'utf8', env: { ...process.env, INIT_CWD: '' } });
    const r = run(['--out', join(dir, 'out')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of ['model.yaml', 'my_mod.py', 'README.md']) expect(existsSync(join(dir, 'out', f))).toBe(true);
    const z = run(['--out', join(dir, 'zipped'), '--zip']);
    expect(z.status).toBe(0);
    expect(Object.keys(unzipSync(readFileSync(join(dir, 'zipped', 'model.zip')))).sort()).toEqual(['model/README.md', 'model/model.yaml', 'model/my_mod.py']);
    const missing = run([]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('--out DIR is required');
  }, 60_000);
});
