import { transform } from 'sucrase';
import type { Diagnostic, SourceRange } from '../model/spec.ts';
import type { ModuleSource } from '../protocol/run.ts';
import { moduleFileProblem } from './moduleFile.ts';
import type { RawSourceMapLike } from './sourceMap.ts';

/** A module compiled to CommonJS-style JavaScript, ready to evaluate in a worker. */
export interface CompiledModule {
  readonly file: string;
  /** The TypeScript source, kept to turn mapped line/column into ranges. */
  readonly source: string;
  readonly code: string;
  readonly map: RawSourceMapLike;
}

export type CompileResult =
  | { readonly ok: true; readonly module: CompiledModule; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The 0-based offset of a 1-based line and column (clamped to the text). */
export function offsetAt(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  return Math.min(offset + column - 1, source.length);
}

/** 1-based line/column and the range of one character at a 0-based offset. */
export function rangeAt(source: string, offset: number): SourceRange {
  const clamped = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = clamped - lineStart + 1;
  const end = Math.min(clamped + 1, source.length);
  return {
    start: { line, column, offset: clamped },
    end: { line, column: column + (end - clamped), offset: end },
  };
}

/** Sucrase errors read "Error transforming a.ts: Unexpected token (1:11)"; keep the reason only. */
function syntaxMessage(error: Error, file: string): string {
  const reason = error.message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)\s*$/, '');
  return `${file}: ${reason}. Fix the syntax; the module cannot run until it compiles.`;
}

/**
 * Transpiles a TypeScript module with sucrase (types stripped, imports to `require`, source map).
 * Never throws on user input: syntax errors come back as diagnostics with file, line and column.
 * Type errors are not checked here (that is the editor's TypeScript service).
 * @example
 * const result = compileModule({ file: 'hello_ray.ts', source });
 * if (!result.ok) showMarkers(result.diagnostics);
 */
export function compileModule(module: ModuleSource): CompileResult {
  const nameProblem = moduleFileProblem(module.file);
  if (nameProblem) {
    return {
      ok: false,
      diagnostics: [{ code: 'module-file-name', severity: 'error', message: nameProblem, path: module.file, file: module.file }],
    };
  }
  try {
    const result = transform(module.source, {
      transforms: ['typescript', 'imports'],
      filePath: module.file,
      sourceMapOptions: { compiledFilename: module.file.replace(/\.ts$/, '.js') },
      production: true,
    });
    if (!result.sourceMap) throw new Error('sucrase returned no source map');
    return { ok: true, module: { file: module.file, source: module.source, code: result.code, map: result.sourceMap }, diagnostics: [] };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    const pos = (err as { pos?: unknown }).pos;
    const range = typeof pos === 'number' ? rangeAt(module.source, pos) : undefined;
    return {
      ok: false,
      diagnostics: [
        {
          code: 'module-syntax',
          severity: 'error',
          message: syntaxMessage(err, module.file),
          path: module.file,
          file: module.file,
          ...(range ? { range } : {}),
        },
      ],
    };
  }
}

/**
 * Compile errors of every module (syntax, bad file names), for blocking Run with a clear message
 * before any worker starts. Only transforms text; runs no user code.
 * @example const errors = moduleCompileErrors(state.modules); if (errors.length) notify(errors[0].message)
 */
export function moduleCompileErrors(modules: readonly ModuleSource[]): Diagnostic[] {
  // Python modules (.py) are checked by the Python runtime (src/python), not compiled here.
  return modules.flatMap((m) => (m.file.endsWith('.py') ? [] : compileModule(m).diagnostics)).filter((d) => d.severity === 'error');
}
