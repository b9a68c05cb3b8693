/**
 * How a study runs its trials: a small executor interface, so the same study runs trials in this
 * thread (tests), on Node worker_threads (CLI, bench) or in Web Workers (the app).
 */
import type { ProcessSpec } from '../model/spec.ts';
import type { ErrorInfo } from '../protocol/events.ts';
import type { CancelSignal } from '../runtime/scheduler.ts';
import type { Mode, TuneObjective } from './tuneConfig.ts';

export interface TrialRequest {
  readonly index: number;
  /** The trial's process (overrides applied). */
  readonly spec: ProcessSpec;
  readonly objectives: readonly TuneObjective[];
  /** One per objective: a ConstraintError gives −∞ when maximising, +∞ when minimising. */
  readonly modes: readonly Mode[];
}

export type TrialOutcome =
  | { readonly status: 'completed'; readonly values: readonly number[] }
  /** A step raised a ConstraintError: the objective is its `objective_value`, or ±∞ (spec §10). */
  | { readonly status: 'constraint'; readonly values: readonly number[]; readonly error: ErrorInfo }
  | { readonly status: 'failed'; readonly error: ErrorInfo }
  | { readonly status: 'stopped' };

export interface TrialExecutor {
  /** How many trials it can run at once (the default for `max_concurrent`). */
  readonly capacity: number;
  /** Runs one trial to the end; never throws. */
  runTrial(request: TrialRequest, signal: CancelSignal): Promise<TrialOutcome>;
  /** Releases workers (optional). */
  dispose?(): Promise<void> | void;
}
