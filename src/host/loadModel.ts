/**
 * Inside a worker: validates a config (parsed once on the page, sent as plain data) against a
 * registry holding the library plus the user's modules. Every worker of a parallel run does this
 * itself: user modules must be evaluated where components run, never on the page's main thread.
 * The YAML parser and the module compiler are not loaded into workers that do not need them
 * (worker start-up is dominated by module loading).
 */
import type { ConfigSpec, Diagnostic } from '../model/spec.ts';
import { validateConfig } from '../model/validateConfig.ts';
import type { ErrorInfo } from '../protocol/events.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { PythonBoot } from '../python/pythonBoot.ts';
import type { ComponentRegistry } from '../runtime/registry.ts';
import { createRegistry } from '../library/index.ts';
import { setModuleLocator } from './errorInfo.ts';

export interface ModelRequest {
  readonly config: ConfigSpec;
  readonly modules?: readonly ModuleSource[];
  /** The components this worker hosts (a parallel run's group); Python loads only if one needs it. */
  readonly members?: readonly string[];
  /** The host's compiled Pyodide module and memory snapshot, or the request to make them (src/python/pythonBoot.ts). */
  readonly python?: PythonBoot;
}

/** How this worker's Python started (for its log line), and what it made for the host. */
export interface PythonStart {
  readonly loadMs: number;
  readonly from: 'snapshot' | 'fresh';
  readonly snapshotError?: string;
  /** The module and snapshot made here when the host asked (`python.make`). */
  readonly made?: PythonBoot;
}

export type LoadedModel =
  | { readonly ok: true; readonly config: ConfigSpec; readonly registry: ComponentRegistry; readonly diagnostics: readonly Diagnostic[]; readonly python?: PythonStart; readonly pythonElsewhere?: boolean }
  | { readonly ok: false; readonly error: ErrorInfo; readonly diagnostics: readonly Diagnostic[] };

/**
 * The run-log line of a worker's Python start-up.
 * @example pythonStartMessage('worker:1', start) // 'worker:1 loaded Python (Pyodide) in 160 ms (from the snapshot)'
 */
export function pythonStartMessage(lane: string, start: PythonStart): string {
  const how = start.from === 'snapshot' ? ' (from the snapshot)' : start.snapshotError ? ` (without a snapshot: ${start.snapshotError.split('\n')[0]!.slice(0, 200)})` : '';
  return `${lane} loaded Python (Pyodide) in ${start.loadMs} ms${how}`;
}

/**
 * @example const model = await loadModel({ config }); if (model.ok) model.registry.resolve('hello_ray.Sleep');
 */
export async function loadModel(request: ModelRequest): Promise<LoadedModel> {
  const registry = createRegistry();
  const diagnostics: Diagnostic[] = [];
  let python: PythonStart | undefined;
  let pythonElsewhere = false; // Python types here are read from text; the workers running them validate fully
  let leftToPython = (_code: string): boolean => false;
  if (request.modules?.length) {
    // Python modules: Pyodide only in a worker whose group uses a Python type (src/python/pythonPlacement.ts).
    const placement = request.modules.some((m) => m.file.endsWith('.py')) ? await import('../python/pythonPlacement.ts') : undefined;
    const usePython = placement?.groupUsesPython(request.config, request.modules, request.members) ?? false;
    // Pyodide loads (file reads, wasm compile off-thread) while the module loader is imported.
    const starting = usePython ? import('../python/loadPythonModules.ts').then(async (py) => ({ runtime: await py.enablePython(request.python), made: await py.takePythonBoot() })) : undefined;
    const modules = await import('../modules/loadModules.ts');
    if (starting) {
      const { runtime, made } = await starting;
      python = { loadMs: runtime.loadMs, from: runtime.from, ...(runtime.snapshotError ? { snapshotError: runtime.snapshotError } : {}), ...(made ? { made } : {}) };
    }
    setModuleLocator({ locate: modules.locateModuleError, mapStack: modules.mapModuleStack });
    diagnostics.push(...modules.loadModules(usePython ? request.modules : request.modules.filter((m) => !m.file.endsWith('.py')), registry).diagnostics);
    if (placement && !usePython) placement.registerPythonTypesFromText(request.config, request.modules, registry);
    pythonElsewhere = !usePython && !!placement?.modelUsesPython(request.config, request.modules);
    if (pythonElsewhere) leftToPython = placement!.judgedByPythonGroups;
  }
  diagnostics.push(...validateConfig(request.config, registry).filter((d) => !leftToPython(d.code)));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const message = errors.map((d) => d.message).join('\n');
    return { ok: false, error: { name: 'ValidationError', message: `Process validation failed:\n${message}` }, diagnostics };
  }
  return { ok: true, config: request.config, registry, diagnostics, ...(python ? { python } : {}), ...(pythonElsewhere ? { pythonElsewhere } : {}) };
}
