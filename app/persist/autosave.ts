// Autosave: the document (text, modules, theme) goes to IndexedDB shortly after each change, which
// has room for big models and modules. A failed write is reported at once with a download, never
// swallowed. Tabs share one record: each write names the version it replaces, so a tab never
// overwrites another tab's newer text without asking, and a BroadcastChannel tells other tabs at once.
import { openDB, type IDBPDatabase } from 'idb';
import { selectUnsaved, type EditorStore } from '../store/createEditorStore.ts';
import { recoverDocument, type Recovered, type StoredDocument } from './storedDocument.ts';

export const DB_NAME = 'plugboard-studio';
const STORE = 'documents';
const KEY = 'current';
/** The synchronous copy written when the page is hidden (IndexedDB writes may not finish then). */
export const LEGACY_KEY = 'plugboard-studio:document:v1';
export const CHANNEL = 'plugboard-studio:document';

/** Where the document is kept. `write` replaces the record only if it is still `expectStamp`. */
export interface DocumentStorage {
  read(): Promise<unknown>;
  write(doc: StoredDocument, expectStamp: string | null): Promise<{ ok: true } | { ok: false; current: unknown }>;
  /** Keeps a copy beside the current record (before a reset replaces it). */
  keepCopy(doc: unknown): Promise<void>;
}

/** The document record in IndexedDB (via `idb`), checked and replaced in one transaction. */
export function idbStorage(name = DB_NAME): DocumentStorage {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () => (db ??= openDB(name, 1, { upgrade: (d) => void d.createObjectStore(STORE) }));
  return {
    async read() {
      return (await open()).get(STORE, KEY);
    },
    async write(doc, expectStamp) {
      const tx = (await open()).transaction(STORE, 'readwrite');
      const current: unknown = await tx.store.get(KEY);
      const stamp = (current as { stamp?: unknown } | undefined)?.stamp;
      if (current !== undefined && expectStamp !== null && stamp !== expectStamp) {
        await tx.done;
        return { ok: false, current };
      }
      await tx.store.put(doc, KEY);
      await tx.done;
      return { ok: true };
    },
    async keepCopy(doc) {
      await (await open()).put(STORE, doc, `copy-${new Date().toISOString()}`);
    },
  };
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LoadedDocument extends Recovered {
  /** The stamp of the IndexedDB record this tab starts from (null when there is none). */
  readonly baseStamp: string | null;
  readonly storageError: string | null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { unreadable: text };
  }
}

/**
 * Reads the stored document: the IndexedDB record, or the page-hide copy in localStorage when that
 * is newer (or the only one, as in older versions), each checked field by field.
 * @example const loaded = await loadStoredDocument(idbStorage(), localStorage)
 */
export async function loadStoredDocument(storage: DocumentStorage, legacy: StorageLike | null): Promise<LoadedDocument> {
  let raw: unknown = null;
  let storageError: string | null = null;
  try {
    raw = (await storage.read()) ?? null;
  } catch (err) {
    storageError = err instanceof Error ? err.message : String(err);
  }
  const fromDb = recoverDocument(raw);
  const baseStamp = fromDb.doc?.stamp ?? (raw && typeof raw === 'object' ? String((raw as { stamp?: unknown }).stamp ?? '') : null);
  const fromLegacy = recoverDocument(parseJson(legacy?.getItem(LEGACY_KEY) ?? null));
  const useLegacy = fromLegacy.doc !== null && (fromDb.doc === null || fromLegacy.doc.savedAt > fromDb.doc.savedAt);
  const chosen = useLegacy || (fromDb.doc === null && fromLegacy.rejected !== null) ? fromLegacy : fromDb;
  return { ...chosen, baseStamp: raw === null ? null : baseStamp, storageError };
}

export interface AutosaveOptions {
  readonly storage: DocumentStorage;
  readonly tabId: string;
  /** Stamp of the record the document was loaded from (null: none yet). */
  readonly baseStamp: string | null;
  readonly channel?: BroadcastChannel | null;
  readonly legacy?: StorageLike | null;
  readonly delayMs?: number;
  /** Offers the current document as a download (the notice's action). */
  readonly download: () => void;
}

export interface Autosave {
  /** Writes pending changes now (tests, page hide). */
  flush(): Promise<void>;
  dispose(): void;
}

interface Base {
  stamp: string | null;
  text: string;
  modules: unknown;
}

/**
 * Starts autosaving `store`. Failures and other tabs' changes become sticky notices with actions.
 * @example startAutosave(store, { storage: idbStorage(), tabId, baseStamp, download: () => saveDocument(store) })
 */
