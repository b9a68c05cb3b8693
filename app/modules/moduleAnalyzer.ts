// Runs module analysis (evaluating user code to learn its component types) in a dedicated worker,
// never on the page's main thread. A module whose top level does not finish in time (an endless
// loop) gets its worker terminated and is reported, and the next analysis starts a fresh worker.
import * as Comlink from 'comlink';
import type { ModuleSource } from '../../src/index.ts';
import type { ModuleAnalysis, ModuleAnalyzerApi } from '../../src/modules/analyzeModules.ts';
import ModulesWorker from '../../src/worker/modules.worker.ts?worker';
import { hostPythonBoot, rememberPythonBoot, usesPythonModules } from '../../src/python/pythonBoot.ts';

export const ANALYSIS_TIMEOUT_MS = 4000;

export interface ModuleAnalyzer {
  analyze(modules: readonly ModuleSource[]): Promise<ModuleAnalysis>;
  dispose(): void;
}

/** @example const analyzer = createModuleAnalyzer(); const { types } = await analyzer.analyze(modules); */
export function createModuleAnalyzer(timeoutMs = ANALYSIS_TIMEOUT_MS): ModuleAnalyzer {
  let worker: Worker | null = null;
  let api: Comlink.Remote<ModuleAnalyzerApi> | null = null;
  const ensure = () => {
    if (!worker || !api) {
      worker = new ModulesWorker({ name: 'plugboard-modules' });
      api = Comlink.wrap<ModuleAnalyzerApi>(worker);
    }
    return api;
  };
  const kill = () => {
    api?.[Comlink.releaseProxy]();
    worker?.terminate();
    worker = null;
    api = null;
  };
  return {
    async analyze(modules) {
      const remote = ensure();
      // Python modules: load Pyodide into the worker first; the timeout below is for user code only.
      // This worker is often the page's first Python worker: it then makes the compiled Pyodide and
      // snapshot that the run workers start from (src/python/pythonBoot.ts).
      const boot = usesPythonModules(modules) ? hostPythonBoot() : undefined;
      const prepared = await remote.prepare(modules, boot).then(
        (made) => {
          if (boot?.make) rememberPythonBoot(made);
          return null;
        },
        (error: Error) => {
          if (boot?.make) rememberPythonBoot(undefined);
          return error;
        },
      );
      if (prepared) return { types: [], diagnostics: [{ code: 'module-worker', severity: 'error', message: `The Python runtime did not load: ${prepared.message}`, path: '' }] };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<ModuleAnalysis>((resolve) => {
        timer = setTimeout(() => {
          kill();
          const files = modules.map((m) => m.file).join(', ');
          resolve({
            types: [],
            diagnostics: [
              {
                code: 'module-timeout',
                severity: 'error',
                message: `Loading ${files} took longer than ${timeoutMs / 1000} s and was stopped: does a module's top level loop forever?`,
                path: modules[0]?.file ?? '',
                ...(modules[0] ? { file: modules[0].file } : {}),
              },
            ],
          });
        }, timeoutMs);
      });
      try {
        return await Promise.race([remote.analyze(modules), timeout]);
      } catch (error) {
        kill();
        return { types: [], diagnostics: [{ code: 'module-worker', severity: 'error', message: `Module analysis failed: ${(error as Error).message}`, path: '' }] };
      } finally {
        clearTimeout(timer);
      }
    },
    dispose: kill,
  };
}
