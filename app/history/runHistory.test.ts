// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { RunEvent, RunResult, StartRun } from '../../src/index.ts';
import { createEditorStore, initEditorStore } from '../store/createEditorStore.ts';
import { DEFAULT_EXAMPLE } from '../examples/examples.ts';
import { fileContent } from '../runner/downloads.ts';
import { MAX_RUNS, type HistoryDb } from './historyDb.ts';
import { startRunHistory } from './runHistory.ts';
import { toRunState, toStoredRun, type RunResults, type RunSummary, type StoredRun } from './snapshot.ts';

function memoryDb(failWith?: Error): HistoryDb {
  const summaries = new Map<number, RunSummary>();
  const results = new Map<number, RunResults>();
  let next = 1;
  return {
    async add(run: StoredRun) {
      if (failWith) throw failWith;
      const id = next++;
      // IndexedDB stores a structured clone: so does the fake.
      summaries.set(id, structuredClone({ ...run.summary, id }));
      results.set(id, structuredClone({ ...run.results, id }));
      for (const old of [...summaries.keys()].slice(0, Math.max(0, summaries.size - MAX_RUNS))) {
        summaries.delete(old);
        results.delete(old);
      }
      return id;
    },
    list: async () => [...summaries.values()].reverse(),
    results: async (id) => results.get(id),
    async remove(id) {
      summaries.delete(id);
      results.delete(id);
    },
    close() {},
  };
}

