/**
 * The busy-wait fallback of `blockingSleep` (page not cross-origin isolated) is reported to the
 * user once per page, not once per worker or per run.
 */
import { now } from '../lib/clock.ts';
import type { RunEvent } from '../protocol/events.ts';

const FALLBACK_PREFIX = 'blockingSleep:';

export const NOT_ISOLATED_WARNING =
  'blockingSleep: this page is not cross-origin isolated (no SharedArrayBuffer / Atomics.wait), so blocking components busy-wait and use a full CPU core while they block. Serve the app with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp.';

let warned = false;

/** The one-time warning event, or nothing if it was already shown on this page. */
export function takeIsolationWarning(isolated: boolean): RunEvent[] {
  if (isolated || warned) return [];
  warned = true;
  return [{ kind: 'log', t: now(), level: 'warning', message: NOT_ISOLATED_WARNING }];
}

/**
 * Wraps an `onEvents` so that busy-wait warnings after the first are dropped.
 * @example const sink = createEventSink(filterRunEvents(onEvents));
 */
export function filterRunEvents(onEvents: (events: readonly RunEvent[]) => void): (events: readonly RunEvent[]) => void {
  return (events) => {
    let kept: RunEvent[] | undefined;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const isFallback = e.kind === 'log' && e.message.startsWith(FALLBACK_PREFIX);
      if (isFallback && warned) {
        kept ??= events.slice(0, i);
        continue;
      }
      if (isFallback) warned = true;
      kept?.push(e);
    }
    const out = kept ?? events;
    if (out.length > 0) onEvents(out);
  };
}
