/**
 * Node side of modules for the CLI: reads `*.ts` module files from a directory, for
 * `--modules DIR` and for modules next to the YAML (Plugboard imports `hello_world.py` from the
 * YAML's directory the same way, spec §2.5 point 4). Synchronous, like the CLI's loading.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../model/spec.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { ComponentRegistry } from '../runtime/registry.ts';
import { loadModules } from './loadModules.ts';
import { isModuleFile } from './moduleFile.ts';

/**
 * Every module file (`name.ts`, Python-style name; no `.d.ts`, tests or other files) in `dir`, sorted.
 * A missing directory gives an empty list.
 * @example const modules = loadModulesFromDir('./my-modules');
 */
export function loadModulesFromDir(dir: string): ModuleSource[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter(isModuleFile)
    .sort()
    .map((file) => ({ file, source: readFileSync(join(dir, file), 'utf8') }));
}

/** Module names used by `type:` values in the YAML text (`hello_ray` for `type: hello_ray.Sleep`). */
export function usedModuleStems(yamlText: string): Set<string> {
  const stems = new Set<string>();
  for (const match of yamlText.matchAll(/^\s*-?\s*type:\s*["']?([A-Za-z_][\w.]*)\.[A-Za-z_]\w*["']?\s*(#.*)?$/gm)) {
    stems.add(match[1]!);
  }
  return stems;
}

/**
 * The modules a CLI run uses: all of `--modules DIR` when given, else the module files next to the
 * YAML whose names a `type:` in the YAML uses (so an unrelated `.ts` file beside it never runs).
 * @example const modules = modulesForYaml('model.yaml', text, options.modules);
 */
export function modulesForYaml(yamlPath: string, yamlText: string, modulesDir?: string): { dir: string; modules: ModuleSource[] } {
  if (modulesDir !== undefined) return { dir: modulesDir, modules: loadModulesFromDir(modulesDir) };
  const dir = dirname(yamlPath);
  const used = usedModuleStems(yamlText);
  return { dir, modules: loadModulesFromDir(dir).filter((m) => used.has(m.file.slice(0, -3))) };
}

/**
 * For the CLI: finds the YAML's modules and registers their components (before `parseConfig`, so
 * validation knows the types). Diagnostics name the module's path on disk, for `FILE:LINE:COL`.
 * @example
 * const registry = createRegistry();
 * const { diagnostics } = registerModulesForYaml(registry, file, text, options['modules']);
 */
export function registerModulesForYaml(
  registry: Pick<ComponentRegistry, 'register'>,
  yamlPath: string,
  yamlText: string,
  modulesDir?: string,
): { modules: ModuleSource[]; diagnostics: Diagnostic[] } {
  const { dir, modules } = modulesForYaml(yamlPath, yamlText, modulesDir);
  if (modules.length === 0) return { modules, diagnostics: [] };
  const { diagnostics } = loadModules(modules, registry);
  return { modules, diagnostics: diagnostics.map((d) => (d.file ? { ...d, file: join(dir, d.file) } : d)) };
}
