/**
 * Python modules (`my_mod.py`): imported in this thread's Pyodide; every Component subclass (or
 * `@component` function) they define becomes the type `my_mod.ClassName`, as Plugboard resolves it.
 * RUNS USER CODE: only in workers or Node.
 */
import type { ComponentTypeInfo } from '../model/catalog.ts';
import type { Diagnostic } from '../model/spec.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { ComponentRegistry } from '../runtime/registry.ts';
import { rangeAt, offsetAt } from '../modules/compileModule.ts';
import { createPythonComponentClass, type PythonClassInfo } from './PythonComponent.ts';
import { pythonErrorLocator } from './pythonErrors.ts';
import { preparePython, readyPython, takePythonBoot as takeBoot, type PyProxy, type PythonRuntime } from './pythonRuntime.ts';
import type { PythonBoot } from './pythonBoot.ts';

/** `my_mod.py` → true. @example isPythonModuleFile('hello_ray.py') */
export function isPythonModuleFile(file: string): boolean {
  return file.endsWith('.py');
}

interface LoadedFile {
  readonly file: string;
  readonly components: readonly PythonClassInfo[];
  readonly problems: readonly { line: number; column: number; message: string }[];
}

function diagnosticAt(module: ModuleSource, problem: LoadedFile['problems'][number]): Diagnostic {
  return {
    code: problem.message.startsWith('SyntaxError') ? 'python-syntax-error' : 'python-load-error',
    severity: 'error',
    message: problem.message,
    path: module.file,
    file: module.file,
    range: rangeAt(module.source, offsetAt(module.source, problem.line, Math.max(1, problem.column))),
  };
}

/**
 * Imports Python modules into an interpreter that is already loaded (`preparePython`) and registers
 * their component classes. Problems (syntax errors, missing packages such as numpy, exceptions at
 * import) come back as diagnostics at the `.py` line.
 * @example const { diagnostics } = loadPythonModules(python, [{ file: 'hello_ray.py', source }], registry);
 */
export function loadPythonModules(
  python: PythonRuntime,
  modules: readonly ModuleSource[],
  registry: Pick<ComponentRegistry, 'register'>,
): { diagnostics: Diagnostic[]; types: ComponentTypeInfo[] } {
  const specs = modules.map((m) => ({ file: m.file.slice(m.file.lastIndexOf('/') + 1), stem: stemOf(m.file), source: m.source }));
  const loaded = JSON.parse(python.bridge.load_modules(JSON.stringify(specs)) as string) as LoadedFile[];
  const diagnostics: Diagnostic[] = [];
  const types: ComponentTypeInfo[] = [];
  loaded.forEach((entry, index) => {
    const module = modules[index]!;
    diagnostics.push(...entry.problems.map((p) => diagnosticAt(module, p)));
    for (const info of entry.components) {
      const stem = specs[index]!.stem;
      const pyClass = python.bridge.get_class(`${stem}.${info.className}`) as PyProxy;
      const cls = createPythonComponentClass(python, stem, info, pyClass);
      registry.register(cls);
      types.push(cls.info);
    }
  });
  return { diagnostics, types };
}

function stemOf(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.endsWith('.py') ? base.slice(0, -3) : base;
}

/** The loader `src/modules` calls for `.py` files once Python is ready in this thread. */
export function pythonModuleLoader(): {
  readonly extension: '.py';
  load(modules: readonly ModuleSource[], registry: Pick<ComponentRegistry, 'register'>): { diagnostics: Diagnostic[]; types: ComponentTypeInfo[]; locator: typeof pythonErrorLocator };
} {
  return {
    extension: '.py',
    load(modules, registry) {
      const python = readyPython();
      if (!python) throw new Error('Python is not loaded in this thread: call enablePython() first');
      return { ...loadPythonModules(python, modules, registry), locator: pythonErrorLocator };
    },
  };
}

/**
 * Loads Pyodide in this thread (once) and lets `loadModules` handle `.py` files. `boot`: what the
 * host hands its workers (compiled module, memory snapshot; see pythonBoot.ts).
 * @example if (modules.some((m) => isPythonModuleFile(m.file))) await enablePython();
 */
export async function enablePython(boot?: PythonBoot): Promise<PythonRuntime> {
  const python = await preparePython(boot);
  const { registerModuleLoader } = await import('../modules/loadModules.ts');
  registerModuleLoader(pythonModuleLoader());
  return python;
}

/** What this thread made for its host when asked (`boot.make`), once. @example rememberPythonBoot(takePythonBoot()) */
export function takePythonBoot(): PythonBoot | undefined {
  return takeBoot();
}
