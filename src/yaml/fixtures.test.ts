import { describe, expect, it } from 'vitest';
import { fixtureNames, resolveFixtureRef } from './fixtures.node.ts';

describe('fixture helper', () => {
  it('finds the 15 shared fixtures and maps both file references', () => {
    expect(fixtureNames()).toHaveLength(15);
    expect(resolveFixtureRef('model-with-tuner.yaml')).toContain('hello_tuner.Iterator');
    expect(resolveFixtureRef('nope.yaml')).toBeUndefined();
  });
});

describe('test helpers', () => {
  it('no test file imports another test file (its describe blocks would run once per importer)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', '..');
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    const offenders = ['src', 'app']
      .flatMap((d) => walk(join(root, d)))
      .filter((f) => /\.test\.tsx?$/.test(f))
      .filter((f) => /from '[^']*\.test(\.tsx?)?'/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
