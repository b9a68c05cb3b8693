import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { applyEdits, parseConfig } from '../yaml/index.ts';
import { applyTuneEdit } from '../yaml/tuneEdits.ts';
import { bestConfigEdits, createInThreadExecutor, readTuneConfig, runStudy } from './index.ts';

const FIXTURES = new URL('../../fixtures/plugboard-yaml/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const TUTORIAL = read('006_optimisation__model-with-tuner.yaml');
/** Plugboard's own pydantic schema (CI has shared/ beside the clone). */
const ORACLE = new URL('../../../shared/oracles/check-plugboard-yaml', import.meta.url).pathname;

function oracle(texts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pb-tune-oracle-'));
  const files = Object.entries(texts).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
  const r = spawnSync('python3', [ORACLE, ...files], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim() + (r.status === 0 ? '' : `\nexit ${r.status}`);
}

function tuneOf(text: string) {
  const parsed = parseConfig(text, { catalog: createRegistry(), file: 'm.yaml' });
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const r = readTuneConfig(parsed.config!, parsed.ranges);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return { config: parsed.config!, tune: r.tune };
}
const ok = (r: ReturnType<typeof applyTuneEdit>): string => {
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.text;
};

const velocity = { type: 'ray.tune.uniform', object_type: 'component', object_name: 'trajectory', field_type: 'arg', field_name: 'velocity', lower: 0, upper: 100 };

describe('tune section edits (text, comments kept) held to Plugboard’s schema', () => {
  it('the oracle is there and judges (a broken tune section is rejected)', () => {
    expect(existsSync(ORACLE)).toBe(true);
    expect(oracle({ 'bad.yaml': TUTORIAL.replace('num_samples: 40', 'num_samples: forty') })).toMatch(/ERR .*bad\.yaml/);
  });

  it('creates a tune section on a model without one; Plugboard accepts it; the tuner reads it', () => {
    const base = TUTORIAL.slice(0, TUTORIAL.indexOf('  tune:'));
    const text = ok(
      applyTuneEdit(`# my model\n${base}`, {
        kind: 'create-tune',
        objective: { object_name: 'max-height', field_type: 'field', field_name: 'max_y' },
        parameters: [{ ...velocity, field_name: 'angle', upper: 90 }, velocity],
        numSamples: 12,
        mode: 'max',
        maxConcurrent: 2,
      }),
    );
    expect(text.startsWith(`# my model\n${base}`)).toBe(true);
    const { tune } = tuneOf(text);
    expect(tune.parameters.map((p) => p.fullName)).toEqual(['component.trajectory.arg.angle', 'component.trajectory.arg.velocity']);
    expect([tune.numSamples, tune.maxConcurrent, tune.modes[0]]).toEqual([12, 2, 'max']);
    expect(oracle({ 'created.yaml': text })).toMatch(/^OK /);
    expect(applyTuneEdit(text, { kind: 'create-tune', objective: {}, parameters: [] }).ok).toBe(false);
  });

  it('adds, replaces and removes parameters, sets the objective and settings; other lines unchanged', () => {
    let text = ok(applyTuneEdit(TUTORIAL, { kind: 'add-tune-parameter', parameter: { type: 'ray.tune.randint', object_type: 'component', object_name: 'horizontal', field_type: 'arg', field_name: 'iters', lower: 50, upper: 150 } }));
    expect(text).toContain('- type: ray.tune.uniform  # (3)!');
    expect(text).toContain('  tune:  # (2)!');
    expect(tuneOf(text).tune.parameters.map((p) => p.kind)).toEqual(['uniform', 'uniform', 'randint']);
    text = ok(applyTuneEdit(text, { kind: 'set-tune-parameter', index: 1, parameter: { ...velocity, lower: 10, upper: 60 } }));
    text = ok(applyTuneEdit(text, { kind: 'set-tune-arg', key: 'num_samples', value: 25 }));
    text = ok(applyTuneEdit(text, { kind: 'set-tune-arg', key: 'max_concurrent', value: undefined }));
    text = ok(applyTuneEdit(text, { kind: 'set-tune-objective', objective: { object_name: 'trajectory', field_type: 'field', field_name: 'y' } }));
    let { tune } = tuneOf(text);
    expect(tune.parameters[1]).toMatchObject({ fullName: 'component.trajectory.arg.velocity', lower: 10, upper: 60 });
    expect([tune.numSamples, tune.maxConcurrent, tune.objectives[0]!.fullName]).toEqual([25, null, 'component.trajectory.field.y']);
    expect(text).toContain('- type: ray.tune.uniform  # (3)!');
    expect(oracle({ 'edited.yaml': text })).toMatch(/^OK /);
    text = ok(applyTuneEdit(text, { kind: 'set-tune-parameter', index: 0, parameter: undefined }));
    ({ tune } = tuneOf(text));
    expect(tune.parameters.map((p) => p.fullName)).toEqual(['component.trajectory.arg.velocity', 'component.horizontal.arg.iters']);
    expect(text.split('\n').slice(0, 20)).toEqual(TUTORIAL.split('\n').slice(0, 20));
    expect(oracle({ 'removed.yaml': text })).toMatch(/^OK /);
  });

  it('Apply best writes the best trial into the component args (one edit list); Plugboard accepts the result', async () => {
    const { config, tune } = tuneOf(TUTORIAL);
    const result = await runStudy({ tune, process: config.process, executor: createInThreadExecutor(createRegistry(), 4), seed: 4, numSamples: 12 });
    const { edits, skipped } = bestConfigEdits(tune.parameters, result.best!.config);
    expect(skipped).toEqual([]);
    const applied = applyEdits(TUTORIAL, edits);
    if (!applied.ok) throw new Error('edit failed');
    const trajectory = tuneOf(applied.text).config.process.components.find((c) => c.name === 'trajectory')!;
    expect(trajectory.args['angle']).toBe(result.best!.config['component.trajectory.arg.angle']);
    expect(trajectory.args['velocity']).toBe(result.best!.config['component.trajectory.arg.velocity']);
    expect(applied.text).toContain('  tune:  # (2)!');
    expect(oracle({ 'best.yaml': applied.text, 'production.yaml': read('002_production_line_optimisation__production-line.yaml') })).toMatch(/^OK .*best\.yaml\nOK .*production\.yaml$/);
  });

  it('Apply best writes component parameters and initial values too; process parameters are reported, not written', () => {
    const text = read('002_production_line_optimisation__production-line.yaml')
      .replace('      parameters:\n      - type: ray.tune.randint', '      parameters:\n      - {type: ray.tune.uniform, object_type: component, object_name: controller1, field_type: parameter, field_name: gain, lower: 0, upper: 1}\n      - {type: ray.tune.choice, object_type: component, object_name: stockpile, field_type: initial_value, field_name: machine1_running, categories: [true, false]}\n      - {type: ray.tune.uniform, object_type: process, field_type: parameter, field_name: rate, lower: 0, upper: 1}\n      - type: ray.tune.randint');
    const { tune } = tuneOf(text);
    const best = { 'component.controller1.parameter.gain': 0.25, 'component.stockpile.initial_value.machine1_running': true, 'process.default.parameter.rate': 0.5, 'component.controller1.arg.threshold': 12, 'component.controller2.arg.threshold': 47 };
    const { edits, skipped } = bestConfigEdits(tune.parameters, best);
    expect(skipped).toEqual(['process.default.parameter.rate']);
    const applied = applyEdits(text, edits);
    if (!applied.ok) throw new Error(JSON.stringify(applied.diagnostics));
    const components = tuneOf(applied.text).config.process.components;
    const c1 = components.find((c) => c.name === 'controller1')!;
    expect(c1.parameters).toEqual({ gain: 0.25 });
    expect(c1.args['threshold']).toBe(12);
    expect(components.find((c) => c.name === 'stockpile')!.initialValues).toEqual({ machine1_running: [true], machine2_running: [false] });
    expect(oracle({ 'params.yaml': applied.text })).toMatch(/^OK /);
  });
});
