/**
 * CLI: loads Pyodide before the (synchronous) module loading when the YAML's modules include
 * Python files (`--modules DIR` or `.py` files next to the YAML that its types name).
 */
import { readFileSync } from 'node:fs';
import { modulesForYaml } from '../modules/loadModulesFromDir.node.ts';
import { isPythonModuleFile } from './loadPythonModules.ts';

/**
 * @example await preparePythonForYaml('model.yaml', options.modules); // then registerModulesForYaml(...)
 */
export async function preparePythonForYaml(yamlPath: string, modulesDir?: string): Promise<boolean> {
  let text: string;
  try {
    text = readFileSync(yamlPath, 'utf8');
  } catch {
    return false; // the CLI reports the missing file
  }
  const { modules } = modulesForYaml(yamlPath, text, modulesDir);
  if (!modules.some((m) => isPythonModuleFile(m.file))) return false;
  const { enablePython } = await import('./loadPythonModules.ts');
  await enablePython();
  return true;
}
