import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEditorStore, initEditorStore } from './store/createEditorStore.ts';
import { EditorStoreProvider } from './store/EditorStoreContext.tsx';
import { App } from './ui/App.tsx';
import { loadAutosave, startAutosave } from './ui/files.ts';
import { DEFAULT_EXAMPLE } from './examples/examples.ts';
import { startRun } from './runner/startRun.ts';
import { startModuleAnalysis } from './modules/modulesController.ts';
import { startAppRunHistory } from './history/runHistory.ts';
import './ui/styles.css';

const saved = loadAutosave();
const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
const store = initEditorStore(
  createEditorStore({
    initialText: saved?.text ?? DEFAULT_EXAMPLE.text,
    initialFileName: saved?.fileName ?? DEFAULT_EXAMPLE.file,
    initialModules: saved?.modules ?? [],
    theme: saved?.theme ?? (prefersDark ? 'dark' : 'light'),
    startRun,
  }),
);
startAutosave(store);
startAppRunHistory(store); // finished runs into IndexedDB (Output → Runs)
// Module types are ready for the palette before the Modules view is opened (user code runs in a worker).
startModuleAnalysis(store);
// Test hook: lets e2e specs read what the app derived (never used to drive the UI).
(window as unknown as { __editorStore?: typeof store }).__editorStore = store;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EditorStoreProvider store={store}>
      <App />
    </EditorStoreProvider>
  </StrictMode>,
);
