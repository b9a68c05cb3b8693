/**
 * A {@link TrialExecutor} over a pool of tune workers (platform-neutral: the caller passes how to
 * spawn one). Workers start lazily, load the model once, and run one trial at a time. Stopping a
 * study asks each busy worker to cancel and terminates it if the trial does not end within the
 * grace period (a step stuck in a loop); a crashed or terminated worker is replaced on demand.
 */
import type { ErrorInfo } from '../protocol/events.ts';
import { callWorker, type WorkerHandle } from '../host/platform.ts';
import { after, type CancelSignal } from '../runtime/scheduler.ts';
import type { PythonStart } from '../host/loadModel.ts';
import { hostPythonBoot, rememberPythonBoot, usesPythonModules } from '../python/pythonBoot.ts';
import type { TrialExecutor, TrialOutcome } from './executor.ts';
import type { TuneLoadOutcome, TuneModel, TuneWorkerApi } from './trialWorker.ts';

export interface WorkerExecutorOptions {
  /** Spawns one tune worker. */
  readonly spawn: (index: number) => WorkerHandle<TuneWorkerApi>;
  /** Most workers (and so most trials at once). */
  readonly size: number;
  readonly model: TuneModel;
  /** How long a cancelled trial may take to stop before its worker is terminated (ms, default 500). */
  readonly cancelGraceMs?: number;
  /** A worker loaded Python (how: from the host's snapshot or fresh), for the study's log. */
  readonly onPythonStart?: (worker: number, start: Omit<PythonStart, 'made'>) => void;
}

interface Slot {
  handle: WorkerHandle<TuneWorkerApi>;
  ready: Promise<TuneLoadOutcome>;
  dead: boolean;
}

const asError = (error: unknown): ErrorInfo => ({
  name: (error as { name?: string } | null)?.name ?? 'Error',
  message: error instanceof Error ? error.message : String(error),
});

/** @example const executor = createWorkerExecutor({ spawn, size: 4, model: { config } }); await runStudy({ ..., executor }); await executor.dispose(); */
export function createWorkerExecutor(options: WorkerExecutorOptions): TrialExecutor & { dispose(): Promise<void>; readonly spawned: number } {
  const idle: Slot[] = [];
  const all = new Set<Slot>();
  const waiting: (() => void)[] = [];
  let spawned = 0;
  let disposed = false;
  const python = usesPythonModules(options.model.modules);
  /** The worker making the host's Pyodide snapshot: later Python workers wait for it, then start from it. */
  let booting: Promise<void> | undefined;

  /**
   * Loads the model into a new worker. With Python modules the first worker makes the host's
   * compiled Pyodide and memory snapshot (unless the host has them, e.g. from the Modules view or a
   * run) and the others start from them: a fraction of a full start, and full starts side by side
   * compete for the cores (as in a parallel run, src/host/runParallel.ts).
   */
  const load = async (handle: WorkerHandle<TuneWorkerApi>, index: number): Promise<TuneLoadOutcome> => {
    if (!python) return callWorker(handle, (api) => api.load(options.model));
    // Not `await booting` when there is none: the first load must claim the making synchronously,
    // before a second spawn in the same tick looks.
    if (booting) await booting;
    const boot = hostPythonBoot();
    let made: () => void = () => undefined;
    if (boot.make) booting = new Promise<void>((resolve) => (made = resolve));
    try {
      const outcome = await callWorker(handle, (api) => api.load({ ...options.model, python: boot }));
      if (boot.make) rememberPythonBoot(await callWorker(handle, (api) => api.takePythonBoot()).catch(() => undefined));
      if (outcome.ok && outcome.python) options.onPythonStart?.(index, outcome.python);
      return outcome;
    } catch (error) {
      if (boot.make) rememberPythonBoot(undefined);
      throw error;
    } finally {
      made();
    }
  };

  const spawn = (): Slot => {
    const index = spawned++;
    const handle = options.spawn(index);
    const slot: Slot = { handle, dead: false, ready: Promise.resolve({ ok: true }) };
    slot.ready = load(handle, index).catch((error: unknown) => ({ ok: false as const, error: asError(error) }));
    void handle.exited.then(() => (slot.dead = true));
    all.add(slot);
    return slot;
  };
  /** An idle or new worker; null once the study is stopped or the pool disposed. */
  const acquire = async (signal: CancelSignal): Promise<Slot | null> => {
    for (;;) {
      if (disposed || signal.cancelled) return null;
      const slot = idle.pop();
      if (slot && !slot.dead) return slot;
      if (slot) all.delete(slot);
      else if (all.size < options.size) return spawn();
      else
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          signal.onCancel(resolve); // a stopped study must not wait for a worker
        });
    }
  };
  const release = (slot: Slot): void => {
    if (slot.dead) all.delete(slot);
    else idle.push(slot);
    waiting.shift()?.();
  };

  return {
    capacity: options.size,
    get spawned() {
      return spawned;
    },
    async runTrial(request, signal): Promise<TrialOutcome> {
      const slot = await acquire(signal);
      if (!slot) return { status: 'stopped' };
      try {
        if (signal.cancelled) return { status: 'stopped' };
        const loaded = await slot.ready;
        if (!loaded.ok) return { status: 'failed', error: loaded.error };
        let clearTimer: (() => void) | undefined;
        signal.onCancel(() => {
          void slot.handle.api.cancel().catch(() => undefined);
          clearTimer = after(options.cancelGraceMs ?? 500, () => void slot.handle.terminate());
        });
        try {
          return await callWorker(slot.handle, (api) => api.runTrial(request));
        } catch (error) {
          if (signal.cancelled) return { status: 'stopped' };
          slot.dead = true;
          void slot.handle.terminate();
          return { status: 'failed', error: { ...asError(error), message: `the trial's worker died: ${asError(error).message}` } };
        } finally {
          clearTimer?.();
        }
      } finally {
        release(slot);
      }
    },
    async dispose() {
      disposed = true;
      for (const w of waiting.splice(0)) w();
      await Promise.all([...all].map((slot) => slot.handle.terminate()));
      all.clear();
      idle.length = 0;
    },
  };
}
