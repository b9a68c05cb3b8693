/**
 * The run slice: starts a run of the current model on the host, folds its events into `run`
 * (`runSlice.ts`), and owns the host's handle while it lasts.
 */
import { moduleCompileErrors } from '../../../src/modules/compileModule.ts';
import type { ConfigSpec, Diagnostic, RunHandle } from '../../../src/index.ts';
import { now } from '../../../src/index.ts';
import { applyRunEvents, finishedRun, IDLE_RUN, startedRun } from '../runSlice.ts';
import { modulesForRun } from '../../modules/modulesForRun.ts';
import { flushPendingEdits } from '../../modules/pendingEdits.ts';
import { probeStore } from '../../runner/probeStore.ts';
import { breakpointStore } from '../../runner/breakpointStore.ts';
import { followProbes } from '../../runner/liveProbes.ts';
import { applyPauseEvents, finishPause, pauseActions } from '../runPause.ts';
import type { EditorDeps, RunSliceState, SliceGet, SliceSet } from '../storeTypes.ts';

/** After Stop, how long the host gets to report its end (hosts end within ~0.3 s, terminating stuck workers). */
export const STOP_ANSWER_MS = 3000;

const errorsOf = (d: readonly Diagnostic[]) => d.filter((x) => x.severity === 'error');

export function processModeOf(config: ConfigSpec | null): 'local' | 'parallel' {
  return config?.process.type === 'plugboard.process.RayProcess' ? 'parallel' : 'local';
}

export function runSlice(set: SliceSet, get: SliceGet, deps: EditorDeps): RunSliceState {
  return {
    run: IDLE_RUN,
    runHandle: null,
    runToken: 0,
    runQueued: false,

    startRun() {
      flushPendingEdits(); // module text typed in the last moments is part of this run
      const s = get();
      if (s.runQueued) return;
      const ready = s.modelReady();
      if (get().isParsing) {
        // A big text's model is being parsed in the worker (not on the main thread): run on its reply.
        set({ runQueued: true });
        void ready.then(() => {
          set({ runQueued: false });
          get().startRun();
        });
        return;
      }
      const errors = errorsOf(get().diagnostics);
      if (errors.length > 0 || !get().isTextValid || !get().config) return get().notify('error', runRefusal(errors, get().fileName));
      const moduleErrors = moduleCompileErrors(get().modules);
      if (moduleErrors.length > 0) {
        const d = moduleErrors[0]!;
        return get().notify('error', `Module ${d.file ?? ''}:${d.range?.start.line ?? 1}: ${d.message} Fix it before running.`);
      }
      if (!deps.startRun) return get().notify('error', 'No runner available.');
      if (get().runHandle) return;
      const config = get().config!;
      const mode = processModeOf(config);
      const token = get().runToken + 1;
      set({ run: startedRun(mode, config.process.components.map((c) => c.name), now()), notice: null, runToken: token });
      let handle: RunHandle;
      try {
        // The run gets a snapshot: this text and the modules its types name. Later edits are for the next run.
        const breakpoints = breakpointStore.forRun(probeStore.keys());
        handle = deps.startRun({ yaml: get().text, config, mode, modules: modulesForRun(config, get().modules), probes: probeStore.keys(), ...(breakpoints ? { breakpoints } : {}) }, (events) => {
          if (token !== get().runToken) return;
          set({ run: applyPauseEvents(applyRunEvents(get().run, events), events) });
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        set({ run: finishedRun(get().run, { status: 'failed', error: { name: 'Error', message }, files: {}, startedAt: now(), endedAt: now() }) });
        return;
      }
      set({ runHandle: handle });
      // Probes (and their conditions) changed during the run reach its workers at once.
      const unfollow = handle.control ? followProbes(handle.control) : () => undefined;
      void handle.done.finally(unfollow).catch(() => undefined);
      handle.done.then(
        (result) => {
          if (token !== get().runToken) return;
          // The host's end, after its last events: a stopping run becomes what the host says it is.
          set({ runHandle: null, run: finishPause(finishedRun(get().run, result), result) });
        },
        (err: unknown) => {
          if (token !== get().runToken) return;
          const message = err instanceof Error ? err.message : String(err);
          set({ runHandle: null, run: finishedRun(get().run, { status: 'failed', error: { name: 'Error', message }, files: {}, startedAt: get().run.startedAt ?? now(), endedAt: now() }) });
        },
      );
    },

    stopRun() {
      const handle = get().runHandle;
      if (!handle || get().run.phase !== 'running') return;
      const token = get().runToken;
      // The UI answers at once ('stopping'); the run is stopped when the host reports its end.
      set({ run: { ...get().run, phase: 'stopping', version: get().run.version + 1 } });
      handle.cancel();
      const bound = deps.stopAnswerMs ?? STOP_ANSWER_MS;
      setTimeout(() => {
        if (token !== get().runToken || get().run.phase !== 'stopping') return;
        // The host did not answer: end the run without it, and drop whatever it sends later.
        const stopped = { status: 'stopped' as const, files: {}, startedAt: get().run.startedAt ?? now(), endedAt: now() };
        set({
          runHandle: null,
          runToken: token + 1,
          run: finishPause(finishedRun(get().run, stopped), stopped),
        });
        get().notify('error', `The runner did not confirm Stop within ${bound} ms; the run was ended without its last results and its workers were asked to terminate.`);
        handle.cancel();
      }, bound);
    },

    ...pauseActions(set, get),
  };
}

/** Why Run is refused: the first problem with its place, and whether the text parses at all. */
function runRefusal(errors: readonly Diagnostic[], file: string): string {
  const first = errors[0];
  if (!first) return 'The model is not ready to run.';
  const where = first.range ? ` (${file}:${first.range.start.line}:${first.range.start.column})` : '';
  const lead = first.code === 'yaml-syntax' ? 'The YAML does not parse' : `Fix ${errors.length} problem${errors.length > 1 ? 's' : ''} before running`;
  return `${lead}: ${first.message}${where}`;
}
