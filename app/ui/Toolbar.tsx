import { useEffect, useRef, useState } from 'react';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { isLive } from '../store/runSlice.ts';
import { EXAMPLES } from '../examples/examples.ts';
import { RunControls } from '../runner/RunControls.tsx';
import { displayText } from '../store/names.ts';
import { confirmReplace, openFile, saveDocument } from './files.ts';
import { autoLayoutCanvas } from '../canvas/Canvas.tsx';

const selCanUndo = (s: EditorState) => s.history.past.length > 0;
const selCanRedo = (s: EditorState) => s.history.future.length > 0;
const selTheme = (s: EditorState) => s.theme;
const selFileName = (s: EditorState) => s.fileName;
const selRunningMode = (s: EditorState) => (isLive(s.run.phase) ? s.run.mode : null);


function ExamplesMenu() {
  const store = useEditorStore();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button type="button" aria-label="Examples" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Examples ▾
      </button>
      {open && (
        <ul className="menu__list" role="menu" aria-label="Examples">
          {EXAMPLES.map((ex) => (
            <li key={ex.id} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setOpen(false);
                  if (confirmReplace(store)) store.getState().loadDocument(ex.text, ex.file);
                }}
              >
                {ex.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Toolbar() {
  const store = useEditorStore();
  const canUndo = useEditor(selCanUndo);
  const canRedo = useEditor(selCanRedo);
  const theme = useEditor(selTheme);
  const fileName = useEditor(selFileName);
  const runningMode = useEditor(selRunningMode);
  const input = useRef<HTMLInputElement>(null);

  return (
    <header className="toolbar" role="toolbar" aria-label="Editor toolbar">
      <span className="brand">Plugboard Studio</span>
      <span className="file-name" title={displayText(fileName)} data-testid="file-name">
        {displayText(fileName)}
      </span>
      <div className="toolbar__group">
        <button type="button" onClick={() => confirmReplace(store) && store.getState().newDocument()}>
          New
        </button>
        <button type="button" onClick={() => input.current?.click()}>
          Open
        </button>
        <input
          ref={input}
          type="file"
          accept=".yaml,.yml,.json"
          hidden
          aria-label="Open file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void openFile(store, f);
            e.target.value = '';
          }}
        />
        <button type="button" onClick={() => saveDocument(store)}>
          Save
        </button>
        <ExamplesMenu />
      </div>
      <div className="toolbar__group">
        <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => store.getState().undo()}>
          ↶ Undo
        </button>
        <button type="button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={() => store.getState().redo()}>
          ↷ Redo
        </button>
        <button type="button" onClick={() => autoLayoutCanvas(store)}>
          Auto layout
        </button>
      </div>
      <RunControls />
      {runningMode && (
        <span className="run-snapshot" role="status" data-testid="run-snapshot" title="Edits, New and Open are allowed during a run; the run goes on with the model as it was when Run was pressed.">
          Running the model as it was at Run ({runningMode === 'parallel' ? 'Parallel' : 'Local'}); edits apply to the next run
        </span>
      )}
      <button
        type="button"
        className="theme-toggle"
        aria-label="Dark theme"
        aria-pressed={theme === 'dark'}
        onClick={() => store.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
        title="Toggle light/dark theme"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
