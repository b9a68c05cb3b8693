/**
 * Python errors as JS errors whose stack names the `.py` line (`python-module:///my_mod.py:12:1`),
 * and the locator that reads it back, so run errors carry `file`/`line` like TypeScript modules'.
 */
import type { ModuleLocation } from '../modules/locateError.ts';

/** What `_plugboard_bridge._error_info` reports. */
export interface PythonErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly traceback?: string;
  readonly file?: string;
  readonly line?: number;
  readonly function?: string;
}

const PREFIX = 'python-module:///';
const FRAME = /python-module:\/\/\/([^\s:()]+\.py):(\d+):(\d+)/g;

/**
 * @example throw toPythonError({ name: 'ZeroDivisionError', message: 'my_mod.py:3: ZeroDivisionError: division by zero', file: 'my_mod.py', line: 3 })
 */
export function toPythonError(info: PythonErrorInfo): Error {
  const error = new Error(info.message);
  error.name = info.name;
  const frame = info.file ? `\n    at ${info.function ?? '<module>'} (${PREFIX}${info.file}:${info.line ?? 1}:1)` : '';
  error.stack = `${info.name}: ${info.message}${frame}${info.traceback ? `\n\nPython traceback:\n${info.traceback}` : ''}`;
  return error;
}

function stackOf(error: unknown): string | undefined {
  const stack = (error as { stack?: unknown } | null)?.stack;
  return typeof stack === 'string' ? stack : undefined;
}

/** Finds `.py` frames in stacks; same shape as the TypeScript modules' ErrorLocator. */
export const pythonErrorLocator = {
  locate(error: unknown): ModuleLocation | undefined {
    const stack = stackOf(error);
    const match = stack ? [...stack.matchAll(FRAME)][0] : undefined;
    return match ? { file: match[1]!, line: Number(match[2]), column: Number(match[3]) } : undefined;
  },
  mapStack(stack: string): string {
    return stack.replace(FRAME, (_text, file: string, line: string, column: string) => `${file}:${line}:${column}`);
  },
};
