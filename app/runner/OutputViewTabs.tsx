/** Table / Chart switch of the Output panel. */
export function OutputViewTabs({ view, onChange }: { view: 'table' | 'chart'; onChange: (view: 'table' | 'chart') => void }) {
  return (
    <div className="segmented output-view-tabs" role="tablist" aria-label="Output view">
      <button type="button" role="tab" aria-selected={view === 'table'} onClick={() => onChange('table')}>
        Table
      </button>
      <button type="button" role="tab" aria-selected={view === 'chart'} onClick={() => onChange('chart')}>
        Chart
      </button>
    </div>
  );
}
