import { HistoryBadge } from '../history/HistoryBadge.tsx';

export type OutputView = 'table' | 'chart' | 'runs';

const VIEWS: readonly { view: OutputView; label: string }[] = [
  { view: 'table', label: 'Table' },
  { view: 'chart', label: 'Chart' },
  { view: 'runs', label: 'Runs' },
];

/** Table / Chart / Runs switch of the Output panel. */
export function OutputViewTabs({ view, onChange }: { view: OutputView; onChange: (view: OutputView) => void }) {
  return (
    <div className="segmented output-view-tabs" role="tablist" aria-label="Output view">
      {VIEWS.map((v) => (
        <button key={v.view} type="button" role="tab" aria-selected={view === v.view} onClick={() => onChange(v.view)}>
          {v.label}
        </button>
      ))}
      <HistoryBadge />
    </div>
  );
}
