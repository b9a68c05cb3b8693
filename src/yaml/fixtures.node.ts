import { readdirSync, readFileSync } from 'node:fs';

/** Test helper: the shared Plugboard YAML fixtures (read-only). Tests import this file, never a test file. */
export const FIXTURE_DIR = new URL('../../fixtures/plugboard-yaml/', import.meta.url);

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.yaml')).sort();
}

export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURE_DIR), 'utf8');
}

/** Fixture file-reference mapping from the fixtures README (Q19). */
const REFS: Record<string, string> = {
  'model-with-tuner.yaml': '006_optimisation__model-with-tuner.yaml',
  'tests/data/minimal-process.yaml': 'tests_data__minimal-process.yaml',
};

export function resolveFixtureRef(ref: string): string | undefined {
  const name = REFS[ref];
  return name ? readFixture(name) : undefined;
}

