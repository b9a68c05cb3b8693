/**
 * Test helpers: Plugboard's own tutorial modules (fixtures/plugboard-python, verbatim) as module
 * sources, and runs of a fixture YAML with the TypeScript library or with the Python modules.
 */
import { readFileSync } from 'node:fs';
import { createRegistry } from '../library/index.ts';
import { overrideProcessType } from '../model/index.ts';
import { loadModules } from '../modules/loadModules.ts';
import type { Diagnostic } from '../model/spec.ts';
import type { ModuleSource } from '../protocol/run.ts';
import { runForTest } from '../runtime/testing.ts';
import { parseConfig } from '../yaml/index.ts';

const PY = new URL('../../fixtures/plugboard-python/', import.meta.url);
const YAML = new URL('../../fixtures/plugboard-yaml/', import.meta.url);

/** `004_using_ray__hello_ray.py` → `{ file: 'hello_ray.py', source }` (the module name YAML types use). */
export function pythonFixture(name: string): ModuleSource {
  return { file: name.slice(name.lastIndexOf('__') + 2), source: readFileSync(new URL(name, PY), 'utf8') };
}

/** A YAML fixture's text. */
export function yamlFixture(name: string): string {
  return readFileSync(new URL(name, YAML), 'utf8');
}

/** Deterministic Math.random (an LCG): install before each run that should give the same numbers. */
export function seedMathRandomForTest(seed = 12345): () => void {
  const original = Math.random;
  let state = seed >>> 0;
  Math.random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  return () => {
    Math.random = original;
  };
}

/**
 * Runs a fixture YAML (or `options.text`, e.g. an adapted fixture) locally with the TypeScript
 * library plus `modules` (Python ones need `enablePython()` first). Throws on load diagnostics.
 */
export async function runFixture(yamlName: string, modules: readonly ModuleSource[] = [], options: { seed?: number; text?: string } = {}) {
  const registry = createRegistry();
  const loaded = modules.length ? loadModules(modules, registry) : { diagnostics: [] as Diagnostic[] };
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('\n'));
  const parsed = parseConfig(options.text ?? yamlFixture(yamlName), { catalog: registry, file: yamlName });
  const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (parseErrors.length || !parsed.config) throw new Error(parseErrors.map((d) => d.message).join('\n'));
  const restore = options.seed !== undefined ? seedMathRandomForTest(options.seed) : () => undefined;
  try {
    return { ...(await runForTest(overrideProcessType(parsed.config, 'local').process, registry)), registry };
  } finally {
    restore();
  }
}
