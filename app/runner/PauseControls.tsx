/**
 * Pause / Step / Resume in the run toolbar (issue 10), their keyboard shortcuts (F8 pauses or
 * resumes, F10 steps, as in browser debuggers) and what the last step or breakpoint did.
 */
import { useEffect } from 'react';
import type { BreakpointHitInfo, NotSteppedReason, StepReport } from '../../src/index.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState, EditorStore } from '../store/createEditorStore.ts';
import { formatProbeValue } from './probeStore.ts';

const selLive = (s: EditorState) => s.run.phase === 'running' && !!s.runHandle?.control;
const selPaused = (s: EditorState) => s.run.pause?.paused ?? false;
const selStepping = (s: EditorState) => s.run.pause?.stepping ?? false;
const selLastStep = (s: EditorState) => s.run.pause?.lastStep ?? null;
const selHit = (s: EditorState) => s.run.pause?.hit ?? null;

const REASON: Readonly<Record<NotSteppedReason, string>> = {
  'waiting-for-input': 'waiting for input',
  'waiting-to-send': 'waiting to send',
  'waiting-for-events': 'waiting for events',
  finished: 'finished',
  'never-steps': 'never steps',
  busy: 'busy in a step',
};

/** "Step 3: input, slow-sleep stepped; timestamper waiting for input; …" */
export function describeStep(r: StepReport): string {
  const groups = new Map<string, string[]>();
  for (const { component, reason } of r.notStepped) {
    const k = REASON[reason];
    groups.set(k, [...(groups.get(k) ?? []), component]);
  }
  const parts = [r.stepped.length ? `${r.stepped.join(', ')} stepped` : 'nothing could step', ...[...groups].map(([k, names]) => `${names.join(', ')} ${k}`)];
  return `Step ${r.index}: ${parts.join('; ')}`;
}

export function describeHit(hit: BreakpointHitInfo): string {
  return hit.kind === 'component'
    ? `Paused at breakpoint: ${hit.component} is about to step`
    : `Paused at breakpoint: ${hit.key.replace('..', ' → ')} sent ${formatProbeValue(hit.value, 40)} (${hit.condition})`;
}

/** Monaco binds F8 (next problem) and text fields keep their keys. */
function inTextField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el?.closest?.('input, textarea, select, [contenteditable="true"], .monaco-editor');
}

/** F8: Pause, or Resume when paused; F10: Step. Only while a run is live, outside text fields. */
export function usePauseShortcuts(store: EditorStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || (e.key !== 'F8' && e.key !== 'F10') || inTextField(e.target)) return;
      const s = store.getState();
      if (!selLive(s)) return;
      e.preventDefault();
      if (e.key === 'F10') s.stepRun();
      else if (selPaused(s)) s.resumeRun();
      else s.pauseRun();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

export function PauseControls() {
  const store = useEditorStore();
  usePauseShortcuts(store);
  const live = useEditor(selLive);
  const paused = useEditor(selPaused);
  const stepping = useEditor(selStepping);
  return (
    <>
      <button type="button" className="btn-pause" aria-label="Pause" title="Pause every component at its next step boundary (F8)" disabled={!live || paused} onClick={() => store.getState().pauseRun()}>
        ❚❚ Pause
      </button>
      <button type="button" className="btn-step" aria-label="Step" title="One process step: every component that can step runs its step once (F10)" disabled={!live || stepping} onClick={() => store.getState().stepRun()}>
        ⤼ Step
      </button>
      <button type="button" className="btn-resume" aria-label="Resume" title="Resume the run (F8)" disabled={!live || !paused} onClick={() => store.getState().resumeRun()}>
        ▶▶ Resume
      </button>
    </>
  );
}

/** The last step's report and the breakpoint that paused the run (a polite live region). */
export function PauseStatus() {
  const live = useEditor(selLive);
  const paused = useEditor(selPaused);
  const last = useEditor(selLastStep);
  const hit = useEditor(selHit);
  if (!live || (!paused && !last)) return null;
  return (
    <div className="pause-status" role="status" aria-label="Pause status">
      {hit && (
        <span className="pause-status__hit" title={describeHit(hit)}>
          {describeHit(hit)}
        </span>
      )}
      {last && (
        <span aria-label="Step report" title={describeStep(last)}>
          {describeStep(last)}
        </span>
      )}
    </div>
  );
}
