import { describe, expect, it } from 'vitest';
import { createEditorStore, initEditorStore } from '../store/createEditorStore.ts';
import { startedRun } from '../store/runSlice.ts';
import { createNodeRunView, SLICE } from './nodeRunView.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('node run view (issue 8: a 300-component run keeps the page responsive)', () => {
  it('a batch that changes every node reaches the nodes in slices of SLICE per task, ending at the store state', async () => {
    const store = initEditorStore(createEditorStore({ parseDelayMs: 0 }));
    const names = Array.from({ length: 300 }, (_, i) => `c${i}`);
    store.setState({ run: startedRun('parallel', names, 0) });
    const view = createNodeRunView(store);
    const notified: string[][] = [];
    let current: string[] = [];
    for (const name of names) view.subscribe(name, () => current.push(name));
    expect(view.get('c0').status).toBe('created');

    const components = Object.fromEntries(names.map((n, i) => [n, { status: 'running' as const, steps: 0, worker: `worker:${i % 2}` }]));
    store.setState({ run: { ...store.getState().run, components } });
    expect(current).toEqual([]); // many changes: none in the store's own task
    while (notified.flat().length < names.length) {
      await tick();
      notified.push(current);
      current = [];
    }
    expect(Math.max(...notified.map((n) => n.length))).toBeLessThanOrEqual(SLICE);
    expect(new Set(notified.flat()).size).toBe(300);
    for (const name of names) expect(view.get(name)).toMatchObject({ status: 'running', worker: components[name]!.worker });
  });

  it('a few changes (a component failing) show at once', () => {
    const store = initEditorStore(createEditorStore({ parseDelayMs: 0 }));
    store.setState({ run: startedRun('local', ['a', 'b'], 0) });
    const view = createNodeRunView(store);
    const seen: string[] = [];
    view.subscribe('a', () => seen.push('a'));
    view.subscribe('b', () => seen.push('b'));
    const error = { name: 'Error', message: 'boom' };
    store.setState({ run: { ...store.getState().run, components: { ...store.getState().run.components, a: { status: 'failed', steps: 3, error } } } });
    expect(seen).toEqual(['a']);
    expect(view.get('a')).toEqual({ status: 'failed', worker: undefined, error });
    // Only the step count changed: nodes are not told (StepCount paints it).
    store.setState({ run: { ...store.getState().run, components: { ...store.getState().run.components, b: { status: 'created', steps: 9 } } } });
    expect(seen).toEqual(['a']);
  });
});
