import type { CompiledModule } from './compileModule.ts';
import { createSourceMapReader, type SourceMapReader } from './sourceMap.ts';

/** The URL scheme given to evaluated module code (`//# sourceURL=`), so stack frames name the module. */
export const MODULE_URL_PREFIX = 'plugboard-module:///';

/** A position in a module's TypeScript source (1-based line and column). */
export interface ModuleLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

// V8 prints "at step (plugboard-module:///a.ts:5:8)"; SpiderMonkey/JSC print "step@plugboard-module:///a.ts:5:8".
const FRAME = /plugboard-module:\/\/\/([^\s:()]+):(\d+):(\d+)/g;

export interface ErrorLocator {
  /** The first stack frame inside a module, mapped to its TypeScript source. */
  locate(error: unknown): ModuleLocation | undefined;
  /** The stack with every module frame rewritten to `file.ts:line:column` of the TypeScript source. */
  mapStack(stack: string): string;
}

function stackOf(error: unknown): string | undefined {
  const stack = (error as { stack?: unknown } | null)?.stack;
  return typeof stack === 'string' ? stack : undefined;
}

/**
 * Maps stack frames of evaluated modules back to their sources. `lineOffset` is the number of lines
 * the evaluator puts before the module code (new Function's header), measured once by `probeLineOffset`.
 * @example
 * const locator = createErrorLocator(compiled, 2);
 * locator.locate(error); // { file: 'hello_ray.ts', line: 12, column: 5 }
 */
export function createErrorLocator(modules: readonly CompiledModule[], lineOffset: number): ErrorLocator {
  const readers = new Map<string, SourceMapReader>();
  const readerFor = (file: string): SourceMapReader | undefined => {
    const existing = readers.get(file);
    if (existing) return existing;
    const module = modules.find((m) => m.file === file);
    if (!module) return undefined;
    const reader = createSourceMapReader(module.map);
    readers.set(file, reader);
    return reader;
  };
  const mapFrame = (file: string, line: number, column: number): ModuleLocation | undefined => {
    const position = readerFor(file)?.originalPosition(line - lineOffset, column);
    return position ? { file, ...position } : undefined;
  };
  return {
    locate(error) {
      const stack = stackOf(error);
      if (!stack) return undefined;
      for (const match of stack.matchAll(FRAME)) {
        const location = mapFrame(match[1]!, Number(match[2]), Number(match[3]));
        if (location) return location;
      }
      return undefined;
    },
    mapStack(stack) {
      return stack.replace(FRAME, (text, file: string, line: string, column: string) => {
        const location = mapFrame(file, Number(line), Number(column));
        return location ? `${location.file}:${location.line}:${location.column}` : text;
      });
    },
  };
}
