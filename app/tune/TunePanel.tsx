/**
 * The Tune view (region "Tune", issue 9): the tune section of the YAML (objective, parameters,
 * settings, edited as text), Start tuning / Stop, live trials (virtualized table, lazy uPlot charts),
 * the best trial, Apply best (one undoable edit) and trials.csv. Trials run only in Web Workers.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { bestConfigEdits, readTuneConfig, type Algorithm } from '../../src/tune/index.ts';
import type { TuneEdit } from '../../src/yaml/tuneEdits.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { downloadText } from '../runner/downloads.ts';
import { createTuneSession, pythonStartsText, type TuneSessionState } from './tuneSession.ts';
import { createBrowserTuneExecutor, defaultPoolSize } from './tuneWorkers.ts';
import { formatNumber, TrialsTable } from './TrialsTable.tsx';
import { TuneSettings, TuneSetup } from './TuneEditor.tsx';
import { trialsCsv } from './trialsCsv.ts';
import { ExportButton } from './ExportButton.tsx';
import './tune.css';

const loadCharts = () => import('./TuneCharts.tsx');
const TuneCharts = lazy(loadCharts);

const selCatalog = (s: EditorState) => s.catalog;
const selValid = (s: EditorState) => s.isTextValid;
const selSelected = (s: EditorState) => (s.selection.length === 1 ? s.selection[0] : undefined);
const selPhase = (s: TuneSessionState) => s.phase;
const selVersion = (s: TuneSessionState) => s.version;

/** True when the document has a tune section (the app shows the Tune tab then). */
export const selHasTune = (s: EditorState): boolean => s.config?.tune !== undefined && s.config?.tune !== null;

