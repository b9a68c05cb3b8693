/** Random search: every parameter drawn independently, as Ray Tune's basic variant generator does. */
import type { Rng } from './random.ts';
import type { TuneParameter } from './tuneConfig.ts';

/** @example sampleParameter({ kind: 'randint', lower: 10, upper: 100, ... }, rng) // 10 … 99 */
export function sampleParameter(p: TuneParameter, rng: Rng): unknown {
  switch (p.kind) {
    case 'uniform':
      return p.lower + rng.next() * (p.upper - p.lower);
    case 'randint':
      return p.lower + rng.int(p.upper - p.lower);
    case 'choice':
      return p.categories[rng.int(p.categories.length)];
  }
}

/** Full name → value for every parameter. */
export function sampleRandomConfig(parameters: readonly TuneParameter[], rng: Rng): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of parameters) out[p.fullName] = sampleParameter(p, rng);
  return out;
}
