import { useState } from 'react';
import { useStore } from 'zustand';
import { useEditor } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { isLive } from '../store/runSlice.ts';
import { formatSeconds } from '../runner/RunControls.tsx';
import { appRunHistory, type HistoryState, type RunHistory } from './runHistory.ts';
import type { RunSummary } from './snapshot.ts';
import { CompareDialog } from './CompareDialog.tsx';

const selAll = (s: HistoryState) => s;
const selRunning = (s: EditorState) => isLive(s.run.phase);

function describe(r: RunSummary): string {
  const time = new Date(r.startedAt).toLocaleTimeString('en-GB');
  return `${r.fileName} · ${r.status} · ${r.mode} · ${time} · ${formatSeconds(r.durationMs)} · ${r.outputRows.toLocaleString('en')} rows`;
}

/** Past runs (newest first): open one's results, load its model, delete it, or compare two. */
export function RunsList({ onOpened }: { onOpened?: () => void }) {
  const history = appRunHistory();
  if (!history) return <p className="muted pad">Run history is off.</p>;
  return <RunsListOf history={history} {...(onOpened ? { onOpened } : {})} />;
}

function RunsListOf({ history, onOpened }: { history: RunHistory; onOpened?: () => void }) {
  const { status, message, runs, viewing } = useStore(history.state, selAll);
  const running = useEditor(selRunning);
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState<[number, number] | null>(null);
  const live = picked.filter((id) => runs.some((r) => r.id === id));
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.filter((x) => runs.some((r) => r.id === x)), id].slice(-2)));

  if (status === 'unavailable') {
    return (
      <p className="runs-notice" role="status">
        {message}
      </p>
    );
  }
  return (
    <div className="runs">
      <div className="runs__bar">
        <span className="muted">{status === 'opening' ? 'Opening history…' : `${runs.length} of the last 20 runs kept in this browser`}</span>
        <button
          type="button"
          disabled={live.length !== 2}
          title="Tick two runs to compare them"
          onClick={() => setComparing([Math.min(live[0]!, live[1]!), Math.max(live[0]!, live[1]!)])}
        >
          Compare
        </button>
      </div>
      {runs.length === 0 && status === 'ready' && <p className="muted pad">No runs yet: finished runs are kept here.</p>}
      <ul className="runs__list" aria-label="Past runs">
        {runs.map((r) => (
          <li key={r.id} className={`runs__item${viewing === r.id ? ' is-viewing' : ''}`} aria-label={`Run #${r.id}`} data-status={r.status}>
            <input type="checkbox" aria-label={`Select run #${r.id}`} checked={live.includes(r.id)} onChange={() => toggle(r.id)} />
            <span className="runs__id">#{r.id}</span>
            <span className="runs__what" title={r.fileName}>
              {describe(r)}
              {r.truncated ? ' (first 200,000 rows kept)' : ''}
            </span>
            {viewing === r.id && <span className="runs__shown">shown</span>}
            <button type="button" aria-label={`Open run #${r.id}`} disabled={running} onClick={() => void history.open(r.id).then(() => onOpened?.())}>
              Open
            </button>
            <button type="button" aria-label={`Load model of run #${r.id}`} disabled={running} title={`Load ${r.fileName} as it was run`} onClick={() => history.loadModel(r.id)}>
              Model
            </button>
            <button type="button" aria-label={`Delete run #${r.id}`} onClick={() => void history.remove(r.id)}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      {comparing && <CompareDialog history={history} ids={comparing} onClose={() => setComparing(null)} />}
    </div>
  );
}
