/**
 * Run history: records every finished run of the editor store into IndexedDB (by subscribing to
 * the store, not by changing the run slice), lists them, reopens one (its results become the run the
 * Output table, chart, Timeline and downloads show, without running again), deletes, and loads the
 * pairs the Compare view needs. When IndexedDB is missing or refuses, `status` is 'unavailable' with
 * a message; the editor and runs work as before.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EditorStore } from '../store/createEditorStore.ts';
import { isLive, type RunState } from '../store/runSlice.ts';
import { openHistoryDb, storageMessage, type HistoryDb } from './historyDb.ts';
import { toRunState, toStoredRun, type RunContext, type RunSummary } from './snapshot.ts';

export interface HistoryState {
  readonly status: 'opening' | 'ready' | 'unavailable';
  readonly message: string | null;
  /** Newest first. */
  readonly runs: readonly RunSummary[];
  /** The stored run the run views show now (null: the editor's own latest run). */
  readonly viewing: number | null;
}

export interface RunHistory {
  readonly state: StoreApi<HistoryState>;
  /** Shows a stored run's results in the run views. */
  open(id: number): Promise<void>;
  /** Loads the model (YAML and modules) a stored run ran. */
  loadModel(id: number): void;
  remove(id: number): Promise<void>;
  /** The run states of stored runs (for Compare). */
  runStates(ids: readonly number[]): Promise<RunState[]>;
  /** Resolves when pending saves are written (tests). */
  flush(): Promise<void>;
  stop(): void;
}

export interface RunHistoryOptions {
  readonly openDb?: () => Promise<HistoryDb>;
  /** Wait after a run ends before saving, so trailing telemetry and final files land (ms). */
  readonly settleMs?: number;
}

export function startRunHistory(editor: EditorStore, options: RunHistoryOptions = {}): RunHistory {
  const settleMs = options.settleMs ?? 500;
  const state = createStore<HistoryState>()(() => ({ status: 'opening', message: null, runs: [], viewing: null }));
  let db: HistoryDb | null = null;
  const ready = (options.openDb ?? openHistoryDb)().then(
    async (d) => {
      db = d;
      state.setState({ status: 'ready', runs: await d.list() });
    },
    (err: unknown) => state.setState({ status: 'unavailable', message: storageMessage(err) }),
  );
  let pending: Promise<void> = Promise.resolve();

  // The run being recorded: its buffers identify it; `latest` is its newest state.
  let recording: { buffers: RunState['buffers']; context: RunContext; latest: RunState; timer: ReturnType<typeof setTimeout> | null } | null = null;

  const save = (rec: NonNullable<typeof recording>) => {
    if (rec.timer) clearTimeout(rec.timer);
    rec.timer = null;
    const stored = toStoredRun(rec.latest, rec.context);
    if (!stored) return;
    pending = pending
      .then(() => ready)
      .then(async () => {
        if (!db) return;
        try {
          await db.add(stored);
          state.setState({ runs: await db.list() });
        } catch (err) {
          editor.getState().notify('error', storageMessage(err));
        }
      });
  };

  const unsubscribe = editor.subscribe((s, prev) => {
    if (s.run === prev.run) return;
    const run = s.run;
    if (run.phase === 'running' && run.buffers !== recording?.buffers) {
      if (recording?.timer) save(recording); // a run that ended moments ago is saved before the next one
      recording = { buffers: run.buffers, context: { fileName: s.fileName, yaml: s.text, modules: s.modules }, latest: run, timer: null };
      if (state.getState().viewing !== null) state.setState({ viewing: null });
      return;
    }
    if (!recording || run.buffers !== recording.buffers) return;
    recording.latest = run;
    if (!isLive(run.phase) && isLive(prev.run.phase)) {
      const rec = recording;
      rec.timer = setTimeout(() => {
        save(rec);
        if (recording === rec) recording = null;
      }, settleMs);
    }
  });

  const summary = (id: number) => state.getState().runs.find((r) => r.id === id);
  const runState = async (id: number): Promise<RunState> => {
    const s = summary(id);
    const results = db ? await db.results(id) : undefined;
    if (!s || !results) throw new Error(`Run #${id} is no longer in the history`);
    return toRunState(s, results);
  };

  return {
    state,
    async open(id) {
      await ready;
      try {
        const run = await runState(id);
        if (isLive(editor.getState().run.phase)) return editor.getState().notify('error', 'Stop the current run before opening a past one.');
        editor.setState({ run });
        state.setState({ viewing: id });
      } catch (err) {
        editor.getState().notify('error', err instanceof Error ? err.message : String(err));
      }
    },
    loadModel(id) {
      const s = summary(id);
      if (s) editor.getState().loadDocument(s.yaml, s.fileName, s.modules);
    },
    async remove(id) {
      await ready;
      if (!db) return;
      try {
        await db.remove(id);
        state.setState({ runs: await db.list(), ...(state.getState().viewing === id ? { viewing: null } : {}) });
      } catch (err) {
        editor.getState().notify('error', storageMessage(err));
      }
    },
    async runStates(ids) {
      await ready;
      return Promise.all(ids.map(runState));
    },
    async flush() {
      if (recording?.timer) save(recording);
      await ready;
      await pending;
    },
    stop() {
      unsubscribe();
      if (recording?.timer) clearTimeout(recording.timer);
      db?.close();
    },
  };
}

let current: RunHistory | null = null;

/** Starts recording the app's runs (main.tsx, once). */
export function startAppRunHistory(editor: EditorStore): RunHistory {
  current?.stop();
  current = startRunHistory(editor);
  return current;
}

/** The app's run history (null in tests that did not start one). */
export function appRunHistory(): RunHistory | null {
  return current;
}
