/**
 * Plain-data errors of a worker host, with user-module source locations. Kept apart from
 * `platform.ts` so worker-side code imports it without the page-side platform types.
 */
import type { ErrorInfo } from '../protocol/events.ts';
import { toErrorInfo as runtimeErrorInfo } from '../runtime/errors.ts';

/**
 * Plain-data view of anything thrown (custom error classes do not survive structured clone). A
 * step failure (`ComponentStepError`) reports its cause's name, message and stack, as LocalProcess.
 * @example toErrorInfo(new TypeError('x'), 'b') // { name: 'TypeError', message: 'x', stack, component: 'b' }
 */
export function toErrorInfo(error: unknown, component?: string): ErrorInfo {
  const e = error as { name?: unknown; cause?: unknown } | null;
  const inner = e && e.name === 'ComponentStepError' && e.cause !== undefined ? e.cause : error;
  return withModuleLocation(runtimeErrorInfo(inner, component));
}

/**
 * Adds the user-module source location (file, line, column of the TypeScript) and maps the stack,
 * for modules loaded in this thread. Must run in the worker that evaluated the modules.
 * @example withModuleLocation(result.error)
 */
export function withModuleLocation(info: ErrorInfo): ErrorInfo {
  if (!info.stack || info.file !== undefined || !locator) return info;
  const where = locator.locate({ stack: info.stack });
  return { ...info, stack: locator.mapStack(info.stack), ...(where ? { file: where.file, line: where.line, column: where.column } : {}) };
}

interface ModuleLocator {
  locate(error: unknown): { file: string; line: number; column: number } | undefined;
  mapStack(stack: string): string;
}
let locator: ModuleLocator | undefined;

/** Set once user modules are loaded in this thread (keeps the module compiler out of other workers). */
export function setModuleLocator(value: ModuleLocator): void {
  locator = value;
}
