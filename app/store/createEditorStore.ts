/**
 * The one editor store, made of three slices (files in `slices/`): document (YAML text = source of
 * truth, the model parsed from it, modules, undo history), view (selection, theme, notices,
 * clipboard) and run (the host's run and its telemetry). All state, work in flight included, lives in
 * the store, so listeners see one truth.
 */
import { createStore } from 'zustand/vanilla';
import { builtinCatalog } from '../document/core.ts';
import { documentSlice } from './slices/document.ts';
import { viewSlice } from './slices/view.ts';
import { runSlice } from './slices/run.ts';

export { processModeOf } from './slices/run.ts';

export type { ChangeSource, Theme, NoticeAction, Notice, ClipboardContent, EditorState, EditorDeps, EditorStore, SliceSet, SliceGet, ViewSlice, RunSliceState, DocumentSlice } from './storeTypes.ts';
import type { EditorDeps, EditorState, EditorStore } from './storeTypes.ts';

export function createEditorStore(deps: EditorDeps = {}): EditorStore {
  const base = deps.baseCatalog ?? builtinCatalog();
  return createStore<EditorState>()((set, get, api) => ({
    ...documentSlice(set, get, deps, base, api.subscribe),
    ...viewSlice(set, get, deps),
    ...runSlice(set, get, deps),
  }));
}

/** True when the document holds work not yet saved to a file. */
export function selectUnsaved(s: Pick<EditorState, 'text' | 'modules' | 'saved'>): boolean {
  return s.text !== s.saved.text || s.modules !== s.saved.modules;
}

/** Initialises the derived state (parse) once the store exists. */
export function initEditorStore(store: EditorStore): EditorStore {
  store.getState().setText(store.getState().text, 'file', { resetHistory: true });
  return store;
}
