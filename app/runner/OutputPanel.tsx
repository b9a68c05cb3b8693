import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { baseName } from '../store/names.ts';
import { downloadText, fileContent } from './downloads.ts';
import { formatSeconds } from './RunControls.tsx';
import { formatCsvCell } from '../../src/lib/csv.ts';
import { formatPython } from '../../src/runtime/python.ts';
import { OutputChart } from './OutputChart.tsx';
import { OutputViewTabs, type OutputView } from './OutputViewTabs.tsx';
import { RunsList } from '../history/RunsList.tsx';

const selVersion = (s: EditorState) => s.run.version;
const selFiles = (s: EditorState) => s.run.files;
const selPhase = (s: EditorState) => s.run.phase;
const selError = (s: EditorState) => s.run.error;
const ROW = 22;

/** A value as the CSV file will hold it (the same cell formatter as FileWriter). */
const formatValue = (v: unknown): string => formatCsvCell(v, formatPython);

function formatRow(values: readonly unknown[], header: readonly string[] | null): string {
  if (!header || header.length !== values.length) return values.map(formatValue).join(', ');
  return values.map((v, i) => `${header[i]}=${formatValue(v)}`).join('  ');
}

/** Rows the FileWriters receive, live (virtualized), plus the files written and their downloads. */
export function OutputPanel() {
  const store = useEditorStore();
  const version = useEditor(selVersion);
  const files = useEditor(selFiles);
  const phase = useEditor(selPhase);
  const error = useEditor(selError);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [view, setView] = useState<OutputView>('table');
  const run = store.getState().run;
  const rows = run.buffers.output;
  const startedAt = run.startedAt ?? 0;

  const virtualizer = useVirtualizer({
    count: view === 'table' ? rows.length : 0, // hidden table: no per-row layout work while the chart shows
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
  });

  // Follow new rows at the next frame (a scroll read inside the commit would force a layout of the
  // whole page while the canvas is updating; rows have a fixed height, so the end is scrollHeight).
  const count = rows.length;
  useEffect(() => {
    if (view !== 'table' || !stick.current || count === 0) return;
    const id = requestAnimationFrame(() => {
      const el = scroller.current;
      if (el && stick.current) el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(id);
  }, [count, view]);

  return (
    <section className="output-panel" aria-label="Output">
      <header className="bottom-header">
        <h2 className="panel-title">Output</h2>
        <OutputViewTabs view={view} onChange={setView} />
        <span className="muted" data-testid="output-count">
          {rows.length.toLocaleString('en')} row{rows.length === 1 ? '' : 's'}
        </span>
        <div className="downloads">
          {files.map((f) => (
            <button
              key={f.path}
              type="button"
              className="btn-download"
              aria-label={`Download ${baseName(f.path)}`}
              title={`${f.path}: ${f.rows} row${f.rows === 1 ? '' : 's'}`}
              onClick={() => downloadText(f.path, fileContent(store.getState().run, f.path))}
            >
              ⤓ {baseName(f.path)} <span className="muted">({f.rows} rows)</span>
            </button>
          ))}
        </div>
      </header>
      {error && phase !== 'running' && (
        <div className="run-error" role="alert">
          {error.component && !error.message.includes(`'${error.component}'`) ? `${error.component}: ` : ''}
          {error.message}
          {error.file ? ` (${error.file}${error.line ? `:${error.line}` : ''})` : ''}
        </div>
      )}
      {view === 'chart' && <OutputChart />}
      {view === 'runs' && <RunsList onOpened={() => setView('table')} />}
      <div className="output-table__head" aria-hidden="true" hidden={view !== 'table'}>
        <span>time</span>
        <span>file</span>
        <span>values</span>
      </div>
      <div
        className="output-table"
        hidden={view !== 'table'}
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW * 2;
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="list" aria-label="Output rows">
          {virtualizer.getVirtualItems().map((item) => {
            const r = rows[item.index]!;
            return (
              <div key={item.key} role="listitem" className="output-row" style={{ transform: `translateY(${item.start}px)`, height: ROW }}>
                <span className="output-row__t">+{(Math.max(0, r.t - startedAt) / 1000).toFixed(3)} s</span>
                <span className="output-row__file">{baseName(r.path)}</span>
                <span className="output-row__values">{formatRow(r.values, run.buffers.files.get(r.path)?.header ?? null)}</span>
              </div>
            );
          })}
        </div>
        {rows.length === 0 && <p className="muted pad">{phase === 'idle' ? 'Press Run: rows written by FileWriters appear here.' : 'No rows yet.'}</p>}
      </div>
    </section>
  );
}
