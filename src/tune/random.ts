/**
 * A small seeded random source for the tuner (mulberry32): the same seed gives the same trials
 * on every platform. Each trial draws from its own stream, so the order in which concurrent
 * trials finish never changes what later trials sample.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Whole number in [0, n). */
  int(n: number): number;
}

/** @example const rng = createRng(42); rng.next(); */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal: () => {
      const u = 1 - next(); // (0, 1]
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    int: (n) => Math.min(n - 1, Math.floor(next() * n)),
  };
}

/** Mixes a study seed and a trial index (and a salt) into a 32-bit seed. */
export function trialSeed(seed: number, index: number, salt = 0): number {
  let h = 0x9e3779b9;
  for (const v of [seed, index, salt]) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}
