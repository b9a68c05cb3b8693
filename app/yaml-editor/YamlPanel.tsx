import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import type { Diagnostic } from '../../src/index.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { jsonSchema } from '../document/core.ts';
import { plainTextSchema } from './plainTextSchema.ts';
import { minimalEdit } from './minimalEdit.ts';
import { displayText } from '../store/names.ts';

type MonacoModule = typeof import('./monacoSetup.ts');

const selDiagnostics = (s: EditorState) => s.diagnostics;
const selTheme = (s: EditorState) => s.theme;
const selCatalog = (s: EditorState) => s.catalog;
/** Problems listed and marked at most (the count shows them all); the first ones are the ones to fix. */
const MAX_LISTED = 200;
const MAX_MARKERS = 2000;

function toMarker(monaco: MonacoModule['monaco'], model: Monaco.editor.ITextModel, d: Diagnostic): Monaco.editor.IMarkerData {
  const severity = d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;
  if (d.range) {
    const { start, end } = d.range;
    const sameSpot = end.line === start.line && end.column <= start.column;
    return {
      severity,
      message: d.message,
      code: d.code,
      startLineNumber: start.line,
      startColumn: start.column,
      endLineNumber: end.line,
      endColumn: sameSpot ? model.getLineMaxColumn(Math.min(start.line, model.getLineCount())) : end.column,
    };
  }
  return { severity, message: d.message, code: d.code, startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: model.getLineMaxColumn(1) };
}

