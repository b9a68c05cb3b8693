/**
 * What each canvas node shows of the run (status, worker, error), handed to the nodes in slices.
 * A batch of events can change every node at once (a 300-component model starting: all go from
 * waiting to running and learn their worker); re-rendering them all in one task kept the main thread
 * busy for hundreds of ms. Changed nodes are queued and at most `SLICE` of them are updated per
 * task, so each render stays short; the store remains the one source (views only lag a few tasks).
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { ErrorInfo, Status } from '../../src/index.ts';
import type { EditorState, EditorStore } from '../store/storeTypes.ts';
import type { ComponentRun } from '../store/runSlice.ts';

export interface NodeRun {
  readonly status: Status | undefined;
  readonly worker: string | undefined;
  readonly error: ErrorInfo | undefined;
}

const NONE: NodeRun = Object.freeze({ status: undefined, worker: undefined, error: undefined });
/** Nodes updated per task. */
export const SLICE = 40;

export interface NodeRunView {
  subscribe(name: string, listener: () => void): () => void;
  get(name: string): NodeRun;
}

const same = (c: ComponentRun | undefined, v: NodeRun): boolean => (c?.status === v.status && c?.worker === v.worker && c?.error === v.error);
const viewOf = (c: ComponentRun | undefined): NodeRun => (c ? { status: c.status, worker: c.worker, error: c.error } : NONE);

export function createNodeRunView(store: EditorStore): NodeRunView {
  const shown = new Map<string, NodeRun>();
  const listeners = new Map<string, Set<() => void>>();
  const queue = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = (): void => {
    timer = null;
    const components = store.getState().run.components;
    let n = 0;
    for (const name of queue) {
      queue.delete(name);
      const next = components[name];
      if (same(next, shown.get(name) ?? NONE)) continue;
      shown.set(name, viewOf(next));
      for (const listener of listeners.get(name) ?? []) listener();
      if (++n >= SLICE) break;
    }
    if (queue.size > 0) timer = setTimeout(flush, 0);
  };
  const onStore = (state: EditorState, prev: EditorState): void => {
    if (state.run.components === prev.run.components) return;
    for (const name of listeners.keys()) if (!same(state.run.components[name], shown.get(name) ?? NONE)) queue.add(name);
    if (queue.size === 0 || timer !== null) return;
    // A few changes show at once (a component failing); many go out in slices.
    if (queue.size <= SLICE) flush();
    else timer = setTimeout(flush, 0);
  };
  store.subscribe(onStore);

  const get = (name: string): NodeRun => {
    let v = shown.get(name);
    if (!v) shown.set(name, (v = viewOf(store.getState().run.components[name])));
    return v;
  };

  return {
    subscribe(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      // A change between the render that read `get` and this subscription is queued like any other.
      if (!same(store.getState().run.components[name], get(name))) {
        queue.add(name);
        timer ??= setTimeout(flush, 0);
      }
      return () => {
        set.delete(listener);
        if (set.size === 0) {
          listeners.delete(name);
          shown.delete(name);
          queue.delete(name);
        }
      };
    },
    get,
  };
}

const views = new WeakMap<EditorStore, NodeRunView>();

/** The run as node `name` shows it (status, worker, error). */
export function useNodeRun(store: EditorStore, name: string): NodeRun {
  let view = views.get(store);
  if (!view) views.set(store, (view = createNodeRunView(store)));
  const v = view;
  const subscribe = useCallback((listener: () => void) => v.subscribe(name, listener), [v, name]);
  const get = useCallback(() => v.get(name), [v, name]);
  return useSyncExternalStore(subscribe, get);
}
