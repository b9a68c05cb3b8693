import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../yaml/index.ts';
import { ProbeCollector, probeProblem } from './probesCsv.ts';
import { FIXTURES, cli, fastRayTutorial } from './cliTesting.node.ts';




describe('process run --probe', () => {
  it.each([
    ['local', ['--process-type', 'local']],
    ['parallel', []],
  ])('%s: writes probes.csv with the 10 timestamps and the ten values out of input.x', (_, extra) => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-probe-'));
    const out = join(dir, 'out');
    const r = cli(['process', 'run', fastRayTutorial(dir), '--out-dir', out, '--probe', 'timestamper.timestamp', '--probe', 'input.x', ...extra]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('probes.csv');
    const lines = readFileSync(join(out, 'probes.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('probe,time,value');
    const rows = lines.slice(1).map((l) => l.split(','));
    const stamps = rows.filter((row) => row[0] === 'timestamper.timestamp');
    expect(stamps).toHaveLength(10);
    for (const row of stamps) {
      expect(row[2]).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(Number(row[1])).toBeGreaterThanOrEqual(0);
    }
    // The tutorial's Iterator never assigns x (bug Q2): ten values of None pass.
    expect(rows.filter((row) => row[0] === 'input.x').map((row) => row[2])).toEqual(Array(10).fill('null'));
  }, 90_000);

  it('an unknown probe is a located error and nothing runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-probe-'));
    const file = fastRayTutorial(dir);
    const r = cli(['process', 'run', file, '--out-dir', join(dir, 'out'), '--probe', 'timestamper.nope', '--unconfined']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model-ray\.yaml:\d+:\d+: --probe 'timestamper\.nope': no connector on field timestamper\.nope/);
    expect(existsSync(join(dir, 'out', 'probes.csv'))).toBe(false);
  }, 60_000);
});

describe('probeProblem and ProbeCollector', () => {
  const config = parseConfig(readFileSync(join(FIXTURES, '004_using_ray__model-ray.yaml'), 'utf8')).config!;
  it('accepts ports and connectors of the model, names what is wrong otherwise', () => {
    expect(probeProblem(config, 'timestamper.timestamp')).toBeNull();
    expect(probeProblem(config, 'timestamper.x')).toBeNull();
    expect(probeProblem(config, 'input.x..slow-sleep.x')).toBeNull();
    expect(probeProblem(config, 'ghost.x')).toMatch(/no component 'ghost'/);
    expect(probeProblem(config, 'input.x..timestamper.timestamp')).toMatch(/no connector from input.x to timestamper.timestamp/);
    expect(probeProblem(config, 'justaname')).toMatch(/expected <component>.<field>/);
  });

  it('writes CSV rows in order, quoting text, keeping the newest values', () => {
    const c = new ProbeCollector(['a.x'], 1000, 2);
    c.onEvents([{ kind: 'connectors', t: 0, counters: [], probes: [{ key: 'a.x', from: 0, values: [1, 'p,q', { k: 1 }], times: [1000, 1500, 2000] }] }]);
    expect(c.csv()).toBe('probe,time,value\na.x,0.500000,"p,q"\na.x,1.000000,"{""k"":1}"\n');
  });
});