/** The model as Plugboard YAML in Monaco: typing updates the store; store edits patch the text in place. */
export function YamlPanel({ hidden }: { hidden?: boolean }) {
  const store = useEditorStore();
  const host = useRef<HTMLDivElement>(null);
  const [mod, setMod] = useState<MonacoModule | null>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const diagnostics = useEditor(selDiagnostics);
  const theme = useEditor(selTheme);
  const catalog = useEditor(selCatalog);

  useEffect(() => {
    let alive = true;
    void import('./monacoSetup.ts').then((m) => alive && setMod(m));
    return () => {
      alive = false;
    };
  }, []);

  // Create the editor once Monaco is loaded.
  useEffect(() => {
    if (!mod || !host.current) return;
    const { monaco } = mod;
    const uri = monaco.Uri.parse(mod.MODEL_URI);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(store.getState().text, 'yaml', uri);
    model.setValue(store.getState().text);
    model.updateOptions({ tabSize: 2, insertSpaces: true });
    const editor = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      // Sticky scroll from the folding ranges the YAML worker already sends: its default (the
      // outline model) rebuilds a symbol tree of every key on each keystroke, a long main-thread
      // task in a 1,000-component model.
      stickyScroll: { enabled: true, defaultModel: 'foldingProviderModel' },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      wordWrap: 'off',
      renderWhitespace: 'selection',
      quickSuggestions: { other: true, comments: false, strings: true },
      ariaLabel: 'YAML editor',
    });
    editorRef.current = editor;
    // Tab indents inside the editor; Esc then Tab leaves it (Monaco's tab-focus mode, armed by Esc
    // until the next other key), so keyboard users are never trapped. The hint below says so.
    const leaveOnTab = (on: boolean) => {
      if (editor.getOption(monaco.editor.EditorOption.tabFocusMode) !== on) editor.updateOptions({ tabFocusMode: on });
    };
    const keys = editor.onKeyDown((e) => {
      if (e.keyCode === monaco.KeyCode.Escape) leaveOnTab(true);
      else if (e.keyCode !== monaco.KeyCode.Tab && e.keyCode !== monaco.KeyCode.Shift) leaveOnTab(false);
    });
    const blur = editor.onDidBlurEditorText(() => leaveOnTab(false));
    // One undo story: the store's history is the only one. Monaco's Undo/Redo keys are redirected to
    // it, so Ctrl+Z here, on the canvas and the toolbar buttons walk the same entries (typed text is
    // one entry per typing pause, see `recordChange`). Monaco's own stack is never walked.
    const { KeyMod, KeyCode } = monaco;
    const undoAction = editor.addAction({
      id: 'plugboard.undo',
      label: 'Undo',
      keybindings: [KeyMod.CtrlCmd | KeyCode.KeyZ],
      run: () => store.getState().undo(),
    });
    const redoAction = editor.addAction({
      id: 'plugboard.redo',
      label: 'Redo',
      keybindings: [KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, KeyMod.CtrlCmd | KeyCode.KeyY],
      run: () => store.getState().redo(),
    });
    let applying = false;
    const sub = model.onDidChangeContent(() => {
      if (applying) return;
      store.getState().setText(model.getValue(), 'yaml');
    });
    // Store → editor: patch only the changed span, so the cursor, undo stack and comments stay put.
    const unsub = store.subscribe((s, prev) => {
      if (s.text === prev.text || s.textSource === 'yaml') return;
      const current = model.getValue();
      if (current === s.text) return;
      const e = minimalEdit(current, s.text);
      const start = model.getPositionAt(e.start);
      const end = model.getPositionAt(e.end);
      applying = true;
      try {
        model.pushEditOperations(
          editor.getSelections(),
          [{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: e.text }],
          () => null,
        );
        model.pushStackElement();
      } finally {
        applying = false;
      }
    });
    (window as unknown as { __yamlEditor?: unknown }).__yamlEditor = editor;
    return () => {
      unsub();
      sub.dispose();
      keys.dispose();
      blur.dispose();
      undoAction.dispose();
      redoAction.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, [mod, store]);

  useEffect(() => {
    if (!mod) return;
    mod.setSchema(plainTextSchema(jsonSchema(catalog)));
  }, [mod, catalog]);

  useEffect(() => {
    if (!mod) return;
    mod.monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [mod, theme]);

  useEffect(() => {
    if (!mod) return;
    const model = mod.monaco.editor.getModel(mod.monaco.Uri.parse(mod.MODEL_URI));
    if (!model) return;
    mod.monaco.editor.setModelMarkers(
      model,
      'plugboard',
      // A model with thousands of problems (20,000 unconnected inputs) must not stall the page.
      diagnostics.slice(0, MAX_MARKERS).map((d) => toMarker(mod.monaco, model, d)),
    );
  }, [mod, diagnostics]);

  const reveal = (d: Diagnostic) => {
    const editor = editorRef.current;
    if (!editor || !d.range) return;
    editor.revealLineInCenter(d.range.start.line);
    editor.setPosition({ lineNumber: d.range.start.line, column: d.range.start.column });
    editor.focus();
  };

  return (
    <section className="yaml-panel" aria-label="YAML" hidden={hidden}>
      <div className="yaml-panel__editor" ref={host} data-testid="yaml-editor">
        {!mod && <p className="muted pad">Loading editor…</p>}
      </div>
      <p className="yaml-panel__hint muted" id="yaml-keyboard-hint">
        Tab indents. To leave the editor with the keyboard, press Esc, then Tab.
      </p>
      <Problems diagnostics={diagnostics} onPick={reveal} />
    </section>
  );
}

const selParsing = (s: EditorState) => s.isParsing;

function Problems({ diagnostics, onPick }: { diagnostics: readonly Diagnostic[]; onPick: (d: Diagnostic) => void }) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const parsing = useEditor(selParsing);
  return (
    <div className="problems" role="region" aria-label="Problems">
      <div className="problems__title">
        Problems <span className={errors ? 'badge badge--error' : 'badge'}>{diagnostics.length}</span>
        {parsing && (
          <span className="muted" role="status" data-testid="parsing">
            {' '}
            · reading the YAML in the background; the canvas shows the last result
          </span>
        )}
      </div>
      {diagnostics.length > 0 && (
        <ul className="problems__list">
          {diagnostics.slice(0, MAX_LISTED).map((d, i) => (
            <li key={i} className={`problem problem--${d.severity}`}>
              <button type="button" onClick={() => onPick(d)}>
                <span className="problem__where">{d.range ? `${d.range.start.line}:${d.range.start.column}` : '—'}</span>
                <span className="problem__msg">{displayText(d.message)}</span>
              </button>
            </li>
          ))}
          {diagnostics.length > MAX_LISTED && <li className="muted">… and {(diagnostics.length - MAX_LISTED).toLocaleString('en')} more</li>}
        </ul>
      )}
    </div>
  );
}
