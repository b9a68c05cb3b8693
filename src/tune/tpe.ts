/**
 * Tree-structured Parzen Estimator (univariate), with Optuna's defaults: 10 random start-up
 * trials, 24 expected-improvement candidates, γ(n) = min(⌈0.1·n⌉, 25) good trials, Optuna's
 * default weights (older trials ramp down once there are more than 25), prior weight 1, the
 * "magic clip" of kernel widths and no endpoint widening. Each parameter is sampled on its own:
 * candidates are drawn from l(x) (the good trials' Parzen mixture) and the one with the highest
 * log l(x) − log g(x) wins.
 */
import type { Rng } from './random.ts';
import type { TuneParameter } from './tuneConfig.ts';

export interface TpeOptions {
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  readonly priorWeight: number;
}

export const TPE_DEFAULTS: TpeOptions = { nStartupTrials: 10, nEiCandidates: 24, priorWeight: 1 };

/** A finished trial as TPE sees it: its values and one number to MINIMISE (sign already applied). */
export interface Observation {
  readonly index: number;
  readonly config: Readonly<Record<string, unknown>>;
  readonly loss: number;
}

/** Optuna's default γ: how many of n trials count as good. */
export function tpeGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Optuna's default weights for n trials ordered oldest first. */
export function tpeWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return Array.from({ length: n }, () => 1);
  const ramp = n - 25;
  const out: number[] = [];
  for (let i = 0; i < ramp; i++) out.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) out.push(1);
  return out;
}

// ---- normal distribution helpers ----

