/**
 * Worker side of a study: a tune worker loads the model once (library plus the user's modules,
 * evaluated here, never on the page) and then runs trials one at a time, each a LocalProcess.
 * Exposed by `src/worker/tune.worker.ts` (browser) and `src/node/tuneWorker.node.ts` (Node).
 */
import type { ConfigSpec } from '../model/spec.ts';
import type { ErrorInfo } from '../protocol/events.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { ComponentRegistry } from '../runtime/registry.ts';
import { createCancel } from '../runtime/scheduler.ts';
import { loadModel, type PythonStart } from '../host/loadModel.ts';
import type { PythonBoot } from '../python/pythonBoot.ts';
import { withModuleLocation } from '../host/platform.ts';
import type { TrialOutcome, TrialRequest } from './executor.ts';
import { runTrialInThread } from './runTrialInThread.ts';

export interface TuneModel {
  readonly config: ConfigSpec;
  readonly modules?: readonly ModuleSource[];
  /** Files present before each trial (FileReader input), path → text. */
  readonly files?: Readonly<Record<string, string>>;
  /** The host's compiled Pyodide and snapshot, or the request to make them (as for run workers). */
  readonly python?: PythonBoot;
}

/** A loaded tune worker: how its Python started, when the model has Python modules. */
export type TuneLoadOutcome = { ok: true; python?: Omit<PythonStart, 'made'> } | { ok: false; error: ErrorInfo };

export interface TuneWorkerApi {
  hello(): { protocolVersion: number };
  /** Builds the registry for the model; an error (e.g. a module that does not compile) fails every trial. */
  load(model: TuneModel): Promise<TuneLoadOutcome>;
  /** The Pyodide module and snapshot this worker made when `load` asked it to (`python.make`), once. */
  takePythonBoot(): PythonBoot | undefined;
  /** Runs one trial; never throws. */
  runTrial(request: TrialRequest): Promise<TrialOutcome>;
  /** Stops the running trial at its components' next await (a stuck loop needs `terminate`). */
  cancel(): void;
}

/** @example Comlink.expose(createTuneWorkerApi()); */
export function createTuneWorkerApi(): TuneWorkerApi {
  let registry: ComponentRegistry | undefined;
  let loadError: ErrorInfo | undefined;
  let files: Readonly<Record<string, string>> | undefined;
  let cancel: (() => void) | undefined;
  let pythonMade: PythonBoot | undefined;
  return {
    hello: () => ({ protocolVersion: 2 }),
    async load(model) {
      const loaded = await loadModel(model);
      if (loaded.ok) {
        registry = loaded.registry;
        files = model.files;
        loadError = undefined;
        if (!loaded.python) return { ok: true };
        const { made, ...python } = loaded.python;
        pythonMade = made;
        return { ok: true, python };
      }
      loadError = loaded.error;
      return { ok: false, error: loaded.error };
    },
    async runTrial(request) {
      if (!registry) return { status: 'failed', error: loadError ?? { name: 'TuneError', message: 'tune worker has no model: call load() first' } };
      const control = createCancel();
      cancel = () => control.cancel();
      const outcome = await runTrialInThread(request, registry, control.signal, files ? { files } : {});
      cancel = undefined;
      return 'error' in outcome ? ({ ...outcome, error: withModuleLocation(outcome.error) } as TrialOutcome) : outcome;
    },
    cancel() {
      cancel?.();
    },
    takePythonBoot() {
      const made = pythonMade;
      pythonMade = undefined;
      return made;
    },
  };
}