function fakeRunner() {
  let emit: (e: RunEvent[]) => void = () => {};
  let resolve: (r: RunResult) => void = () => {};
  const start: StartRun = (_req, onEvents) => {
    emit = (e) => onEvents(e);
    return { done: new Promise<RunResult>((r) => (resolve = r)), cancel: () => {} };
  };
  return { start, emit: (e: RunEvent[]) => emit(e), finish: (r: Partial<RunResult> = {}) => resolve({ status: 'completed', files: {}, startedAt: 0, endedAt: 1, ...r }) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function oneRun(s: ReturnType<typeof createEditorStore>, f: ReturnType<typeof fakeRunner>, value: number) {
  s.getState().startRun();
  f.emit([
    { kind: 'step', component: 'input', index: 0, start: 10, end: 14, lane: 'worker:input' },
    { kind: 'step', component: 'input', index: 1, start: 20, end: 26, lane: 'worker:input' },
    { kind: 'file', t: 30, component: 'save-results', path: 'ray.csv', text: `timestamp\n${value}\n${value + 1}\n`, mode: 'append', header: ['timestamp'], rows: [[value], [value + 1]] },
  ]);
  f.finish({ files: { 'ray.csv': `timestamp\n${value}\n${value + 1}\n` } });
  await tick();
}

describe('run history', () => {
  it('records a finished run with the model as run, timings and results, and reopens it', async () => {
    const f = fakeRunner();
    const s = initEditorStore(createEditorStore({ initialText: DEFAULT_EXAMPLE.text, initialFileName: 'model-ray.yaml', parseDelayMs: 0, startRun: f.start }));
    const h = startRunHistory(s, { openDb: async () => memoryDb(), settleMs: 0 });
    await oneRun(s, f, 5);
    await h.flush();
    const [first] = h.state.getState().runs;
    expect(first).toMatchObject({ status: 'completed', mode: 'parallel', fileName: 'model-ray.yaml', outputRows: 2, truncated: false });
    expect(first!.yaml).toBe(DEFAULT_EXAMPLE.text);
    expect(first!.timings['input']).toEqual({ steps: 2, busyMs: 10 });
    expect(first!.files).toEqual([{ path: 'ray.csv', rows: 2, bytes: 'timestamp\n5\n6\n'.length }]);

    // The model changes and a second run happens; then the first is reopened without running.
    s.getState().setText(DEFAULT_EXAMPLE.text.replace('iters: 10', 'iters: 3'), 'yaml');
    await oneRun(s, f, 100);
    await h.flush();
    expect(h.state.getState().runs.map((r) => r.id)).toEqual([2, 1]);
    expect(h.state.getState().runs[0]!.yaml).toContain('iters: 3');
    await h.open(1);
    const run = s.getState().run;
    expect(h.state.getState().viewing).toBe(1);
    expect(run.phase).toBe('completed');
    expect(run.buffers.output.map((r) => r.values[0])).toEqual([5, 6]);
    expect(fileContent(run, 'ray.csv')).toBe('timestamp\n5\n6\n');
    expect(run.buffers.steps.length).toBeGreaterThan(0);
    // Reopening is not a new run: nothing more is recorded.
    await h.flush();
    expect(h.state.getState().runs).toHaveLength(2);

    await h.remove(1);
    expect(h.state.getState().runs.map((r) => r.id)).toEqual([2]);
    expect(h.state.getState().viewing).toBeNull();
    h.stop();
  });

  it('keeps the newest 20 runs', async () => {
    const f = fakeRunner();
    const s = initEditorStore(createEditorStore({ initialText: DEFAULT_EXAMPLE.text, parseDelayMs: 0, startRun: f.start }));
    const h = startRunHistory(s, { openDb: async () => memoryDb(), settleMs: 0 });
    for (let i = 0; i < 23; i++) await oneRun(s, f, i);
    await h.flush();
    const ids = h.state.getState().runs.map((r) => r.id);
    expect(ids).toHaveLength(20);
    expect(ids[0]).toBe(23);
    expect(ids[19]).toBe(4);
    h.stop();
  });

  it('IndexedDB missing: a clear message, and runs still work', async () => {
    const f = fakeRunner();
    const s = initEditorStore(createEditorStore({ initialText: DEFAULT_EXAMPLE.text, parseDelayMs: 0, startRun: f.start }));
    const h = startRunHistory(s, { openDb: () => Promise.reject(new Error('IndexedDB is not available in this browser window')), settleMs: 0 });
    await oneRun(s, f, 1);
    await h.flush();
    expect(h.state.getState()).toMatchObject({ status: 'unavailable', runs: [] });
    expect(h.state.getState().message).toContain('IndexedDB is not available');
    expect(s.getState().run.phase).toBe('completed');
    h.stop();
  });

  it('storage full: the run is not kept and the user is told why', async () => {
    const f = fakeRunner();
    const s = initEditorStore(createEditorStore({ initialText: DEFAULT_EXAMPLE.text, parseDelayMs: 0, startRun: f.start }));
    const full = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const h = startRunHistory(s, { openDb: async () => memoryDb(full), settleMs: 0 });
    await oneRun(s, f, 1);
    await h.flush();
    expect(s.getState().notice?.message).toContain('storage is full');
    expect(h.state.getState().runs).toEqual([]);
    h.stop();
  });
});

describe('snapshot', () => {
  it('round-trips a run state through plain data', async () => {
    const f = fakeRunner();
    const s = initEditorStore(createEditorStore({ initialText: DEFAULT_EXAMPLE.text, parseDelayMs: 0, startRun: f.start }));
    await oneRun(s, f, 7);
    const run = s.getState().run;
    expect(toStoredRun({ ...run, phase: 'running' }, { fileName: 'a', yaml: '', modules: [] })).toBeNull();
    const stored = structuredClone(toStoredRun(run, { fileName: 'a.yaml', yaml: 'x', modules: [{ file: 'm.ts', source: 's' }] })!);
    const back = toRunState({ ...stored.summary, id: 1 }, { ...stored.results, id: 1 });
    expect(back.components).toEqual(run.components);
    expect(back.buffers.output).toEqual(run.buffers.output);
    expect(back.buffers.lanes).toEqual(run.buffers.lanes);
    expect(back.buffers.steps).toEqual(run.buffers.steps);
    expect(back.buffers.steps.length).toBeGreaterThan(0);
    expect(back.files).toEqual(run.files);
    expect(fileContent(back, 'ray.csv')).toBe(fileContent(run, 'ray.csv'));
    expect(stored.summary.modules).toEqual([{ file: 'm.ts', source: 's' }]);
  });
});
