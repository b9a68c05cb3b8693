import type { Diagnostic } from '../model/spec.ts';
import { offsetAt, rangeAt, type CompiledModule } from './compileModule.ts';
import { createErrorLocator, MODULE_URL_PREFIX, type ErrorLocator } from './locateError.ts';
import { moduleStem } from './moduleFile.ts';

/** What evaluating a set of modules produced: each module's exports, keyed by file. */
export interface EvaluatedModules {
  readonly exports: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly diagnostics: readonly Diagnostic[];
  readonly locator: ErrorLocator;
}

type Factory = (require: (id: string) => unknown, exports: Record<string, unknown>, module: { exports: unknown }) => void;

let measuredOffset: number | undefined;

/**
 * How many lines `new Function` puts before the body in stack traces (2 in V8: the
 * `function anonymous(...` header). Measured rather than assumed, so other engines map correctly.
 */
export function probeLineOffset(): number {
  if (measuredOffset !== undefined) return measuredOffset;
  const probe = new Function(`return new Error('probe').stack\n//# sourceURL=${MODULE_URL_PREFIX}__probe__.ts`) as () => string;
  const match = /__probe__\.ts:(\d+):\d+/.exec(probe() ?? '');
  measuredOffset = match ? Number(match[1]) - 1 : 2;
  return measuredOffset;
}

function resolveModuleId(id: string, files: ReadonlySet<string>): string | undefined {
  const bare = id.replace(/^\.\//, '').replace(/\.(ts|js)$/, '');
  const file = `${bare}.ts`;
  return files.has(file) ? file : undefined;
}

/**
 * Runs compiled modules (CommonJS form from sucrase) and returns their exports. `builtins` maps the
 * bare imports user code may use (`'plugboard'` → the runtime authoring API). Modules may import
 * each other as `'./other'`. This RUNS USER CODE: call it inside a worker (or Node), never on the
 * page's main thread. A module whose top level throws is reported as a diagnostic at its line.
 * @example
 * const { exports, diagnostics } = evaluateModules(compiled, { plugboard: api });
 */
export function evaluateModules(
  modules: readonly CompiledModule[],
  builtins: Readonly<Record<string, unknown>>,
): EvaluatedModules {
  const lineOffset = probeLineOffset();
  const locator = createErrorLocator(modules, lineOffset);
  const files = new Set(modules.map((m) => m.file));
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const failed = new Map<string, Diagnostic>();
  const diagnostics: Diagnostic[] = [];

  const load = (file: string): Record<string, unknown> => {
    const cached = cache.get(file);
    if (cached) return cached.exports; // also breaks import cycles, as CommonJS does
    const compiled = modules.find((m) => m.file === file)!;
    const record = { exports: {} as Record<string, unknown> };
    cache.set(file, record);
    const require = (id: string): unknown => {
      if (Object.hasOwn(builtins, id)) return builtins[id];
      const target = resolveModuleId(id, files);
      if (target) return load(target);
      throw new Error(`Cannot import '${id}' in ${file}: a module can import 'plugboard' and other modules ('./${moduleStem(file)}').`);
    };
    const factory = new Function('require', 'exports', 'module', `${compiled.code}\n//# sourceURL=${MODULE_URL_PREFIX}${file}`) as Factory;
    factory(require, record.exports, record);
    return record.exports;
  };

  const exports = new Map<string, Readonly<Record<string, unknown>>>();
  for (const module of modules) {
    try {
      exports.set(module.file, load(module.file));
    } catch (error) {
      const location = locator.locate(error);
      const where = modules.find((m) => m.file === location?.file) ?? module;
      const message = error instanceof Error ? error.message : String(error);
      const diagnostic: Diagnostic = {
        code: 'module-load-error',
        severity: 'error',
        message: `${module.file} failed while loading: ${message}`,
        path: module.file,
        file: where.file,
        ...(location ? { range: rangeAt(where.source, offsetAt(where.source, location.line, location.column)) } : {}),
      };
      if (!failed.has(module.file)) diagnostics.push(diagnostic);
      failed.set(module.file, diagnostic);
    }
  }
  return { exports, diagnostics, locator };
}
