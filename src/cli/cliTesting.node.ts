// Test helpers for the CLI tests: run `plugboard` as a child process (as a user would), and the
// fixtures they run.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = new URL('../../fixtures/plugboard-yaml/', import.meta.url).pathname;
const MAIN = new URL('./main.ts', import.meta.url).pathname;

/** Runs the CLI with `args` (INIT_CWD cleared: paths are relative to the test's own cwd). */
export function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', env: { ...process.env, INIT_CWD: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The Ray tutorial with short sleeps, written to `dir`; returns its path. */
export function fastRayTutorial(dir: string): string {
  const text = readFileSync(join(FIXTURES, '004_using_ray__model-ray.yaml'), 'utf8').replace('sleep_seconds: 0.5', 'sleep_seconds: 0.01').replace('sleep_seconds: 1', 'sleep_seconds: 0.02');
  const file = join(dir, 'model-ray.yaml');
  writeFileSync(file, text);
  return file;
}
