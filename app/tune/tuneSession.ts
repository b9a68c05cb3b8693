/**
 * The Tune view's study state (a small zustand store, separate from the document store: trials are
 * not part of the document and are never undone). `start` reads the tune section of the current
 * model, runs the study on a pool of tune workers and folds trial records in as they arrive
 * (re-rendering at most every 100 ms); `stop` cancels and ends running trials.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConfigSpec, ModuleSource } from '../../src/index.ts';
import { bestTrial, readTuneConfig, runStudy, type Algorithm, type TrialExecutor, type TrialRecord, type TuneConfig } from '../../src/tune/index.ts';
import type { TuneModel } from '../../src/tune/trialWorker.ts';
import { createCancel } from '../../src/runtime/scheduler.ts';

export type TunePhase = 'idle' | 'running' | 'stopping' | 'done';

export interface StartOptions {
  readonly config: ConfigSpec;
  readonly modules?: readonly ModuleSource[];
  readonly seed?: number;
  readonly algorithm?: Algorithm;
  readonly numSamples?: number;
}

export interface TuneSessionState {
  readonly phase: TunePhase;
  /** The tune config of the current/last study. */
  readonly tune: TuneConfig | null;
  /** Trials by index (running ones included); mutated in place, `version` says when. */
  readonly trials: TrialRecord[];
  readonly version: number;
  readonly best: TrialRecord | undefined;
  readonly finished: number;
  readonly total: number;
  readonly seconds: number;
  readonly message: string | null;
  /** How each trial worker of the study started Python (models with `.py` modules), in order. */
  readonly pythonStarts: readonly PythonWorkerStart[];
  start(options: StartOptions): void;
  stop(): void;
}

export interface PythonWorkerStart {
  readonly worker: number;
  readonly from: 'snapshot' | 'fresh';
  readonly loadMs: number;
}

export interface TuneSessionDeps {
  /** A trial executor over `size` workers for the model (the app: Web Workers); it reports Python starts. */
  readonly createExecutor: (model: TuneModel, size: number, onPythonStart: (start: PythonWorkerStart) => void) => TrialExecutor & { dispose(): Promise<void> | void };
  /** Default pool size (the app: navigator.hardwareConcurrency). */
  readonly poolSize: number;
  readonly flushMs?: number;
}

export type TuneSession = StoreApi<TuneSessionState>;

/**
 * One line on how the study's workers started Python.
 * @example pythonStartsText([{ worker: 0, from: 'fresh', loadMs: 1500 }, { worker: 1, from: 'snapshot', loadMs: 210 }])
 * // 'Python (Pyodide): 1 worker started fresh (1.5 s), 1 from the snapshot (0.2 s)'
 */
export function pythonStartsText(starts: readonly PythonWorkerStart[]): string {
  const part = (from: PythonWorkerStart['from'], label: string): string | null => {
    const times = starts.filter((s) => s.from === from).map((s) => s.loadMs / 1000);
    if (times.length === 0) return null;
    const lo = Math.min(...times).toFixed(1);
    const hi = Math.max(...times).toFixed(1);
    return `${times.length} ${label} (${lo === hi ? lo : `${lo}–${hi}`} s)`;
  };
  const fresh = part('fresh', starts.filter((s) => s.from === 'fresh').length === 1 ? 'worker started fresh' : 'workers started fresh');
  const snapshot = part('snapshot', fresh ? 'from the snapshot' : starts.length === 1 ? 'worker from the snapshot' : 'workers from the snapshot');
  return `Python (Pyodide): ${[fresh, snapshot].filter(Boolean).join(', ')}`;
}

/** @example const session = createTuneSession({ createExecutor, poolSize: 4 }); session.getState().start({ config }); */
export function createTuneSession(deps: TuneSessionDeps): TuneSession {
  let cancel: (() => void) | null = null;
  let token = 0;
  return createStore<TuneSessionState>()((set, get) => ({
    phase: 'idle',
    tune: null,
    trials: [],
    version: 0,
    best: undefined,
    finished: 0,
    total: 0,
    seconds: 0,
    message: null,
    pythonStarts: [],
    start(options) {
      if (get().phase === 'running' || get().phase === 'stopping') return;
      const read = readTuneConfig(options.config);
      if (!read.ok) {
        set({ message: read.diagnostics.find((d) => d.severity === 'error')?.message ?? 'The tune section cannot be read.' });
        return;
      }
      const tune = read.tune;
      const my = ++token;
      const control = createCancel();
      cancel = () => control.cancel();
      const size = Math.max(1, Math.min(tune.maxConcurrent ?? deps.poolSize, deps.poolSize));
      const onPythonStart = (start: PythonWorkerStart): void => {
        if (my === token) set({ pythonStarts: [...get().pythonStarts, start] });
      };
      const executor = deps.createExecutor({ config: options.config, ...(options.modules?.length ? { modules: options.modules } : {}) }, size, onPythonStart);
      const trials: TrialRecord[] = [];
      const total = options.numSamples ?? tune.numSamples;
      const t0 = performance.now();
      let finished = 0;
      let best: TrialRecord | undefined;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = (): void => {
        timer = null;
        if (my !== token) return;
        set((s) => ({ version: s.version + 1, finished, best, seconds: (performance.now() - t0) / 1000 }));
      };
      set({ phase: 'running', tune, trials, best: undefined, finished: 0, total, seconds: 0, message: null, pythonStarts: [], version: get().version + 1 });
      void runStudy({
        tune,
        process: options.config.process,
        executor,
        maxConcurrent: tune.maxConcurrent ?? size,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.algorithm ? { algorithm: options.algorithm } : {}),
        numSamples: total,
        signal: control.signal,
        onTrial: (t) => {
          trials[t.index] = t;
          if (t.status !== 'running') {
            finished++;
            if (!tune.multiObjective) best = bestTrial([...(best ? [best] : []), t], tune.modes[0] ?? 'max');
          }
          timer ??= setTimeout(flush, deps.flushMs ?? 100);
        },
      })
        .then(
          (result) => ({ result, error: null }),
          (error: unknown) => ({ result: null, error }),
        )
        .then(async ({ result, error }) => {
          await executor.dispose();
          if (my !== token) return;
          if (timer) clearTimeout(timer);
          flush();
          const failed = trials.filter((t) => t?.status === 'failed').length;
          set({
            phase: 'done',
            seconds: result?.seconds ?? (performance.now() - t0) / 1000,
            message: error ? `The study failed: ${error instanceof Error ? error.message : String(error)}` : result?.stopped ? `Stopped after ${finished} trials.` : failed > 0 ? `${failed} trial${failed === 1 ? '' : 's'} failed.` : null,
          });
          cancel = null;
        });
    },
    stop() {
      if (get().phase !== 'running') return;
      set({ phase: 'stopping' });
      cancel?.();
    },
  }));
}
