import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/library/index.ts';
import { parseConfig, type ComponentSpec } from '../../src/index.ts';
import { readTuneConfig } from '../../src/tune/index.ts';
import { isObjective, isTunedArg, tuneArg, tuneBounds, useAsObjective } from './tuneFromCanvas.ts';
import { applyDocEdits } from '../document/core.ts';

const TUTORIAL = readFileSync(new URL('../examples/006_optimisation__model-with-tuner.yaml', import.meta.url), 'utf8');
/** The tutorial without its tune section, with a comment to keep. */
const BARE = `# keep me\n${TUTORIAL.slice(0, TUTORIAL.indexOf('  tune:'))}`;
const ORACLE = new URL('../../../shared/oracles/check-plugboard-yaml', import.meta.url).pathname;
const catalog = createRegistry();
const parse = (text: string) => {
  const p = parseConfig(text, { catalog, file: 'm.yaml' });
  expect(p.diagnostics.filter((d) => d.code === 'yaml-syntax')).toEqual([]);
  return p;
};
const outputsOf = (c: ComponentSpec): string[] => [...(catalog.lookup(c.type)?.outputs ?? [])];
/** The text after the store applies the action's edits to `source` (as it does, together). */
const text = (source: string, r: ReturnType<typeof tuneArg>): string => {
  if (!r.ok) throw new Error(r.message);
  const applied = applyDocEdits(source, r.edits);
  if (!applied.ok) throw new Error(applied.message);
  return applied.text;
};
function oracle(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pb-tuneui-')), 'm.yaml');
  writeFileSync(file, yaml);
  const r = spawnSync('python3', [ORACLE, file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim();
}

describe('tune bounds around the current value', () => {
  it.each([
    [25, false, 12.5, 37.5],
    [-4, false, -6, -2],
    [0, false, 0, 1],
    [undefined, false, 0, 1],
    [10, true, 5, 16],
    [1, true, 0, 3],
    [-3, true, -5, 0],
    [0, true, 0, 10],
  ])('%s (integer %s) → [%s, %s)', (v, integer, lower, upper) => {
    expect(tuneBounds(v, integer)).toEqual({ lower, upper });
  });
  it('randint keeps at least two values', () => {
    const b = tuneBounds(0.1, true);
    expect(b.upper - b.lower).toBeGreaterThanOrEqual(2);
  });
});

describe('Tune… on an arg', () => {
  it('adds a uniform parameter ±50 % to an existing tune section, comments and other lines kept', () => {
    const { config } = parse(TUTORIAL);
    expect(isTunedArg(config, 'trajectory', 'angle')).toBe(true);
    expect(tuneArg(config, 'trajectory', 'angle', 25, false, outputsOf)).toEqual({ ok: false, message: 'trajectory.angle is already a tune parameter.' });
    const horizontal = config.process.components.find((c) => c.name === 'horizontal')!;
    const out = text(TUTORIAL, tuneArg(config, 'horizontal', 'iters', horizontal.args['iters'], true, outputsOf));
    const iters = Number(horizontal.args['iters']);
    const tune = readTuneConfig(parse(out).config!, undefined);
    if (!tune.ok) throw new Error('tune not read');
    const added = tune.tune.parameters.find((p) => p.fullName === 'component.horizontal.arg.iters')!;
    expect(added).toMatchObject({ kind: 'randint', lower: Math.floor(iters / 2), upper: Math.ceil(iters * 1.5) + 1 });
    expect(tune.tune.parameters).toHaveLength(3);
    // Only lines were added: every line of the original is still there, in order.
    const lines = out.split('\n');
    let at = 0;
    const missing = TUTORIAL.split('\n').filter((line) => {
      const i = lines.indexOf(line, at);
      if (i >= 0) at = i + 1;
      return i < 0;
    });
    expect(missing).toEqual([]);
    expect(lines.length).toBe(TUTORIAL.split('\n').length + 7);
    expect(oracle(out)).toMatch(/^OK /);
  });

  it('creates the tune section when absent (objective: the last component’s first output, max); Plugboard accepts it', () => {
    const { config } = parse(BARE);
    const r = tuneArg(config, 'trajectory', 'velocity', 20, false, outputsOf);
    const out = text(BARE, r);
    expect(out.startsWith(BARE)).toBe(true);
    expect(r.ok && r.note).toMatch(/maximising max-height\.max_y/);
    const tune = readTuneConfig(parse(out).config!, undefined);
    if (!tune.ok) throw new Error('tune not read');
    expect(tune.tune.parameters.map((p) => [p.fullName, p.kind, p.lower, p.upper])).toEqual([['component.trajectory.arg.velocity', 'uniform', 10, 30]]);
    expect(tune.tune.objectives).toEqual([expect.objectContaining({ component: 'max-height', field: 'max_y' })]);
    expect(oracle(out)).toMatch(/^OK /);
  });
});

describe('Use as objective', () => {
  it('sets objective and mode in one text edit', () => {
    const { config } = parse(TUTORIAL);
    const out = text(TUTORIAL, useAsObjective(config, 'trajectory', 'y', 'min'));
    const parsed = parse(out);
    expect(isObjective(parsed.config!, 'trajectory', 'y')).toBe(true);
    expect(isObjective(parsed.config!, 'max-height', 'max_y')).toBe(false);
    const tune = readTuneConfig(parsed.config!, undefined);
    if (!tune.ok) throw new Error('tune not read');
    expect(tune.tune.modes).toEqual(['min']);
    expect(tune.tune.parameters).toHaveLength(2);
    expect(oracle(out)).toMatch(/^OK /);
  });

  it('without a tune section writes one with no parameters yet; the first Tune… makes a block list', () => {
    const { config } = parse(BARE);
    const first = text(BARE, useAsObjective(config, 'max-height', 'max_y', 'max'));
    expect(first).toContain('parameters: []');
    const invalid = parse(first).diagnostics.find((d) => d.code === 'tune-invalid');
    expect(invalid?.message).toMatch(/at least one parameter/);
    const second = text(first, tuneArg(parse(first).config!, 'trajectory', 'angle', 25, false, outputsOf));
    expect(second).not.toContain('parameters: []');
    expect(second).toMatch(/\n {6}parameters:\n {6}- type: ray\.tune\.uniform\n {8}object_type: component\n/);
    expect(parse(second).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(oracle(second)).toMatch(/^OK /);
  });
});