export function startAutosave(store: EditorStore, options: AutosaveOptions): Autosave {
  const { storage, tabId, channel = null, legacy = null, delayMs = 300 } = options;
  let base: Base = { stamp: options.baseStamp, text: store.getState().text, modules: store.getState().modules };
  let written = { fileName: store.getState().fileName, theme: store.getState().theme };
  let counter = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failing = false;
  let conflict = false;
  let chain: Promise<void> = Promise.resolve();

  const snapshot = (stamp: string, s = store.getState()): StoredDocument => {
    return { text: s.text, fileName: s.fileName, modules: [...s.modules], theme: s.theme, unsaved: selectUnsaved(s), stamp, savedAt: Date.now() };
  };
  const hasLocalChanges = () => store.getState().text !== base.text || store.getState().modules !== base.modules;
  const isDirty = () => hasLocalChanges() || store.getState().fileName !== written.fileName || store.getState().theme !== written.theme;

  const adopt = (theirs: StoredDocument) => {
    store.getState().loadDocument(theirs.text, theirs.fileName, theirs.modules, { unsaved: theirs.unsaved });
    base = { stamp: theirs.stamp, text: store.getState().text, modules: store.getState().modules };
    written = { fileName: theirs.fileName, theme: store.getState().theme };
  };

  const showConflict = (current: unknown) => {
    conflict = true;
    const theirs = recoverDocument(current).doc;
    store.getState().notify('error', 'This document was changed in another tab. This tab has changes too; autosave is paused until you choose.', {
      sticky: true,
      actions: [
        ...(theirs ? [{ label: "Load the other tab's version", run: () => ((conflict = false), adopt(theirs)) }] : []),
        {
          label: "Keep this tab's version",
          run: () => {
            conflict = false;
            base = { ...base, stamp: theirs?.stamp ?? null };
            schedule(0);
          },
        },
        { label: 'Download this version', run: options.download },
      ],
    });
  };

  const save = async (): Promise<void> => {
    timer = null;
    if (conflict || !isDirty()) return;
    const stamp = `${tabId}:${++counter}`;
    const state = store.getState();
    const doc = snapshot(stamp, state);
    try {
      const result = await storage.write(doc, base.stamp);
      if (!result.ok) return showConflict(result.current);
      base = { stamp, text: state.text, modules: state.modules };
      written = { fileName: doc.fileName, theme: doc.theme };
      legacy?.removeItem(LEGACY_KEY);
      channel?.postMessage({ kind: 'saved', stamp, tabId });
      if (failing) {
        failing = false;
        store.getState().notify('info', 'Autosave works again.');
      }
    } catch (err) {
      failing = true;
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      store.getState().notify('error', `Autosave failed (${reason}). Your latest changes are only in this tab: download a copy.`, {
        sticky: true,
        actions: [{ label: 'Download a copy', run: options.download }],
      });
    }
  };

  const run = () => (chain = chain.then(save));
  function schedule(delay = delayMs) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), delay);
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.text === prev.text && s.modules === prev.modules && s.theme === prev.theme && s.fileName === prev.fileName) return;
    schedule();
  });

  const onMessage = (e: MessageEvent) => {
      const m = e.data as { kind?: string; stamp?: string; tabId?: string };
      if (m?.kind !== 'saved' || m.tabId === tabId || m.stamp === base.stamp) return;
      chain = chain.then(async () => {
        const current = await storage.read().catch(() => undefined);
        const theirs = recoverDocument(current).doc;
        if (!theirs || theirs.stamp === base.stamp) return;
        if (hasLocalChanges() || timer) showConflict(current);
        else {
          adopt(theirs);
          store.getState().notify('info', 'The document was changed in another tab; this tab now shows that version.');
        }
      });
  };
  channel?.addEventListener('message', onMessage);

  const onHide = () => {
    if (!isDirty()) return;
    // IndexedDB may not finish while the page goes away: keep a synchronous copy too (when it fits).
    try {
      legacy?.setItem(LEGACY_KEY, JSON.stringify(snapshot(`${tabId}:${counter}:hidden`)));
    } catch {
      // Too big for localStorage: the IndexedDB write below is all there is.
    }
    void run();
  };
  globalThis.addEventListener?.('pagehide', onHide);
  globalThis.addEventListener?.('beforeunload', onHide);

  return {
    flush: async () => {
      if (timer) {
        clearTimeout(timer);
        timer = null;
        await run();
      }
      await chain;
    },
    dispose() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      channel?.removeEventListener('message', onMessage);
      globalThis.removeEventListener?.('pagehide', onHide);
      globalThis.removeEventListener?.('beforeunload', onHide);
    },
  };
}