export function TunePanel({ hidden }: { hidden: boolean }) {
  const store = useEditorStore();
  // While the tab is hidden it keeps the model it last showed: its forms list every component (one
  // <option> each), and redrawing them per typed key of a 30,000-component model is a long task.
  const shownConfig = useRef(store.getState().config);
  const config = useEditor(useCallback((s: EditorState) => (hidden ? shownConfig.current : s.config), [hidden]));
  shownConfig.current = config;
  const catalog = useEditor(selCatalog);
  const valid = useEditor(selValid);
  const selected = useEditor(selSelected);
  const [session] = useState(() => createTuneSession({ createExecutor: createBrowserTuneExecutor, poolSize: defaultPoolSize(), flushMs: 250 }));
  const phase = useStore(session, selPhase);
  const version = useStore(session, selVersion);
  const s = session.getState();
  const [algorithm, setAlgorithm] = useState<Algorithm>('tpe');
  const [seed, setSeed] = useState('0');
  const read = useMemo(() => (config && config.tune !== undefined && config.tune !== null ? readTuneConfig(config) : null), [config]);
  const busy = phase === 'running' || phase === 'stopping';
  // Fetch the chart chunk (uPlot) when the view opens, not in the middle of a study.
  useEffect(() => {
    if (!hidden) void loadCharts();
  }, [hidden]);

  // Edits go through the store: one undo step each, applied in the parse worker for a big text
  // (whose outcome, an error included, comes as a notice).
  const applyTune = (edit: TuneEdit): string | null => {
    const state = store.getState();
    if (!state.isTextValid) return 'Fix the YAML first: it does not parse.';
    if (state.edit([edit], { source: 'command' })) return null;
    return store.getState().notice?.message ?? 'That edit is not possible.';
  };
  /** The study tunes the model as typed: a parse still pending (a big text's, in the worker) comes first. */
  const startStudy = async (): Promise<void> => {
    await store.getState().modelReady();
    const state = store.getState();
    if (!state.isTextValid || !state.config) return state.notify('error', 'Fix the YAML first: it does not parse.');
    s.start({ config: state.config, modules: state.modules, algorithm, seed: Number(seed || 0) });
  };
  const applyBest = (): void => {
    const tune = s.tune;
    if (!s.best || !tune) return;
    const { edits, skipped } = bestConfigEdits(tune.parameters, s.best.config);
    if (!store.getState().edit(edits, { source: 'command' })) return;
    store.getState().notify('info', `Applied trial #${s.best.index} to the component args${skipped.length ? ` (process parameters ${skipped.join(', ')} are not args: set them by hand)` : ''}.`);
  };

  const numSamples = read?.ok ? read.tune.numSamples : 0;
  const tune = s.tune ?? (read?.ok ? read.tune : null);
  const bestMetric = s.best?.metric;
  return (
    <section className="tune-panel" aria-label="Tune" hidden={hidden}>
      <div className="tune-actions">
        <ExportButton />
      </div>
      {!config ? (
        <p className="muted pad">The YAML does not parse yet.</p>
      ) : !read ? (
        <TuneSetup config={config} catalog={catalog} selected={selected} apply={applyTune} />
      ) : (
        <>
          {read.ok ? (
            <TuneSettings config={config} catalog={catalog} tune={read.tune} selected={selected} apply={applyTune} disabled={busy || !valid} />
          ) : (
            <div className="run-error" role="alert">
              {read.diagnostics.find((d) => d.severity === 'error')?.message}
            </div>
          )}
          <div className="tune-controls">
            <label>
              samples
              <input
                aria-label="Samples"
                type="number"
                min={1}
                value={numSamples || ''}
                disabled={busy || !read.ok}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n > 0) applyTune({ kind: 'set-tune-arg', key: 'num_samples', value: n });
                }}
              />
            </label>
            <label>
              search
              <select aria-label="Search algorithm" value={algorithm} disabled={busy} onChange={(e) => setAlgorithm(e.target.value as Algorithm)}>
                <option value="tpe">TPE</option>
                <option value="random">random</option>
              </select>
            </label>
            <label>
              seed
              <input aria-label="Seed" inputMode="numeric" value={seed} disabled={busy} onChange={(e) => setSeed(e.target.value.replace(/\D/g, ''))} />
            </label>
            {busy ? (
              <button type="button" className="btn-stop" onClick={() => s.stop()} disabled={phase === 'stopping'}>
                ■ Stop
              </button>
            ) : (
              <button
                type="button"
                className="btn-primary"
                disabled={!read.ok || !valid}
                onClick={() => void startStudy()}
              >
                ▶ Start tuning
              </button>
            )}
          </div>
          <div className="tune-status" aria-live="polite">
            <span data-testid="tune-progress">
              {s.finished}/{s.total || numSamples} trials
            </span>
            {phase !== 'idle' && <span className="muted">{s.seconds.toFixed(1)} s</span>}
            {phase === 'running' && <span className="muted">running…</span>}
            {phase === 'stopping' && <span className="muted">stopping…</span>}
            {s.message && <span className={phase === 'done' ? 'muted' : 'tune-status__error'}>{s.message}</span>}
            {s.pythonStarts.length > 0 && (
              <span className="muted" data-testid="tune-python">
                {pythonStartsText(s.pythonStarts)}
              </span>
            )}
          </div>
          {tune && s.best && (
            <div className="tune-best" aria-label="Best trial">
              <div>
                <strong>
                  Best #{s.best.index}: {tune.objectives[0]?.field} = {formatNumber(bestMetric)}
                </strong>
                <div className="tune-best__config">
                  {Object.entries(s.best.config).map(([k, v]) => (
                    <code key={k} title={k}>
                      {k.split('.').slice(1, 2).concat(k.split('.').slice(3)).join('.')}={formatNumber(v)}
                    </code>
                  ))}
                </div>
              </div>
              <button type="button" onClick={applyBest} disabled={busy || !valid} title="Write these values into the component args (one undo step)">
                Apply best
              </button>
            </div>
          )}
          {tune && s.trials.length > 0 && (
            <div className="tune-actions">
              <button type="button" className="btn-download" onClick={() => downloadText('trials.csv', trialsCsv(tune, s.trials.filter(Boolean)))}>
                ⤓ trials.csv
              </button>
            </div>
          )}
          {tune && <TrialsTable tune={tune} trials={s.trials} version={version} bestIndex={s.best?.index} />}
          {tune && s.trials.length > 0 && (
            <Suspense fallback={<p className="muted pad">Loading charts…</p>}>
              <TuneCharts key={`${s.tune?.parameters.map((p) => p.fullName).join()}:${s.total}`} tune={tune} trials={s.trials.filter(Boolean)} version={version} />
            </Suspense>
          )}
        </>
      )}
    </section>
  );
}
