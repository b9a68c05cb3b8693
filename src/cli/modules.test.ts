import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cliTesting.node.ts';

const MODULE = new URL('./testdata/my_mod.ts', import.meta.url).pathname;


function model(sink: string): string {
  return `plugboard:
  process:
    args:
      components:
      - type: my_mod.Counter
        args: {name: counter, iters: 4}
      - type: ${sink}
      connectors:
      - source: counter.n
        target: out.n
`;
}
const WRITER = 'plugboard.library.file_io.FileWriter\n        args: {name: out, path: out.csv, field_names: [n]}';
const BOOM = 'my_mod.Boom\n        args: {name: out}';

describe('plugboard CLI with user modules', () => {
  it.each([['local'], ['ray']])('runs a model whose types come from a module next to the YAML (%s)', (kind) => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-mod-'));
    copyFileSync(MODULE, join(dir, 'my_mod.ts'));
    writeFileSync(join(dir, 'model.yaml'), model(WRITER));
    const r = cli(['process', 'run', join(dir, 'model.yaml'), '--out-dir', join(dir, 'out'), '--process-type', kind]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'out.csv'), 'utf8').trim().split('\n')).toEqual(['n', '0', '1', '2', '3']);
  });

  it('takes modules from --modules DIR, and reports an unknown type without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-mod-'));
    const modules = mkdtempSync(join(tmpdir(), 'pb-mods-'));
    copyFileSync(MODULE, join(modules, 'my_mod.ts'));
    writeFileSync(join(dir, 'model.yaml'), model(WRITER));
    const without = cli(['process', 'validate', join(dir, 'model.yaml')]);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/model\.yaml:5:\d+: .*my_mod\.Counter/);
    const withDir = cli(['process', 'validate', join(dir, 'model.yaml'), '--modules', modules]);
    expect(withDir.code, withDir.stderr).toBe(0);
    expect(withDir.stdout).toContain('Validation passed');
  });

  it("points a step's error at the module's file, line and column", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-mod-'));
    copyFileSync(MODULE, join(dir, 'my_mod.ts'));
    writeFileSync(join(dir, 'model.yaml'), model(BOOM));
    const r = cli(['process', 'run', join(dir, 'model.yaml'), '--out-dir', join(dir, 'out')]);
    expect(r.code).toBe(1);
    const line = readFileSync(MODULE, 'utf8').split('\n').findIndex((l) => l.includes("throw new Error('boom at two')")) + 1;
    expect(r.stderr).toMatch(new RegExp(`my_mod\\.ts:${line}:\\d+: boom at two`));
  });

  it('a step awaiting a promise that never settles: the stuck message names the components', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-mod-'));
    copyFileSync(MODULE, join(dir, 'my_mod.ts'));
    writeFileSync(join(dir, 'model.yaml'), model(WRITER).replace('my_mod.Counter', 'my_mod.Never'));
    const r = cli(['process', 'run', join(dir, 'model.yaml'), '--out-dir', join(dir, 'out'), '--process-type', 'local']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model\.yaml:1:1: the run is stuck: 'counter' \(running\), 'out' \(running\) never finished/);
  });

  it('a throw in a module timer is reported at its module line, the run stops and keeps its rows (local)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-mod-'));
    copyFileSync(MODULE, join(dir, 'my_mod.ts'));
    writeFileSync(join(dir, 'model.yaml'), model(WRITER).replace('my_mod.Counter', 'my_mod.TimerBoom'));
    const r = cli(['process', 'run', join(dir, 'model.yaml'), '--out-dir', join(dir, 'out'), '--process-type', 'local']);
    expect(r.code).toBe(1);
    const line = readFileSync(MODULE, 'utf8').split('\n').findIndex((l) => l.includes("throw new Error('boom in a timer')")) + 1;
    expect(r.stderr).toMatch(new RegExp(`my_mod\\.ts:${line}:\\d+: uncaught in module code: boom in a timer`));
    expect(readFileSync(join(dir, 'out', 'out.csv'), 'utf8')).toMatch(/^n\n0\n1\n/);
  });
});
