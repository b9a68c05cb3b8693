import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEditorStore, initEditorStore } from './store/createEditorStore.ts';
import { EditorStoreProvider } from './store/EditorStoreContext.tsx';
import { App } from './ui/App.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { saveDocument } from './ui/files.ts';
import { DEFAULT_EXAMPLE } from './examples/examples.ts';
import { startRun } from './runner/startRun.ts';
import { downloadText } from './runner/downloads.ts';
import { startModuleAnalysis } from './modules/modulesController.ts';
import { editInWorker, parseInWorker } from './store/parseInWorker.ts';
import { startAppRunHistory } from './history/runHistory.ts';
import { CHANNEL, idbStorage, loadStoredDocument, startAutosave } from './persist/autosave.ts';
import './ui/styles.css';

// Start-up: read the stored document (checked field by field), build the store, autosave it, render.
async function start(): Promise<void> {
  const storage = idbStorage();
  const legacy = typeof localStorage === 'undefined' ? null : localStorage;
  const loaded = await loadStoredDocument(storage, legacy);
  const saved = loaded.doc;
  const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const store = initEditorStore(
    createEditorStore({
      initialText: saved?.text ?? DEFAULT_EXAMPLE.text,
      initialFileName: saved?.fileName ?? DEFAULT_EXAMPLE.file,
      initialModules: saved?.modules ?? [],
      initialUnsaved: saved?.unsaved ?? false,
      theme: saved?.theme ?? (prefersDark ? 'dark' : 'light'),
      startRun,
      parseAsync: parseInWorker,
      editAsync: editInWorker,
    }),
  );
  const tabId = crypto.randomUUID();
  startAutosave(store, {
    storage,
    tabId,
    baseStamp: loaded.baseStamp,
    legacy,
    channel: typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL),
    download: () => saveDocument(store),
  });
  if (loaded.rejected !== null) {
    const rejected = loaded.rejected;
    store.getState().notify('error', `Part of the stored document could not be read and was left out (${loaded.problems.slice(0, 3).join('; ')}). The rest is restored.`, {
      sticky: true,
      actions: [{ label: 'Download the unreadable part', run: () => downloadText('plugboard-studio-unreadable.json', rejected) }],
    });
  } else if (loaded.storageError) {
    store.getState().notify('error', `The browser's storage could not be read (${loaded.storageError}); autosave may not work. Save your work with Save.`, { sticky: true });
  }
  startAppRunHistory(store); // finished runs into IndexedDB (Output → Runs)
  // Module types are ready for the palette before the Modules view is opened (user code runs in a worker).
  startModuleAnalysis(store);
  // Test hook: lets e2e specs read what the app derived (never used to drive the UI).
  (window as unknown as { __editorStore?: typeof store }).__editorStore = store;

  const reset = () => {
    const s = store.getState();
    void storage.keepCopy({ text: s.text, fileName: s.fileName, modules: s.modules, savedAt: Date.now() }).catch(() => undefined);
    s.loadDocument(DEFAULT_EXAMPLE.text, DEFAULT_EXAMPLE.file);
  };
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <EditorStoreProvider store={store}>
        <ErrorBoundary onDownload={() => saveDocument(store)} onReset={reset}>
          <App />
        </ErrorBoundary>
      </EditorStoreProvider>
    </StrictMode>,
  );
}

void start();
