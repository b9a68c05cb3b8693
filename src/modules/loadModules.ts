import type { ComponentTypeInfo } from '../model/catalog.ts';
import type { Diagnostic } from '../model/spec.ts';
import type { ErrorInfo } from '../protocol/events.ts';
import type { ModuleSource } from '../protocol/run.ts';
import { Component, type ComponentClass } from '../runtime/Component.ts';
import type { ComponentRegistry } from '../runtime/registry.ts';
import * as plugboardApi from './api/plugboard.ts';
import { compileModule, type CompiledModule } from './compileModule.ts';
import { evaluateModules } from './evaluateModules.ts';
import type { ErrorLocator, ModuleLocation } from './locateError.ts';
import { moduleStem } from './moduleFile.ts';

export interface LoadModulesResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Catalog entries of the registered components (`<module>.<Export>`), plain data. */
  readonly types: readonly ComponentTypeInfo[];
  readonly locator: ErrorLocator;
}

/** Bare imports user code may use. `plugboard` is the component authoring API. */
const BUILTINS: Readonly<Record<string, unknown>> = { plugboard: plugboardApi };

function isComponentClass(value: unknown): value is ComponentClass {
  return typeof value === 'function' && value.prototype instanceof Component && 'info' in value;
}

/** Gives an exported class its registered name: `<module stem>.<export name>`. */
function nameExport(cls: ComponentClass, stem: string, exportName: string): ComponentClass {
  const className = exportName === 'default' ? cls.name : exportName;
  const type = `${stem}.${className}`;
  if (cls.info.type !== type) {
    const description = cls.info.description || `${className} from ${stem}.ts`;
    Object.defineProperty(cls, 'info', { value: { ...cls.info, type, module: stem, className, description }, configurable: true });
  }
  return cls;
}

/** Plain data for the page: drops functions (`portsFor`) and runtime-only fields. */
export function toPlainTypeInfo(info: ComponentTypeInfo): ComponentTypeInfo {
  return {
    type: info.type,
    module: info.module,
    className: info.className,
    description: info.description,
    inputs: [...info.inputs],
    outputs: [...info.outputs],
    inputEvents: [...info.inputEvents],
    outputEvents: [...info.outputEvents],
    args: info.args.map((a) => ({ ...a })),
    runnable: info.runnable,
  };
}

let lastLocators: ErrorLocator[] = [];

/** Loads modules of another language (Python's `.py`, see src/python); registered once its runtime is ready. */
export interface ModuleLoader {
  readonly extension: string;
  load(modules: readonly ModuleSource[], registry: Pick<ComponentRegistry, 'register'>): LoadModulesResult;
}
const moduleLoaders = new Map<string, ModuleLoader>();

/** @example registerModuleLoader(pythonModuleLoader()) */
export function registerModuleLoader(loader: ModuleLoader): void {
  moduleLoaders.set(loader.extension, loader);
}

/** Modules other loaders handle (by extension, e.g. Python's `.py`); the rest are TypeScript. */
function loadOtherModules(modules: readonly ModuleSource[], registry: Pick<ComponentRegistry, 'register'>): { rest: ModuleSource[]; diagnostics: Diagnostic[]; types: ComponentTypeInfo[] } {
  const extension = (file: string): string => file.slice(file.lastIndexOf('.'));
  const rest = modules.filter((m) => extension(m.file) === '.ts');
  const diagnostics: Diagnostic[] = [];
  const types: ComponentTypeInfo[] = [];
  for (const ext of new Set(modules.filter((m) => !rest.includes(m)).map((m) => extension(m.file)))) {
    const group = modules.filter((m) => extension(m.file) === ext);
    const loader = moduleLoaders.get(ext);
    if (!loader) {
      const runtime = ext === '.py' ? 'the Python runtime, which is not loaded here' : `a loader for ${ext} files`;
      diagnostics.push(...group.map((m): Diagnostic => ({ code: 'module-runtime-missing', severity: 'error', message: `${m.file} needs ${runtime}`, path: m.file, file: m.file })));
      continue;
    }
    const loaded = loader.load(group, registry);
    lastLocators = [loaded.locator, ...lastLocators.slice(0, 3)];
    diagnostics.push(...loaded.diagnostics);
    types.push(...loaded.types);
  }
  return { rest, diagnostics, types };
}

/**
 * Compiles, evaluates and registers user modules: every exported component class (or
 * `defineComponent` result) becomes the type `<module file stem>.<export name>`, replacing a library
 * type of the same name (so an edited `hello_ray.ts` wins over the built-in `hello_ray`).
 * If any module fails to compile, nothing is evaluated. RUNS USER CODE: call it in a worker or
 * Node, never on the page's main thread.
 * @example
 * const { diagnostics } = loadModules(request.modules, registry);
 */
export function loadModules(allModules: readonly ModuleSource[], registry: Pick<ComponentRegistry, 'register'>): LoadModulesResult {
  const { rest: modules, diagnostics, types } = loadOtherModules(allModules, registry);
  const compiled: CompiledModule[] = [];
  for (const module of modules) {
    const result = compileModule(module);
    diagnostics.push(...result.diagnostics);
    if (result.ok) compiled.push(result.module);
  }
  if (diagnostics.some((d) => d.severity === 'error')) {
    const locator = { locate: () => undefined, mapStack: (s: string) => s };
    return { diagnostics, types, locator };
  }
  const evaluated = evaluateModules(compiled, BUILTINS);
  diagnostics.push(...evaluated.diagnostics);
  for (const [file, exports] of evaluated.exports) {
    const stem = moduleStem(file);
    for (const [exportName, value] of Object.entries(exports)) {
      if (!isComponentClass(value)) continue;
      const cls = nameExport(value, stem, exportName);
      registry.register(cls);
      types.push(cls.info);
    }
  }
  lastLocators = [evaluated.locator, ...lastLocators.slice(0, 3)];
  return { diagnostics, types, locator: evaluated.locator };
}

/**
 * Where in a user module an error was raised (file, 1-based line and column of the TypeScript
 * source), for the modules loaded last in this thread. For `toErrorInfo` in the worker hosts.
 * @example const where = locateModuleError(error); // { file: 'hello_ray.ts', line: 31, column: 11 }
 */
export function locateModuleError(error: unknown): ModuleLocation | undefined {
  for (const locator of lastLocators) {
    const location = locator.locate(error);
    if (location) return location;
  }
  return undefined;
}

/**
 * A stack with module frames rewritten to `file.ts:line:column` of the TypeScript source.
 * @example info.stack = mapModuleStack(error.stack)
 */
export function mapModuleStack(stack: string): string {
  return lastLocators.reduce((text, locator) => locator.mapStack(text), stack);
}

/**
 * Adds the user-module location (file, line, column of the TypeScript source) to an error that came
 * from module code, and rewrites its stack to module lines. Other errors are returned unchanged.
 * Apply it to every ErrorInfo a worker sends (component-status/process-status events, RunResult).
 * @example event.error && { ...event, error: withModuleLocation(event.error) }
 */
export function withModuleLocation(info: ErrorInfo): ErrorInfo {
  if (!info.stack || info.file !== undefined) return info;
  const location = locateModuleError({ stack: info.stack });
  if (!location) return info;
  return { ...info, stack: mapModuleStack(info.stack), file: location.file, line: location.line, column: location.column };
}
