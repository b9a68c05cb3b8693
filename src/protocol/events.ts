/**
 * The typed stream of run events a process emits. The CLI, the editor's live view, the timeline and
 * the CSV downloads all consume this. Only plain, structured-cloneable data: it crosses worker
 * boundaries as is. All times are epoch milliseconds from one clock:
 * `performance.timeOrigin + performance.now()` (see `src/lib/clock.ts`).
 */

/**
 * 'paused': held by Pause, Step or a breakpoint (issue 10) — a process between Pause and Resume, a
 * component held at its step boundary. Not a final status.
 */
export type Status = 'created' | 'init' | 'running' | 'waiting' | 'paused' | 'completed' | 'failed' | 'stopped';

export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly component?: string;
  /** Source location in a user module or the YAML, when known. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export type RunEvent =
  | { readonly kind: 'process-status'; readonly t: number; readonly status: Status; readonly error?: ErrorInfo }
  | {
      readonly kind: 'component-status';
      readonly t: number;
      readonly component: string;
      readonly status: Status;
      /** On a final status (completed, failed, stopped): the steps the component took (step events are sampled). */
      readonly steps?: number;
      readonly error?: ErrorInfo;
    }
  /** One step of one component; `lane` names the thread it ran on ('main', 'worker:slow-sleep', ...). */
  | {
      readonly kind: 'step';
      readonly component: string;
      readonly index: number;
      readonly start: number;
      readonly end: number;
      readonly lane: string;
    }
  /**
   * Text appended to (or replacing) a file a component writes. FileWriter also reports the rows as
   * values so the output panel can show them without parsing CSV.
   */
  | {
      readonly kind: 'file';
      readonly t: number;
      readonly component: string;
      readonly path: string;
      readonly text: string;
      readonly mode: 'append' | 'truncate';
      readonly header?: readonly string[];
      readonly rows?: readonly (readonly unknown[])[];
      /** When each of `rows` was complete (epoch ms); `t` is when the text was written. */
      readonly times?: readonly number[];
    }
  /**
   * Which worker (lane) runs which components: the placement plan of a parallel run, or the one
   * thread of a local run. Sent once, before the components start.
   */
  | { readonly kind: 'placement'; readonly t: number; readonly workers: readonly { readonly lane: string; readonly components: readonly string[] }[] }
  /**
   * What passed the connectors since the previous such event (one per telemetry batch): the
   * counters that changed (`key` = connector id `<source>.<field>..<target>.<field>`) and the new
   * values of probed connectors or ports (`key` as requested). `from` is the sequence number of the
   * first value (a gap means the ring buffer dropped older ones). Values are structured-cloneable
   * (others arrive as short text previews).
   */
  | {
      readonly kind: 'connectors';
      readonly t: number;
      readonly counters: readonly ConnectorCounter[];
      readonly probes: readonly ProbeBatch[];
    }
  /** A breakpoint paused the run (issue 10); the host then holds every worker. */
  | { readonly kind: 'breakpoint'; readonly t: number; readonly hit: BreakpointHitInfo }
  /** One process step (Step while paused) ended: who stepped, who could not and why, step counts. */
  | ({ readonly kind: 'step-report'; readonly t: number } & StepReport)
  | {
      readonly kind: 'log';
      readonly t: number;
      readonly level: 'info' | 'warning' | 'error';
      readonly message: string;
      readonly component?: string;
    };

/** Which breakpoint paused a run: a component about to step, or a value meeting a condition. */
export type BreakpointHitInfo =
  | { readonly kind: 'component'; readonly component: string }
  | { readonly kind: 'value'; readonly key: string; readonly condition: string; readonly value: unknown };

/** Why a component did not step in a process step. */
export type NotSteppedReason = 'waiting-for-input' | 'waiting-to-send' | 'waiting-for-events' | 'finished' | 'never-steps' | 'busy';

/** Result of one process step (Plugboard's `Process.step()`). */
export interface StepReport {
  /** 1-based number of this step in the run. */
  readonly index: number;
  /** Components that ran their step once. */
  readonly stepped: readonly string[];
  readonly notStepped: readonly { readonly component: string; readonly reason: NotSteppedReason }[];
  /** Every component's step count after the step. */
  readonly steps: Readonly<Record<string, number>>;
}

export interface ConnectorCounter {
  readonly key: string;
  /** Values sent through the connector so far in this run. */
  readonly count: number;
  readonly last: unknown;
  /** When the last value was sent (epoch ms). */
  readonly lastT: number;
}

export interface ProbeBatch {
  readonly key: string;
  readonly from: number;
  readonly values: readonly unknown[];
  readonly times: readonly number[];
}

export type RunStatus = 'completed' | 'failed' | 'stopped';

export interface RunResult {
  readonly status: RunStatus;
  readonly error?: ErrorInfo;
  /** Every file written during the run, path → full text. */
  readonly files: Readonly<Record<string, string>>;
  readonly startedAt: number;
  readonly endedAt: number;
}
