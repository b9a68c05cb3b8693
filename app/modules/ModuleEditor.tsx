import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import type { Diagnostic, ErrorInfo, ModuleSource } from '../../src/index.ts';
import { minimalEdit } from '../yaml-editor/minimalEdit.ts';
import { holdPendingEdit } from './pendingEdits.ts';

type MonacoTs = typeof import('./monacoTypescript.ts');

const SAVE_DELAY_MS = 150;

function toMarker(monaco: MonacoTs['monaco'], model: Monaco.editor.ITextModel, d: Diagnostic): Monaco.editor.IMarkerData {
  const severity = d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;
  const line = Math.min(d.range?.start.line ?? 1, model.getLineCount());
  const column = d.range?.start.column ?? 1;
  const endLine = Math.min(d.range?.end.line ?? line, model.getLineCount());
  const endColumn = d.range && d.range.end.column > column ? d.range.end.column : model.getLineMaxColumn(line);
  return { severity, message: d.message, code: d.code, source: 'plugboard', startLineNumber: line, startColumn: column, endLineNumber: endLine, endColumn };
}

function runMarker(monaco: MonacoTs['monaco'], model: Monaco.editor.ITextModel, error: ErrorInfo): Monaco.editor.IMarkerData {
  const line = Math.min(error.line ?? 1, model.getLineCount());
  return {
    severity: monaco.MarkerSeverity.Error,
    message: `${error.component ? `${error.component}: ` : ''}${error.name}: ${error.message}`,
    source: 'run',
    startLineNumber: line,
    startColumn: error.column ?? 1,
    endLineNumber: line,
    endColumn: model.getLineMaxColumn(line),
  };
}

export interface ModuleEditorProps {
  readonly modules: readonly ModuleSource[];
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly runError: ErrorInfo | null;
  readonly theme: 'light' | 'dark';
  readonly onChange: (file: string, source: string) => void;
  /** Bumped to move the cursor to a line (from the problem list). */
  readonly reveal?: { line: number; column: number; at: number } | null;
}

/** One Monaco editor with TypeScript checking; every module is a model, so imports between them resolve. */
export function ModuleEditor({ modules, file, diagnostics, runError, theme, onChange, reveal }: ModuleEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const [mod, setMod] = useState<MonacoTs | null>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // What this editor last saved per file: the store echoing it back must not touch the model
  // (the user may have typed more since).
  const savedRef = useRef(new Map<string, string>());

  useEffect(() => {
    let alive = true;
    void import('./monacoTypescript.ts').then((m) => alive && setMod(m));
    return () => {
      alive = false;
    };
  }, []);

  // One editor for the view's lifetime.
  useEffect(() => {
    if (!mod || !host.current) return;
    const editor = mod.monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      ariaLabel: 'Module editor',
    });
    editorRef.current = editor;
    // Test hook (reads only): the editor and the markers of a module file.
    const { monaco, moduleUri } = mod;
    (window as unknown as { __moduleEditor?: unknown }).__moduleEditor = {
      editor,
      markers: (file: string) =>
        monaco.editor.getModelMarkers({ resource: moduleUri(file) }).map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message, owner: m.owner, severity: m.severity })),
    };
    return () => {
      editor.dispose();
      editorRef.current = null;
    };
  }, [mod]);

  // Keep one Monaco model per module, in step with the store (stubs, project loads, removals).
  useEffect(() => {
    if (!mod) return;
    const { monaco, moduleUri, MODULE_ROOT } = mod;
    for (const m of modules) {
      const uri = moduleUri(m.file);
      const model = monaco.editor.getModel(uri);
      if (!model) {
        monaco.editor.createModel(m.source, m.file.endsWith('.py') ? 'python' : 'typescript', uri).updateOptions({ tabSize: 2, insertSpaces: true });
      } else if (model.getValue() !== m.source && savedRef.current.get(m.file) !== m.source) {
        const e = minimalEdit(model.getValue(), m.source);
        const start = model.getPositionAt(e.start);
        const end = model.getPositionAt(e.end);
        model.pushEditOperations([], [{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: e.text }], () => null);
      }
    }
    for (const model of monaco.editor.getModels()) {
      const path = model.uri.toString();
      if (path.startsWith(MODULE_ROOT) && !modules.some((m) => moduleUri(m.file).toString() === path)) model.dispose();
    }
  }, [mod, modules]);

  // Show the selected module; its edits are saved (debounced) to the store.
  useEffect(() => {
    const editor = editorRef.current;
    if (!mod || !editor) return;
    const model = mod.monaco.editor.getModel(mod.moduleUri(file));
    editor.setModel(model);
    if (!model) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let release = () => {};
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      release();
      const value = model.getValue();
      savedRef.current.set(file, value);
      onChangeRef.current(file, value);
    };
    const sub = model.onDidChangeContent((e) => {
      if (e.isFlush) return;
      if (timer) clearTimeout(timer);
      else release = holdPendingEdit(flush); // Run saves it at once (a run uses what the editor shows)
      timer = setTimeout(flush, SAVE_DELAY_MS);
    });
    return () => {
      sub.dispose();
      if (timer) flush();
    };
  }, [mod, file, modules.length]);

  // Markers: compile/load problems and the last run's error (TypeScript's own come from Monaco).
  useEffect(() => {
    if (!mod) return;
    for (const m of modules) {
      const model = mod.monaco.editor.getModel(mod.moduleUri(m.file));
      if (!model) continue;
      const own = diagnostics.filter((d) => d.file === m.file);
      mod.monaco.editor.setModelMarkers(model, 'plugboard', own.map((d) => toMarker(mod.monaco, model, d)));
      mod.monaco.editor.setModelMarkers(model, 'plugboard-run', runError?.file === m.file ? [runMarker(mod.monaco, model, runError)] : []);
    }
  }, [mod, modules, diagnostics, runError]);

  useEffect(() => {
    mod?.monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [mod, theme]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal) return;
    editor.revealLineInCenter(reveal.line);
    editor.setPosition({ lineNumber: reveal.line, column: reveal.column });
    editor.focus();
  }, [reveal]);

  return (
    <div className="module-editor" ref={host} data-testid="module-editor" data-file={file}>
      {!mod && <p className="muted pad">Loading editor…</p>}
    </div>
  );
}
