/**
 * Inside a worker: turns a run request into a validated config and a registry holding the library
 * plus the user's modules. Every worker of a parallel run does this itself (user modules must be
 * evaluated where components run, never on the page's main thread).
 */
import type { ConfigSpec, Diagnostic } from '../model/spec.ts';
import type { ErrorInfo } from '../protocol/events.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { ComponentRegistry } from '../runtime/registry.ts';
import { createRegistry } from '../library/index.ts';
import { parseConfig } from '../yaml/index.ts';
import { loadModules } from '../modules/loadModules.ts';

export interface ModelRequest {
  readonly yaml: string;
  readonly modules?: readonly ModuleSource[];
}

export type LoadedModel =
  | { readonly ok: true; readonly config: ConfigSpec; readonly registry: ComponentRegistry; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly error: ErrorInfo; readonly diagnostics: readonly Diagnostic[] };

/**
 * @example const model = loadModel({ yaml }); if (model.ok) buildComponent(model, 'a');
 */
export function loadModel(request: ModelRequest): LoadedModel {
  const registry = createRegistry();
  const diagnostics: Diagnostic[] = [];
  if (request.modules?.length) diagnostics.push(...loadModules(request.modules, registry).diagnostics);
  const parsed = parseConfig(request.yaml, { catalog: registry });
  diagnostics.push(...parsed.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.config || errors.length > 0) {
    const message = errors.length > 0 ? errors.map((d) => d.message).join('\n') : 'The model could not be read.';
    return { ok: false, error: { name: 'ValidationError', message: `Process validation failed:\n${message}` }, diagnostics };
  }
  return { ok: true, config: parsed.config, registry, diagnostics };
}
