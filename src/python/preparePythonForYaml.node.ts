/**
 * CLI: loads Pyodide before the (synchronous) module loading when the YAML's modules include
 * Python files (`--modules DIR` or `.py` files next to the YAML that its types name). For a
 * parallel run (RayProcess, or `--process-type ray`) this load also makes the compiled module and
 * memory snapshot that the run's worker threads then start from (src/python/pythonBoot.ts): the
 * process is their host.
 */
import { readFileSync } from 'node:fs';
import { RAY_PROCESS } from '../model/index.ts';
import { modulesForYaml } from '../modules/loadModulesFromDir.node.ts';
import { parseConfig } from '../yaml/index.ts';
import { isPythonModuleFile } from './loadPythonModules.ts';
import { rememberPythonBoot } from './pythonBoot.ts';

/**
 * @example await preparePythonForYaml('model.yaml', options.modules); // then registerModulesForYaml(...)
 */
export async function preparePythonForYaml(yamlPath: string, modulesDir?: string, processType?: 'local' | 'ray'): Promise<boolean> {
  let text: string;
  try {
    text = readFileSync(yamlPath, 'utf8');
  } catch {
    return false; // the CLI reports the missing file
  }
  const { modules } = modulesForYaml(yamlPath, text, modulesDir);
  if (!modules.some((m) => isPythonModuleFile(m.file))) return false;
  const parallel = processType ? processType === 'ray' : parseConfig(text).config?.process.type === RAY_PROCESS;
  const { enablePython, takePythonBoot } = await import('./loadPythonModules.ts');
  await enablePython(parallel ? { make: true } : undefined);
  if (parallel) rememberPythonBoot(takePythonBoot());
  return true;
}
