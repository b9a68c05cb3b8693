/** The one clock every run event uses: epoch milliseconds with sub-millisecond resolution. */
interface PerformanceLike {
  readonly timeOrigin: number;
  now(): number;
}
const perf = (globalThis as { performance?: PerformanceLike }).performance;

/**
 * @example const t0 = now(); work(); const ms = now() - t0;
 */
export function now(): number {
  return perf ? perf.timeOrigin + perf.now() : Date.now();
}
