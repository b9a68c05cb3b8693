/**
 * A tuning study (spec §10): `num_samples` trials, at most `max_concurrent` at once, each a process
 * built from the YAML with sampled overrides. Points to evaluate come first; then random search
 * or TPE. A failing trial is recorded with its error and the study goes on.
 *
 * Determinism: trial i samples from its own seeded stream and, with c trials in flight, sees
 * exactly the trials 0 … i−c (it starts only once they are all done), so a seed fixes every
 * configuration whatever order the trials finish in.
 */
import type { ProcessSpec } from '../model/spec.ts';
import { now } from '../lib/clock.ts';
import { createCancel, type CancelSignal } from '../runtime/scheduler.ts';
import { buildTrialSpec } from './buildTrialSpec.ts';
import type { TrialExecutor, TrialOutcome } from './executor.ts';
import { paretoFront } from './pareto.ts';
import { createRng, trialSeed } from './random.ts';
import { sampleParameter } from './sampleRandom.ts';
import { suggestTpe, TPE_DEFAULTS, type Observation, type TpeOptions } from './tpe.ts';
import type { Mode, TuneConfig } from './tuneConfig.ts';
import type { TrialRecord } from './trial.ts';

export type { TrialRecord, TrialStatus } from './trial.ts';

export type Algorithm = 'random' | 'tpe';

export interface StudyOptions {
  readonly tune: TuneConfig;
  readonly process: ProcessSpec;
  readonly executor: TrialExecutor;
  readonly seed?: number;
  /** Default 'tpe' (random search for multi-objective studies). */
  readonly algorithm?: Algorithm;
  /** Overrides `num_samples`. */
  readonly numSamples?: number;
  /** Overrides `max_concurrent` (default: the YAML's, else the executor's capacity). */
  readonly maxConcurrent?: number;
  readonly tpe?: TpeOptions;
  /** Called when a trial starts (status 'running') and again when it ends. */
  readonly onTrial?: (trial: TrialRecord) => void;
  readonly signal?: CancelSignal;
}

export interface StudyResult {
  readonly trials: readonly TrialRecord[];
  /** Best trial of a single-objective study (finite metric), if any. */
  readonly best?: TrialRecord;
  /** Non-dominated trials of a multi-objective study. */
  readonly pareto: readonly TrialRecord[];
  readonly algorithm: Algorithm;
  readonly maxConcurrent: number;
  readonly stopped: boolean;
  readonly seconds: number;
}

const finished = (t: TrialRecord | undefined): boolean => t !== undefined && t.status !== 'running';

/** True when `a` is better than `b` under `mode`. */
export function isBetter(a: number, b: number, mode: Mode): boolean {
  return mode === 'max' ? a > b : a < b;
}

/** The best trial (finite first objective) under `mode`; earliest wins ties. */
export function bestTrial(trials: readonly TrialRecord[], mode: Mode): TrialRecord | undefined {
  let best: TrialRecord | undefined;
  for (const t of trials) {
    if (t.metric === undefined || !Number.isFinite(t.metric)) continue;
    if (!best || isBetter(t.metric, best.metric!, mode)) best = t;
  }
  return best;
}

/**
 * @example
 * const result = await runStudy({ tune, process: config.process, executor: createInThreadExecutor(createRegistry()), seed: 1 });
 * result.best?.config // { 'component.trajectory.arg.angle': 62.1, 'component.trajectory.arg.velocity': 99.3 }
 */
export async function runStudy(options: StudyOptions): Promise<StudyResult> {
  const { tune, executor } = options;
  const startedAt = now();
  const seed = options.seed ?? 0;
  const n = options.numSamples ?? tune.numSamples;
  const concurrency = Math.max(1, options.maxConcurrent ?? tune.maxConcurrent ?? executor.capacity);
  const algorithm: Algorithm = tune.multiObjective ? 'random' : (options.algorithm ?? 'tpe');
  const tpeOptions = options.tpe ?? TPE_DEFAULTS;
  const trials: TrialRecord[] = [];
  const stop = createCancel();
  options.signal?.onCancel(() => stop.cancel());

  const lossOf = (t: TrialRecord): number | undefined => {
    const v = t.values?.[0];
    if (v === undefined || Number.isNaN(v)) return undefined;
    return tune.modes[0] === 'max' ? -v : v;
  };
  const suggest = (index: number): { config: Record<string, unknown>; source: TrialRecord['source'] } => {
    const rng = createRng(trialSeed(seed, index));
    const point = tune.pointsToEvaluate[index];
    const config: Record<string, unknown> = {};
    if (point) {
      for (const p of tune.parameters) config[p.fullName] = p.fullName in point ? point[p.fullName] : sampleParameter(p, rng);
      return { config, source: 'point' };
    }
    if (algorithm === 'tpe') {
      const history: Observation[] = [];
      for (const t of trials.slice(0, Math.max(0, index - concurrency + 1))) {
        const loss = lossOf(t);
        if (loss !== undefined && (t.status === 'completed' || t.status === 'constraint')) history.push({ index: t.index, config: t.config, loss });
      }
      const suggested = suggestTpe(tune.parameters, history, rng, tpeOptions);
      if (suggested) return { config: suggested, source: 'tpe' };
    }
    for (const p of tune.parameters) config[p.fullName] = sampleParameter(p, rng);
    return { config, source: 'random' };
  };

  const running = new Map<number, Promise<void>>();
  const startTrial = (index: number): void => {
    const { config, source } = suggest(index);
    const base: TrialRecord = { index, config, status: 'running', source, startedAt: now() };
    trials[index] = base;
    options.onTrial?.(base);
    const spec = buildTrialSpec(options.process, tune.parameters, config);
    const run = executor
      .runTrial({ index, spec, objectives: tune.objectives, modes: tune.modes }, stop.signal)
      .catch((error: unknown): TrialOutcome => ({ status: 'failed', error: { name: 'Error', message: error instanceof Error ? error.message : String(error) } }))
      .then((outcome) => {
        const durationMs = now() - base.startedAt;
        const values = outcome.status === 'completed' || outcome.status === 'constraint' ? outcome.values : undefined;
        const record: TrialRecord = {
          ...base,
          status: outcome.status,
          durationMs,
          ...(values ? { values, ...(values[0] !== undefined ? { metric: values[0] } : {}) } : {}),
          ...(outcome.status === 'failed' || outcome.status === 'constraint' ? { error: outcome.error } : {}),
        };
        trials[index] = record;
        running.delete(index);
        options.onTrial?.(record);
      });
    running.set(index, run);
  };

  let next = 0;
  while (next < n && !stop.signal.cancelled) {
    const windowDone = next - concurrency < 0 || trials.slice(0, next - concurrency + 1).every(finished);
    if (running.size < concurrency && windowDone) {
      startTrial(next++);
      continue;
    }
    await Promise.race(running.values());
  }
  await Promise.all(running.values());
  const done = trials.filter((t) => t !== undefined);
  const best = tune.multiObjective ? undefined : bestTrial(done, tune.modes[0] ?? 'max');
  const pareto = tune.multiObjective ? paretoFront(done, tune.modes) : best ? [best] : [];
  return {
    trials: done,
    ...(best ? { best } : {}),
    pareto,
    algorithm,
    maxConcurrent: concurrency,
    stopped: stop.signal.cancelled,
    seconds: (now() - startedAt) / 1000,
  };
}
