// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createEditorStore, initEditorStore, type EditorStore } from '../store/createEditorStore.ts';
import { idbStorage, loadStoredDocument, startAutosave, LEGACY_KEY, type Autosave, type DocumentStorage } from './autosave.ts';

let dbCount = 0;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const TEXT = 'plugboard:\n  process:\n    args:\n      components: []\n      connectors: []\n';

function memoryLegacy() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

/** One browser tab: a store from what storage holds, autosaving into it. */
async function openTab(storage: DocumentStorage, channelName: string, tabId: string): Promise<{ store: EditorStore; autosave: Autosave; downloads: number[] }> {
  const loaded = await loadStoredDocument(storage, null);
  const store = initEditorStore(createEditorStore({ initialText: loaded.doc?.text ?? TEXT, initialModules: loaded.doc?.modules ?? [], parseDelayMs: 0 }));
  const downloads: number[] = [];
  const channel = new BroadcastChannel(channelName);
  const autosave = startAutosave(store, { storage, tabId, baseStamp: loaded.baseStamp, channel, delayMs: 5, download: () => downloads.push(1) });
  cleanups.push(() => (autosave.dispose(), channel.close()));
  return { store, autosave, downloads };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('autosave to IndexedDB (issue 11 items 5–7)', () => {
  it('saves text and modules to IndexedDB and reads them back', async () => {
    const storage = idbStorage(`t${++dbCount}`);
    const a = await openTab(storage, `c${dbCount}`, 'a');
    a.store.getState().setText(TEXT + '# mine\n', 'yaml');
    a.store.getState().setModule('m.ts', 'export {}');
    await a.autosave.flush();
    const loaded = await loadStoredDocument(storage, null);
    expect(loaded.doc).toMatchObject({ text: TEXT + '# mine\n', modules: [{ file: 'm.ts', source: 'export {}' }], unsaved: true });
  });

  it('tells the user at once when a write fails (storage full) and offers a download', async () => {
    const full: DocumentStorage = {
      read: async () => undefined,
      write: async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      keepCopy: async () => undefined,
    };
    const a = await openTab(full, `c${++dbCount}`, 'a');
    a.store.getState().setText(TEXT + '# big\n', 'yaml');
    await a.autosave.flush();
    const notice = a.store.getState().notice!;
    expect(notice).toMatchObject({ kind: 'error', sticky: true });
    expect(notice.message).toContain('QuotaExceededError');
    notice.actions!.find((x) => x.label === 'Download a copy')!.run();
    expect(a.downloads).toEqual([1]);
  });

  it("two tabs: a tab without changes follows the other; a tab with changes never overwrites the other's newer text unasked", async () => {
    const storage = idbStorage(`t${++dbCount}`);
    const channel = `c${dbCount}`;
    const seed = await openTab(storage, channel, 'seed');
    seed.store.getState().setText(TEXT + '# v1\n', 'yaml');
    await seed.autosave.flush();
    const a = await openTab(storage, channel, 'a');
    const b = await openTab(storage, channel, 'b');

    a.store.getState().setText(TEXT + '# from A\n', 'yaml');
    await a.autosave.flush();
    await until(() => b.store.getState().text === TEXT + '# from A\n'); // B had no changes: it follows
    expect(b.store.getState().notice?.message).toContain('changed in another tab');

    b.store.getState().setText(TEXT + '# from B\n', 'yaml'); // B edits...
    a.store.getState().setText(TEXT + '# A again\n', 'yaml'); // ...while A saves first
    await a.autosave.flush();
    await b.autosave.flush();
    await until(() => (b.store.getState().notice?.actions?.length ?? 0) > 0);
    expect((await loadStoredDocument(storage, null)).doc?.text).toBe(TEXT + '# A again\n'); // not overwritten
    expect(b.store.getState().text).toBe(TEXT + '# from B\n'); // B's text is not lost either
    const keep = b.store.getState().notice!.actions!.find((x) => x.label === "Keep this tab's version")!;
    keep.run();
    await new Promise((r) => setTimeout(r, 20));
    await b.autosave.flush();
    expect((await loadStoredDocument(storage, null)).doc?.text).toBe(TEXT + '# from B\n');
  });

  it('a page-hide copy in localStorage wins when it is newer than the IndexedDB record', async () => {
    const storage = idbStorage(`t${++dbCount}`);
    const legacy = memoryLegacy();
    legacy.setItem(LEGACY_KEY, JSON.stringify({ text: 'newer', fileName: 'x.yaml', modules: [], theme: 'light', unsaved: true, stamp: 'a:1:hidden', savedAt: Date.now() + 1000 }));
    const a = await openTab(storage, `c${dbCount}`, 'a');
    a.store.getState().setText('older', 'yaml');
    await a.autosave.flush();
    expect((await loadStoredDocument(storage, legacy)).doc?.text).toBe('newer');
  });
});
