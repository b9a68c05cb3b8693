/** Turning thrown values into plain {@link ErrorInfo} (errors cross worker boundaries as data). */
import type { ErrorInfo } from '../protocol/events.ts';

/**
 * @example toErrorInfo(new TypeError('bad'), 'sum') // { name: 'TypeError', message: 'bad', stack, component: 'sum' }
 */
export function toErrorInfo(error: unknown, component?: string): ErrorInfo {
  const cause = error instanceof Error && (error as { initCause?: unknown }).initCause;
  const base = cause instanceof Error ? cause : error;
  const named = component ?? (error as { component?: unknown } | null)?.component;
  const comp = typeof named === 'string' ? { component: named } : {};
  if (base instanceof Error) {
    const message = cause instanceof Error ? (error as Error).message : base.message;
    return { name: base.name, message, ...(base.stack ? { stack: base.stack } : {}), ...comp };
  }
  return { name: 'Error', message: String(error), ...comp };
}
