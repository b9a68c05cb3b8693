import { useEffect, useState } from 'react';
import { now } from '../../src/index.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import { processModeOf, type EditorState } from '../store/createEditorStore.ts';
import { PauseControls, PauseStatus } from './PauseControls.tsx';
import { isLive } from '../store/runSlice.ts';

const selPhase = (s: EditorState) => s.run.phase;
const selMode = (s: EditorState) => processModeOf(s.config);
const selStarted = (s: EditorState) => s.run.startedAt;
const selEnded = (s: EditorState) => s.run.endedAt;
const selValid = (s: EditorState) => s.isTextValid;
const selQueued = (s: EditorState) => s.runQueued;
const selPaused = (s: EditorState) => s.run.phase === 'running' && (s.run.pause?.paused ?? false);

export function formatSeconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(0)} s`;
}

/** Elapsed time, ticking while the run is live. */
export function Elapsed() {
  const phase = useEditor(selPhase);
  const startedAt = useEditor(selStarted);
  const endedAt = useEditor(selEnded);
  const paused = useEditor(selPaused);
  const [, tick] = useState(0);
  useEffect(() => {
    if (!isLive(phase)) return;
    const id = setInterval(() => tick((n) => n + 1), 100);
    return () => clearInterval(id);
  }, [phase]);
  if (startedAt === null) return null;
  const ms = (endedAt ?? now()) - startedAt;
  return (
    <span className="elapsed" aria-label="Elapsed time" data-phase={phase}>
      {phase === 'running' ? (paused ? 'Paused' : 'Running') : phase === 'stopping' ? 'Stopping…' : phase === 'completed' ? 'Completed in' : phase === 'failed' ? 'Failed after' : 'Stopped after'} {formatSeconds(ms)}
    </span>
  );
}

/** Local / Parallel (bound to the YAML's process type), Run and Stop. */
export function RunControls() {
  const store = useEditorStore();
  const phase = useEditor(selPhase);
  const mode = useEditor(selMode);
  const valid = useEditor(selValid);
  const queued = useEditor(selQueued);
  const running = phase === 'running';
  const stopping = phase === 'stopping';
  return (
    <div className="run-controls" role="group" aria-label="Run controls">
      <div className="segmented" role="group" aria-label="Process">
        <button
          type="button"
          aria-pressed={mode === 'local'}
          disabled={!valid}
          onClick={() => store.getState().setProcessMode('local')}
          title="plugboard.process.LocalProcess + AsyncioConnector: one worker runs every component"
        >
          Local
        </button>
        <button
          type="button"
          aria-pressed={mode === 'parallel'}
          disabled={!valid}
          onClick={() => store.getState().setProcessMode('parallel')}
          title="plugboard.process.RayProcess + RayConnector: groups of components on a pool of workers"
        >
          Parallel
        </button>
      </div>
      <button type="button" className="btn-run" aria-label="Run" aria-busy={queued} title={queued ? 'Reading the model (in a worker); the run starts next' : undefined} disabled={running || stopping || queued} onClick={() => store.getState().startRun()}>
        {queued ? '▶ Reading…' : '▶ Run'}
      </button>
      <button type="button" className="btn-stop" aria-label="Stop" aria-busy={stopping} disabled={!running} onClick={() => store.getState().stopRun()}>
        {stopping ? '■ Stopping…' : '■ Stop'}
      </button>
      <PauseControls />
      <Elapsed />
      <PauseStatus />
    </div>
  );
}
