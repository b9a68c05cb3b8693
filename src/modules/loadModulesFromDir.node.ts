/**
 * Node side of modules for the CLI: reads `*.ts` module files from a directory, for
 * `--modules DIR` and for modules next to the YAML (Plugboard imports `hello_world.py` from the
 * YAML's directory the same way, spec §2.5 point 4).
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ModuleSource } from '../protocol/run.ts';
import { isModuleFile } from './moduleFile.ts';

/**
 * Every module file (`name.ts`, Python-style name; no `.d.ts`, tests or other files) in `dir`, sorted.
 * A missing directory gives an empty list.
 * @example const modules = await loadModulesFromDir('./my-modules');
 */
export async function loadModulesFromDir(dir: string): Promise<ModuleSource[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names.filter(isModuleFile).sort();
  return Promise.all(files.map(async (file) => ({ file, source: await readFile(join(dir, file), 'utf8') })));
}

/**
 * The modules a CLI run uses: those of `--modules DIR` when given, else the module files next to the
 * YAML, but only those whose stem a type in the YAML names (so an unrelated `.ts` file beside the
 * YAML is never run). `yamlText` is scanned for `type:` values.
 * @example const modules = await modulesForYaml('model.yaml', text, args.modules);
 */
export async function modulesForYaml(yamlPath: string, yamlText: string, modulesDir?: string): Promise<ModuleSource[]> {
  if (modulesDir !== undefined) return loadModulesFromDir(modulesDir);
  const besides = await loadModulesFromDir(dirname(yamlPath));
  const used = usedModuleStems(yamlText);
  return besides.filter((m) => used.has(m.file.slice(0, -3)));
}

/** Module names used by `type:` values in the YAML text (`hello_ray` for `type: hello_ray.Sleep`). */
export function usedModuleStems(yamlText: string): Set<string> {
  const stems = new Set<string>();
  for (const match of yamlText.matchAll(/^\s*-?\s*type:\s*["']?([A-Za-z_][\w.]*)\.[A-Za-z_]\w*["']?\s*(#.*)?$/gm)) {
    stems.add(match[1]!);
  }
  return stems;
}
