/**
 * Module file names. A module is one TypeScript or Python file (`hello_ray.ts`, `hello_ray.py`); its stem (`hello_ray`) is the
 * Python-style module name that YAML type strings use (`hello_ray.Sleep`, spec §2.5).
 */

const MODULE_FILE = /^[A-Za-z_][A-Za-z0-9_]*\.(ts|py)$/;

/**
 * @example isModuleFile('hello_ray.ts') // true; isModuleFile('my-module.ts') // false
 */
export function isModuleFile(file: string): boolean {
  return MODULE_FILE.test(file);
}

/**
 * @example moduleStem('hello_ray.ts') // 'hello_ray'
 */
export function moduleStem(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.endsWith('.ts') || base.endsWith('.py') ? base.slice(0, -3) : base;
}

/**
 * The message for a file name that cannot be a module, or undefined when it is fine.
 * @example moduleFileProblem('a-b.ts') // 'Module file names ...'
 */
export function moduleFileProblem(file: string): string | undefined {
  if (isModuleFile(file)) return undefined;
  return `"${file}" cannot be a module: use a Python-style name such as my_components.ts or my_components.py (letters, digits and _, ending in .ts or .py), so YAML types read my_components.ClassName.`;
}

/**
 * A module file name for a stem that is not taken yet.
 * @example freeModuleFile(['module_1.ts']) // 'module_2.ts'
 */
export function freeModuleFile(taken: readonly string[], base = 'module'): string {
  const names = new Set(taken);
  for (let i = 1; ; i++) {
    const file = `${base}_${i}.ts`;
    if (!names.has(file)) return file;
  }
}
