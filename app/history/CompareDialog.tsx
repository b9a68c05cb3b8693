import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useEditor } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import type { RunState } from '../store/runSlice.ts';
import { baseName } from '../store/names.ts';
import { Chart, type ChartSeries } from '../charts/Chart.tsx';
import { numericColumns, outputColumnsOf, seriesOf, type XAxis } from '../runner/outputColumns.ts';
import { lineDiff } from '../../src/inspect/lineDiff.ts';
import type { RunHistory } from './runHistory.ts';
import type { RunSummary } from './snapshot.ts';
import { formatSeconds } from '../runner/RunControls.tsx';

const selDark = (s: EditorState) => s.theme === 'dark';
const SEP = '\u0000';

/** Numeric columns of a run, as "path\0name" keys. */
function columnKeys(run: RunState): string[] {
  return [...outputColumnsOf(run).values()].flatMap((f) => numericColumns(f).map((c) => `${f.path}${SEP}${c.name}`));
}

/** Two stored runs side by side: one column from both on one chart, and the diff of their YAML. */
export function CompareDialog({ history, ids, onClose }: { history: RunHistory; ids: readonly [number, number]; onClose: () => void }) {
  const dark = useEditor(selDark);
  const [runs, setRuns] = useState<RunState[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [column, setColumn] = useState<string | null>(null);
  const [x, setX] = useState<XAxis>('row');
  const summaries = ids.map((id) => history.state.getState().runs.find((r) => r.id === id));

  useEffect(() => {
    history.runStates(ids).then(setRuns, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [history, ids]);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  // Focus moves into the dialog and returns where it was (the Compare button) when it closes.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus();
  }, []);

  const columns = useMemo(() => {
    if (!runs) return [];
    const a = columnKeys(runs[0]!);
    const b = new Set(columnKeys(runs[1]!));
    return [...a.filter((k) => b.has(k)), ...a.filter((k) => !b.has(k)), ...[...b].filter((k) => !a.includes(k))];
  }, [runs]);
  const picked = column && columns.includes(column) ? column : columns[0];
  const series = useMemo<ChartSeries[]>(() => {
    if (!runs || !picked) return [];
    const [path, name] = picked.split(SEP) as [string, string];
    return runs.flatMap((run, i) => {
      const file = outputColumnsOf(run).get(path);
      return file ? seriesOf(file, x, `#${ids[i]} `, name).map((s) => (i === 1 ? { ...s, dashed: true } : s)) : [];
    });
  }, [runs, picked, x, ids]);
  const diff = useMemo(() => (summaries[0] && summaries[1] ? lineDiff(summaries[0].yaml, summaries[1].yaml) : []), [summaries[0], summaries[1]]); // eslint-disable-line react-hooks/exhaustive-deps
  const changed = diff.filter((l) => l.kind !== 'same').length;

  return createPortal(
    <div className="compare-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="compare" role="dialog" aria-modal="true" aria-label="Compare runs">
        <header className="compare__head">
          <h2>
            Compare run #{ids[0]} and run #{ids[1]}
          </h2>
          <button type="button" aria-label="Close" ref={close} onClick={onClose}>
            ×
          </button>
        </header>
        {error && <p role="alert">{error}</p>}
        <div className="compare__controls">
          <label>
            Column{' '}
            <select value={picked ?? ''} onChange={(e) => setColumn(e.target.value)}>
              {columns.map((k) => {
                const [path, name] = k.split(SEP) as [string, string];
                return (
                  <option key={k} value={k}>
                    {baseName(path)} · {name}
                  </option>
                );
              })}
            </select>
          </label>
          <label>
            X axis{' '}
            <select value={x} onChange={(e) => setX(e.target.value as XAxis)}>
              <option value="row">row</option>
              <option value="time">time (s)</option>
            </select>
          </label>
          <span className="muted">dashed: run #{ids[1]}</span>
        </div>
        <div className="compare__chart">
          {runs && columns.length === 0 ? (
            <p className="muted pad">Neither run wrote a numeric column.</p>
          ) : (
            <Chart label="Comparison chart" series={series} xLabel={x === 'time' ? 'time (s)' : 'row'} dark={dark} />
          )}
        </div>
        <div className="compare__bottom">
          <ComponentsTable a={summaries[0]} b={summaries[1]} />
          <section className="compare__diff" aria-label="YAML diff">
            <h3>
              YAML: {changed === 0 ? 'the same model' : `${changed} line${changed === 1 ? '' : 's'} differ`} (run #{ids[0]} → run #{ids[1]})
            </h3>
            <pre>
              {diff.map((l, i) => (
                <div key={i} className={`diff-line diff-line--${l.kind}`} data-kind={l.kind}>
                  {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
                  {l.text}
                </div>
              ))}
            </pre>
          </section>
        </div>
      </div>
    </div>,
    document.body,
  );
}

const ms = (x: number | undefined) => (x === undefined ? '' : x < 1000 ? `${x.toFixed(1)} ms` : formatSeconds(x));

/** Status, duration, and each component's steps and time in step() for both runs. */
function ComponentsTable({ a, b }: { a: RunSummary | undefined; b: RunSummary | undefined }) {
  if (!a || !b) return null;
  const names = [...new Set([...Object.keys(a.timings), ...Object.keys(b.timings)])];
  return (
    <section className="compare__components" aria-label="Components compared">
      <table>
        <thead>
          <tr>
            <th />
            <th colSpan={2}>run #{a.id}</th>
            <th colSpan={2}>run #{b.id}</th>
          </tr>
          <tr>
            <th>status, duration</th>
            <td>{a.status}</td>
            <td>{formatSeconds(a.durationMs)}</td>
            <td>{b.status}</td>
            <td>{formatSeconds(b.durationMs)}</td>
          </tr>
          <tr className="muted">
            <th>component</th>
            <th title="step() calls in that run">steps run</th>
            <th>in step()</th>
            <th title="step() calls in that run">steps run</th>
            <th>in step()</th>
          </tr>
        </thead>
        <tbody>
          {names.map((n) => (
            <tr key={n} data-component={n}>
              <th>{n}</th>
              <td>{a.timings[n]?.steps ?? ''}</td>
              <td>{ms(a.timings[n]?.busyMs)}</td>
              <td>{b.timings[n]?.steps ?? ''}</td>
              <td>{ms(b.timings[n]?.busyMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
