/**
 * Deterministic `Math.random` for tests and benchmarks (the tutorial components are unseeded):
 * the same seed gives the same sequence in a local worker and in each parallel worker, so a model
 * with one random source produces identical files in both modes.
 */

/**
 * Replaces `Math.random` in this thread with mulberry32(seed).
 * @example seedMathRandom(42); Math.random(); // always the same first value
 */
export function seedMathRandom(seed: number): void {
  let a = seed >>> 0;
  Math.random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
