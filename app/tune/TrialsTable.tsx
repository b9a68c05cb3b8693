import { useRef, type CSSProperties } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TrialRecord, TuneConfig } from '../../src/tune/index.ts';

const ROW = 22;

export function formatNumber(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'number') return JSON.stringify(v);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  return Number.isInteger(v) ? String(v) : v.toPrecision(5);
}

/** Live trials (virtualized, newest first): index, status, parameters, objective, duration; the best pinned on top and highlighted, errors shown. */
export function TrialsTable({ tune, trials, version, bestIndex }: { tune: TuneConfig; trials: readonly TrialRecord[]; version: number; bestIndex: number | undefined }) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = trials.length;
  // Newest first: new trials appear at the top without scrolling (no layout reads per update).
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 10 });
  void version;
  const columns = `34px 70px repeat(${tune.parameters.length}, minmax(0, 1fr)) minmax(0, 1.2fr) 48px`;
  const objective = tune.objectives.map((o) => o.field).join(', ');
  const best = bestIndex === undefined ? undefined : trials[bestIndex];
  const renderRow = (t: TrialRecord, key: string | number | bigint, style: CSSProperties, pinned = false) => {
    const isBest = t.index === bestIndex;
    return (
      <div
        key={String(key)}
        role="row"
        aria-rowindex={t.index + 1}
        aria-label={pinned ? 'Best trial row' : undefined}
        data-status={t.status}
        data-best={isBest || undefined}
        className={`tune-row tune-row--${t.status}${isBest ? ' is-best' : ''}${pinned ? ' tune-row--pinned' : ''}`}
        style={style}
        title={t.error ? `${t.error.component ? `${t.error.component}: ` : ''}${t.error.message}` : undefined}
      >
        <span role="cell">{t.index}</span>
        <span role="cell">{isBest ? '★ best' : t.status}</span>
        {t.error && t.status === 'failed' ? (
          <span role="cell" className="tune-row__error" style={{ gridColumn: `3 / span ${tune.parameters.length + 1}` }}>
            {t.error.component ? `${t.error.component}: ` : ''}
            {t.error.message}
          </span>
        ) : (
          <>
            {tune.parameters.map((p) => (
              <span role="cell" key={p.fullName}>
                {formatNumber(t.config[p.fullName])}
              </span>
            ))}
            <span role="cell">{(t.values ?? []).map(formatNumber).join(', ')}</span>
          </>
        )}
        <span role="cell">{t.durationMs === undefined ? '' : Math.round(t.durationMs)}</span>
      </div>
    );
  };
  return (
    <div className="tune-table">
      <div className="tune-table__head" style={{ gridTemplateColumns: columns }} role="row">
        <span role="columnheader">#</span>
        <span role="columnheader">status</span>
        {tune.parameters.map((p) => (
          <span role="columnheader" key={p.fullName} title={p.fullName}>
            {p.objectName ? `${p.objectName}.` : ''}
            {p.fieldName}
          </span>
        ))}
        <span role="columnheader" title={tune.objectives.map((o) => o.fullName).join(', ')}>
          {objective}
        </span>
        <span role="columnheader">ms</span>
      </div>
      {best && renderRow(best, 'best', { gridTemplateColumns: columns, position: 'static' }, true)}
      <div className="tune-table__body" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="table" aria-label="Trials" aria-rowcount={rows}>
          {virtualizer.getVirtualItems().map((item) => {
            const t = trials[rows - 1 - item.index];
            if (!t) return null;
            return renderRow(t, item.key, { transform: `translateY(${item.start}px)`, height: ROW, gridTemplateColumns: columns });
          })}
        </div>
        {rows === 0 && <p className="muted pad">Press Start tuning: trials appear here as they finish.</p>}
      </div>
    </div>
  );
}
