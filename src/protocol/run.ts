import type { RunEvent, RunResult } from './events.ts';
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
}

/** A run in progress. `events` batches arrive at most ~60 times a second. */
export interface RunHandle {
  readonly done: Promise<RunResult>;
  /** Ends the run promptly, terminating workers if a component is stuck. */
  cancel(): void;
}

export type StartRun = (request: RunRequest, onEvents: (events: readonly RunEvent[]) => void) => RunHandle;
