import type { ComponentTypeInfo } from '../model/catalog.ts';
import type { Diagnostic } from '../model/spec.ts';
import type { ModuleSource } from '../protocol/run.ts';
import { createEmptyRegistry } from '../runtime/registry.ts';
import { loadModules, toPlainTypeInfo } from './loadModules.ts';
import type { PythonBoot } from '../python/pythonBoot.ts';

/** What the editor learns from its modules: their component types (plain data) and problems. */
export interface ModuleAnalysis {
  readonly types: readonly ComponentTypeInfo[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The API of the modules worker (`src/worker/modules.worker.ts`). */
export interface ModuleAnalyzerApi {
  analyze(modules: readonly ModuleSource[]): ModuleAnalysis;
  /**
   * Loads the Python runtime into this worker when a module is a `.py` file (before `analyze`);
   * `boot`: the page's compiled Pyodide and snapshot, or the request to make them (returned then).
   */
  prepare(modules: readonly ModuleSource[], boot?: PythonBoot): Promise<PythonBoot | undefined>;
}

/**
 * Loads modules into a fresh registry and reports the types they export, for the palette and the
 * canvas. RUNS USER CODE (module top levels): the app calls it only inside the modules worker.
 * @example const { types } = analyzeModules([{ file: 'my_math.ts', source }]);
 */
export function analyzeModules(modules: readonly ModuleSource[]): ModuleAnalysis {
  const result = loadModules(modules, createEmptyRegistry());
  return { types: result.types.map(toPlainTypeInfo), diagnostics: result.diagnostics };
}

/** @example Comlink.expose(createModuleAnalyzerApi()) */
export function createModuleAnalyzerApi(): ModuleAnalyzerApi {
  return {
    analyze: analyzeModules,
    prepare: async (modules, boot) => {
      if (!modules.some((m) => m.file.endsWith('.py'))) return undefined;
      const python = await import('../python/loadPythonModules.ts');
      await python.enablePython(boot);
      return python.takePythonBoot();
    },
  };
}
