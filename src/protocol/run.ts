import type { RunEvent, RunResult, StepReport } from './events.ts';
import type { ConfigSpec } from '../model/spec.ts';

/** Which host runs the model: one thread for all components, or groups of them on a worker pool. */
export type ExecutionMode = 'local' | 'parallel';

/** A user-written module (issue 5): file name ('hello_ray.ts') and TypeScript source. */
export interface ModuleSource {
  readonly file: string;
  readonly source: string;
}

export interface RunRequest {
  /** The Plugboard YAML text to run. */
  readonly yaml: string;
  /**
   * The model already parsed and validated from `yaml` (the editor's store has it): the hosts then
   * do not parse the text again on the page's main thread.
   */
  readonly config?: ConfigSpec;
  /** Overrides the YAML's process type (CLI --process-type, the editor's Local/Parallel switch). */
  readonly mode?: ExecutionMode;
  readonly modules?: readonly ModuleSource[];
  /** Channel capacity (items) for every connector; default documented in README. */
  readonly channelCapacity?: number;
  /**
   * Connectors (`<source>.<field>..<target>.<field>`) or ports (`<component>.<field>`) whose values
   * are recorded for the run (the newest 10,000 each) and sent in 'connectors' events. Every
   * connector is counted whether probed or not.
   */
  readonly probes?: readonly string[];
  /** Breakpoints armed from the start (issue 10); components' can change during the run. */
  readonly breakpoints?: RunBreakpoints;
  /** Start held at the first step boundaries (as if Pause was pressed before the first step). */
  readonly startPaused?: boolean;
}

/**
 * Pause when a component is about to step (`components`), or when a value sent on a connector or
 * port (`key` as in `probes`) meets `condition` (the expression language of src/inspect/condition.ts,
 * over `value`; evaluated in the worker, no eval).
 */
export interface RunBreakpoints {
  readonly components?: readonly string[];
  readonly conditions?: readonly { readonly key: string; readonly condition: string }[];
}

/** Pause / Step / Resume of a run in progress, across every worker (issue 10). */
export interface RunControl {
  /** Holds every component at its next step boundary; resolves once every worker holds. */
  pause(): Promise<void>;
  /** One process step (pauses first): every held component steps once. */
  step(): Promise<StepReport>;
  resume(): Promise<void>;
  /** Replaces the component breakpoints. */
  setBreakpoints(components: readonly string[]): Promise<void>;
  /**
   * Starts recording a connector or port (`key` as in `RunRequest.probes`) from its next value on,
   * in every worker, with an optional value breakpoint (`condition` as in `RunBreakpoints`); `null`
   * stops recording it.
   */
  setProbe(key: string, probe: ProbeControl | null): Promise<void>;
}

/** A probe added during a run (RunControl.setProbe). */
export interface ProbeControl {
  readonly condition?: string;
}

/** A run in progress. `events` batches arrive at most ~60 times a second. */
export interface RunHandle {
  readonly done: Promise<RunResult>;
  /** Ends the run promptly, terminating workers if a component is stuck. */
  cancel(): void;
  /** Pause / Step / Resume (hosts that support it: local and parallel). */
  readonly control?: RunControl;
}

export type StartRun = (request: RunRequest, onEvents: (events: readonly RunEvent[]) => void) => RunHandle;
