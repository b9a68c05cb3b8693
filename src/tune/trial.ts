/** A trial of a study, as recorded and streamed (plain data). */
import type { ErrorInfo } from '../protocol/events.ts';

export type TrialStatus = 'running' | 'completed' | 'constraint' | 'failed' | 'stopped';

export interface TrialRecord {
  readonly index: number;
  /** Full parameter name → value. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly status: TrialStatus;
  /** Objective values (one per objective) when completed or ended by a ConstraintError. */
  readonly values?: readonly number[];
  /** The first objective's value (the study's metric). */
  readonly metric?: number;
  readonly error?: ErrorInfo;
  /** How the configuration was chosen. */
  readonly source: 'point' | 'random' | 'tpe';
  readonly startedAt: number;
  readonly durationMs?: number;
}
