import type { ModuleSource } from '../../src/index.ts';
import type { EditorStore, Theme } from '../store/createEditorStore.ts';
import { downloadText } from '../runner/downloads.ts';

/** Saves the YAML; components placed only by auto-layout get their positions written first. */
export function saveDocument(store: EditorStore): void {
  const s = store.getState();
  if (Object.keys(s.autoPositions).length > 0 && s.isTextValid) s.setAutoPositions({ ...s.autoPositions, ...s.layout }, true);
  downloadText(store.getState().fileName, store.getState().text);
}

/** Opens a .yaml file, or a project .json holding `{ yaml, modules }`. */
export async function openFile(store: EditorStore, file: File): Promise<void> {
  const text = await file.text();
  if (file.name.endsWith('.json')) {
    try {
      const project = JSON.parse(text) as { yaml?: unknown; fileName?: unknown; modules?: unknown };
      if (typeof project.yaml === 'string') {
        const modules = Array.isArray(project.modules) ? (project.modules as ModuleSource[]) : undefined;
        store.getState().loadDocument(project.yaml, typeof project.fileName === 'string' ? project.fileName : file.name.replace(/\.json$/, '.yaml'), modules);
        return;
      }
    } catch {
      /* fall through: report below */
    }
    store.getState().notify('error', `${file.name} is not a Plugboard Studio project file.`);
    return;
  }
  store.getState().loadDocument(text, file.name);
}

// ------------------------------------------------------------------ autosave
export const AUTOSAVE_KEY = 'plugboard-studio:document:v1';

export interface SavedDocument {
  readonly text: string;
  readonly fileName: string;
  readonly modules: readonly ModuleSource[];
  readonly theme: Theme;
}

export function loadAutosave(storage: Storage | undefined = globalThis.localStorage): SavedDocument | null {
  try {
    const raw = storage?.getItem(AUTOSAVE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SavedDocument>;
    if (typeof v.text !== 'string') return null;
    return { text: v.text, fileName: v.fileName ?? 'model.yaml', modules: Array.isArray(v.modules) ? v.modules : [], theme: v.theme === 'dark' ? 'dark' : 'light' };
  } catch {
    return null;
  }
}

/** Saves the document (text, modules, theme) to localStorage shortly after each change. */
export function startAutosave(store: EditorStore, storage: Storage | undefined = globalThis.localStorage, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    const s = store.getState();
    const doc: SavedDocument = { text: s.text, fileName: s.fileName, modules: s.modules, theme: s.theme };
    try {
      storage?.setItem(AUTOSAVE_KEY, JSON.stringify(doc));
    } catch {
      /* quota or private mode: autosave is best effort */
    }
  };
  const unsub = store.subscribe((s, prev) => {
    if (s.text === prev.text && s.modules === prev.modules && s.theme === prev.theme && s.fileName === prev.fileName) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  });
  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      save();
    }
  };
  window.addEventListener('beforeunload', flush);
  window.addEventListener('pagehide', flush);
  return () => {
    unsub();
    window.removeEventListener('beforeunload', flush);
    window.removeEventListener('pagehide', flush);
  };
}
