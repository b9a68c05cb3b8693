import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { formatStep, stepsOption } from './steps.ts';
import { cli, fastRayTutorial, FIXTURES } from './cliTesting.node.ts';

/** The step counts printed after step `k`: component → steps. */
function countsAfter(stdout: string, k: number): Record<string, number> {
  const block = stdout.split(`step ${k}: `)[1]!.split(/\nstep \d+: |\n\S/)[0]!;
  return Object.fromEntries([...block.matchAll(/^ {2}(\S+)\s+.*steps=(\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

/** The components printed as stepped in step `k`. */
function steppedIn(stdout: string, k: number): string[] {
  const block = stdout.split(`step ${k}: `)[1]!.split(/\nstep \d+: |\n\S/)[0]!;
  return [...block.matchAll(/^ {2}(\S+)\s+stepped\s+steps=\d+$/gm)].map((m) => m[1]!);
}

describe('process run --steps N', () => {
  // A parallel run steps exactly as a local one: the Step barrier (semantics §5.3) delivers every
  // value sent in one Step before the next, and every worker chooses who steps before any steps.
  for (const mode of ['local', 'ray'] as const) {
    it(`${mode}: runs 3 process steps, prints every component state and count after each, then stops keeping the rows`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'pb-steps-'));
      const out = join(dir, 'out');
      const r = cli(['process', 'run', fastRayTutorial(dir), '--out-dir', out, '--steps', '3', '--process-type', mode]);
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/step 1: 1 of 5 components stepped\n {2}input +stepped +steps=1\n {2}slow-sleep +waiting for input +steps=0\n/);
      expect(steppedIn(r.stdout, 1)).toEqual(['input']);
      expect(countsAfter(r.stdout, 1)).toEqual({ input: 1, 'slow-sleep': 0, 'very-slow-sleep': 0, timestamper: 0, 'save-results': 0 });
      expect(countsAfter(r.stdout, 2)).toEqual({ input: 2, 'slow-sleep': 1, 'very-slow-sleep': 1, timestamper: 0, 'save-results': 0 });
      expect(countsAfter(r.stdout, 3)).toEqual({ input: 3, 'slow-sleep': 2, 'very-slow-sleep': 2, timestamper: 1, 'save-results': 0 });
      expect(r.stdout).not.toContain('step 4:');
      expect(r.stdout).toContain('Stopped after 3 steps (files written so far are kept)');
      // The writer held the one timestamp that reached it: kept on Stop.
      const csv = readFileSync(join(out, 'ray.csv'), 'utf8').trim().split('\n');
      expect(csv[0]).toBe('timestamp');
      expect(csv).toHaveLength(2);
    }, 90_000);
  }

  it('more steps than the model has: stops once every component finished, with all 10 rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-steps-'));
    const out = join(dir, 'out');
    const r = cli(['process', 'run', fastRayTutorial(dir), '--out-dir', out, '--steps', '40', '--process-type', 'local', '--unconfined']);
    expect(r.code).toBe(0);
    // The last step finds every component finished; no step is printed after it.
    const last = [...r.stdout.matchAll(/^step (\d+): (\d+) of 5/gm)].at(-1)!;
    expect(Number(last[1])).toBeLessThan(40);
    expect(last[2]).toBe('0');
    expect(countsAfter(r.stdout, Number(last[1]))).toMatchObject({ 'slow-sleep': 10, 'very-slow-sleep': 10, timestamper: 10, 'save-results': 10 });
    expect(r.stdout).toContain('Process complete');
    expect(readFileSync(join(out, 'ray.csv'), 'utf8').trim().split('\n')).toHaveLength(11);
  }, 90_000);

  it('steps of a second each: no periodic progress line between the step reports, one summary at the end', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-steps-'));
    const r = cli(['process', 'run', join(FIXTURES, '004_using_ray__model-ray.yaml'), '--out-dir', join(dir, 'out'), '--steps', '2']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const summaries = lines.flatMap((l, i) => (l.startsWith('  steps: ') ? [i] : []));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toBeGreaterThan(lines.indexOf('process stopped'));
    expect(countsAfter(r.stdout, 2)).toEqual({ input: 2, 'slow-sleep': 1, 'very-slow-sleep': 1, timestamper: 0, 'save-results': 0 });
  }, 90_000);

  it('a bad --steps is a usage error and nothing runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-steps-'));
    const r = cli(['process', 'run', fastRayTutorial(dir), '--out-dir', join(dir, 'out'), '--steps', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("plugboard: --steps must be a positive whole number, got '0'");
  }, 60_000);
});

describe('stepsOption and formatStep', () => {
  it('parses a positive whole number and refuses the rest', () => {
    expect(stepsOption({ steps: '12' })).toBe(12);
    expect(stepsOption({})).toBeUndefined();
    for (const bad of ['0', '-1', '1.5', 'x', '']) expect(() => stepsOption({ steps: bad })).toThrow(UsageError);
  });
  it('lists components in model order with their state and count', () => {
    const text = formatStep({ index: 2, stepped: ['b'], notStepped: [{ component: 'a', reason: 'finished' }, { component: 'c', reason: 'waiting-to-send' }], steps: { a: 5, b: 1, c: 0 } }, ['a', 'b', 'c']);
    expect(text).toBe('step 2: 1 of 3 components stepped\n  a  finished                        steps=5\n  b  stepped                         steps=1\n  c  waiting to send (channel full)  steps=0\n');
  });
});
