import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, cli } from './cliTesting.node.ts';

const TUTORIAL = join(FIXTURES, '006_optimisation__model-with-tuner.yaml');


describe('plugboard process tune', () => {
  it('--json: one object per trial, then a summary with best_metric, best_config (full names), trials, seconds; same seed, same study', () => {
    const args = ['process', 'tune', TUTORIAL, '--json', '--seed', '3', '--num-samples', '6', '--algorithm', 'random', '--max-concurrent', '2'];
    const r = cli(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(7);
    const trials = lines.slice(0, 6);
    expect(trials.map((t) => t['trial']).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(trials.every((t) => t['status'] === 'completed' && typeof t['metric'] === 'number')).toBe(true);
    const summary = lines[6]!;
    expect(summary).toMatchObject({ trials: 6, algorithm: 'random', max_concurrent: 2, failed: 0 });
    expect(typeof summary['seconds']).toBe('number');
    expect(Object.keys(summary['best_config'] as object)).toEqual(['component.trajectory.arg.angle', 'component.trajectory.arg.velocity']);
    expect(summary['best_metric']).toBe(Math.max(...trials.map((t) => t['metric'] as number)));
    const again = JSON.parse(cli(args).stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(again['best_config']).toEqual(summary['best_config']);
  }, 120_000);

  it('prints progress and the best config and metric, like Plugboard', () => {
    const r = cli(['process', 'tune', TUTORIAL, '--num-samples', '3', '--max-concurrent', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Tuning max-height.max_y (max): 3 trials, tpe, 1 at once, seed 0');
    expect(r.stdout).toMatch(/trial 3\/3 #2 trajectory\.arg\.angle=/);
    expect(r.stdout).toMatch(/Best config: \{"component\.trajectory\.arg\.angle":[\d.]+,"component\.trajectory\.arg\.velocity":[\d.]+\}/);
    expect(r.stdout).toMatch(/Best metric: max_y = [\d.]+/);
  }, 120_000);

  it('bad tune sections and files without one: FILE:LINE:COL: message, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-tune-'));
    const bad = join(dir, 'bad.yaml');
    const text = readFileSync(TUTORIAL, 'utf8').replace('upper: 100', 'upper: -1');
    writeFileSync(bad, text);
    const line = text.split('\n').findIndex((l) => l.includes('upper: -1')) + 1;
    const r = cli(['process', 'tune', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:${line}:16: ray.tune.uniform needs upper > lower, got 0..-1.`);
    const none = cli(['process', 'tune', join(FIXTURES, '001_hello_world__model.yaml')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/001_hello_world__model\.yaml:2:3: The file has no tune section/);
    const flag = cli(['process', 'tune', TUTORIAL, '--algorithm', 'grid']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain("--algorithm must be 'random' or 'tpe'");
  }, 120_000);

  it('user modules next to the YAML run in the trial workers; a failing trial names its module line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-tune-mod-'));
    writeFileSync(join(dir, 'my_mod.ts'), readFileSync(new URL('./testdata/my_mod.ts', import.meta.url), 'utf8'));
    const model = join(dir, 'model.yaml');
    writeFileSync(
      model,
      `plugboard:
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
      - {type: ray.tune.randint, object_type: component, object_name: counter, field_type: arg, field_name: iters, lower: 2, upper: 4}
      num_samples: 8
      max_concurrent: 2
`,
    );
    const r = cli(['process', 'tune', model, '--json', '--algorithm', 'random', '--seed', '1']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const trials = lines.slice(0, -1);
    expect(trials).toHaveLength(8);
    for (const t of trials) {
      const iters = (t['config'] as Record<string, number>)['component.counter.arg.iters'];
      if (iters === 3) expect(t).toMatchObject({ status: 'failed', error: 'boom at two', component: 'boom', file: 'my_mod.ts', line: 15 });
      else expect(t).toMatchObject({ status: 'completed', metric: 1 });
    }
    expect(trials.some((t) => t['status'] === 'failed')).toBe(true);
    expect(lines[lines.length - 1]).toMatchObject({ best_metric: 1, best_config: { 'component.counter.arg.iters': 2 } });
  }, 120_000);
});
