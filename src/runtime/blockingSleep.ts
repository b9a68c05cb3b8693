/**
 * A sleep that really blocks the calling thread, standing for heavy compute (the Ray tutorial's
 * `time.sleep`). Two blocking branches in one thread therefore take the SUM of their times.
 */
import { now } from '../lib/clock.ts';

interface AtomicsGlobals {
  SharedArrayBuffer?: new (size: number) => ArrayBufferLike;
}

let cell: Int32Array | null | undefined;
const notified = new WeakSet<(message: string) => void>();
const fallbackListeners = new Set<(message: string) => void>();

function atomicsCell(): Int32Array | null {
  if (cell !== undefined) return cell;
  const SAB = (globalThis as AtomicsGlobals).SharedArrayBuffer;
  try {
    const candidate = SAB ? new Int32Array(new SAB(4)) : null;
    if (candidate) Atomics.wait(candidate, 0, 0, 0); // throws on a browser main thread
    cell = candidate;
  } catch {
    cell = null;
  }
  return cell;
}

/**
 * Listens for the one-time warning issued when `blockingSleep` must busy-wait (no
 * SharedArrayBuffer/Atomics.wait, e.g. a browser page that is not cross-origin isolated).
 * Returns an unsubscribe function. LocalProcess turns the warning into a 'log' run event.
 *
 * @example const off = onBlockingSleepFallback((m) => log('warning', m));
 */
export function onBlockingSleepFallback(listener: (message: string) => void): () => void {
  fallbackListeners.add(listener);
  return () => fallbackListeners.delete(listener);
}

/**
 * Blocks the thread for `ms` milliseconds: `Atomics.wait` where allowed (Node, workers with
 * cross-origin isolation), otherwise a busy wait (with a one-time warning).
 * Returns how it waited.
 *
 * @example blockingSleep(500); // nothing else runs on this thread for 0.5 s
 */
export function blockingSleep(ms: number): 'atomics' | 'busy-wait' {
  if (!(ms > 0)) return 'atomics';
  const shared = atomicsCell();
  if (shared) {
    const end = now() + ms;
    for (let left = ms; left > 0; left = end - now()) Atomics.wait(shared, 0, 0, left);
    return 'atomics';
  }
  const message = 'blockingSleep: Atomics.wait is not available here (needs SharedArrayBuffer / cross-origin isolation); busy-waiting instead';
  for (const listener of fallbackListeners) {
    if (notified.has(listener)) continue;
    notified.add(listener); // one warning per listener (i.e. per run)
    listener(message);
  }
  const end = now() + ms;
  while (now() < end) {
    // busy wait: deliberately blocks the thread
  }
  return 'busy-wait';
}