/** erfc with relative error < 1.2e-7 everywhere (Chebyshev fit; accurate in the tails). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
/** P(a < Z < b) for a standard normal Z, without cancellation in either tail. */
function normalMass(a: number, b: number): number {
  if (a >= 0) return 0.5 * (erfc(a / Math.SQRT2) - erfc(b / Math.SQRT2));
  if (b <= 0) return 0.5 * (erfc(-b / Math.SQRT2) - erfc(-a / Math.SQRT2));
  return 1 - 0.5 * erfc(-a / Math.SQRT2) - 0.5 * erfc(b / Math.SQRT2);
}
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function logSumExp(xs: readonly number[]): number {
  const m = Math.max(...xs);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

function pickIndex(weights: readonly number[], rng: Rng): number {
  let u = rng.next();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

// ---- Parzen estimators ----

interface Estimator {
  sample(rng: Rng): unknown;
  logPdf(value: unknown): number;
}

function mixtureWeights(n: number, priorWeight: number): number[] {
  const w = n === 0 ? [1] : [...tpeWeights(n), priorWeight];
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

/** Truncated-normal mixture on [low, high]; `step` 1 makes it discrete (integers low … high). */
function numericEstimator(observed: readonly number[], lowIn: number, highIn: number, step: number | null, priorWeight: number): Estimator {
  const low = step === null ? lowIn : lowIn - step / 2;
  const high = step === null ? highIn : highIn + step / 2;
  const range = high - low;
  const priorMu = 0.5 * (low + high);
  const withPrior = [...observed, priorMu];
  const order = withPrior.map((_, i) => i).sort((a, b) => withPrior[a]! - withPrior[b]! || a - b);
  const sorted = order.map((i) => withPrior[i]!);
  const ends = [low, ...sorted, high];
  const sortedSigmas = sorted.map((_, k) => Math.max(ends[k + 1]! - ends[k]!, ends[k + 2]! - ends[k + 1]!));
  if (ends.length >= 4) {
    sortedSigmas[0] = ends[2]! - ends[1]!;
    sortedSigmas[sortedSigmas.length - 1] = ends[ends.length - 2]! - ends[ends.length - 3]!;
  }
  const sigmaOf = new Array<number>(withPrior.length);
  order.forEach((original, k) => (sigmaOf[original] = sortedSigmas[k]!));
  const minSigma = range / Math.min(100, 1 + withPrior.length);
  const mus = observed.length === 0 ? [priorMu] : withPrior;
  const sigmas = observed.length === 0 ? [range] : [...observed.map((_, i) => Math.min(range, Math.max(minSigma, sigmaOf[i]!))), range];
  const weights = mixtureWeights(observed.length, priorWeight);
  const logW = weights.map(Math.log);
  const logNorm = mus.map((mu, k) => Math.log(normalMass((low - mu) / sigmas[k]!, (high - mu) / sigmas[k]!)));
  return {
    sample(rng) {
      const k = pickIndex(weights, rng);
      const mu = mus[k]!;
      const sigma = sigmas[k]!;
      let x = mu;
      for (let tries = 0; tries < 200; tries++) {
        x = mu + sigma * rng.normal();
        if (x >= low && x <= high) break;
        x = Math.min(high, Math.max(low, x));
      }
      if (step === null) return Math.min(highIn, Math.max(lowIn, x));
      return Math.min(highIn, Math.max(lowIn, lowIn + Math.round((x - lowIn) / step) * step));
    },
    logPdf(value) {
      const x = value as number;
      return logSumExp(
        mus.map((mu, k) => {
          const sigma = sigmas[k]!;
          if (step !== null) return logW[k]! + Math.log(normalMass((x - step / 2 - mu) / sigma, (x + step / 2 - mu) / sigma)) - logNorm[k]!;
          const z = (x - mu) / sigma;
          return logW[k]! - 0.5 * z * z - Math.log(sigma) - LOG_SQRT_2PI - logNorm[k]!;
        }),
      );
    },
  };
}

function categoricalEstimator(observed: readonly number[], nChoices: number, priorWeight: number): Estimator {
  const rows = [...observed, -1].map((c) => {
    const row = Array.from({ length: nChoices }, () => priorWeight / nChoices);
    if (c >= 0) row[c]! += 1;
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / sum);
  });
  const kernels = observed.length === 0 ? [rows[rows.length - 1]!] : rows;
  const weights = mixtureWeights(observed.length, priorWeight);
  const mixed = Array.from({ length: nChoices }, (_, c) => kernels.reduce((s, row, k) => s + weights[k]! * row[c]!, 0));
  return {
    sample: (rng) => pickIndex(kernels[pickIndex(weights, rng)]!, rng),
    logPdf: (value) => Math.log(mixed[value as number]!),
  };
}

function estimatorFor(p: TuneParameter, values: readonly unknown[], priorWeight: number): Estimator {
  switch (p.kind) {
    case 'uniform':
      return numericEstimator(values as number[], p.lower, p.upper, null, priorWeight);
    case 'randint':
      return numericEstimator(values as number[], p.lower, p.upper - 1, 1, priorWeight);
    case 'choice':
      return categoricalEstimator(values.map((v) => categoryIndex(p, v)), p.categories.length, priorWeight);
  }
}

function categoryIndex(p: { readonly categories: readonly unknown[] }, value: unknown): number {
  const i = p.categories.findIndex((c) => c === value || JSON.stringify(c) === JSON.stringify(value));
  return Math.max(0, i);
}

/**
 * Suggests one configuration from the finished trials, or null while fewer than `nStartupTrials`
 * have finished (the caller samples at random then).
 *
 * @example suggestTpe(tune.parameters, observations, createRng(7)) // { 'component.trajectory.arg.angle': 61.2, ... }
 */
export function suggestTpe(parameters: readonly TuneParameter[], history: readonly Observation[], rng: Rng, options: TpeOptions = TPE_DEFAULTS): Record<string, unknown> | null {
  const usable = history.filter((o) => !Number.isNaN(o.loss));
  if (usable.length < options.nStartupTrials) return null;
  const ranked = [...usable].sort((a, b) => a.loss - b.loss || a.index - b.index);
  const nBelow = tpeGamma(usable.length);
  const byIndex = (a: Observation, b: Observation): number => a.index - b.index;
  const below = ranked.slice(0, nBelow).sort(byIndex);
  const above = ranked.slice(nBelow).sort(byIndex);
  const out: Record<string, unknown> = {};
  for (const p of parameters) {
    const valuesOf = (group: readonly Observation[]): unknown[] => group.filter((o) => p.fullName in o.config).map((o) => o.config[p.fullName]);
    const l = estimatorFor(p, valuesOf(below), options.priorWeight);
    const g = estimatorFor(p, valuesOf(above), options.priorWeight);
    let best: unknown;
    let bestScore = -Infinity;
    const scores = new Map<unknown, number>(); // integer and categorical candidates repeat
    for (let i = 0; i < options.nEiCandidates; i++) {
      const candidate = l.sample(rng);
      let score = scores.get(candidate);
      if (score === undefined) scores.set(candidate, (score = l.logPdf(candidate) - g.logPdf(candidate)));
      if (best === undefined || score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    out[p.fullName] = p.kind === 'choice' ? p.categories[best as number] : best;
  }
  return out;
}
