/**
 * Tune from the canvas (issue 9): in the inspector, "Tune…" beside each numeric arg of the selected
 * component adds it as a tune parameter (±50 % around its value, randint for integers; the tune
 * section is written when absent), and each output field can become the objective (max or min).
 * Every action is one YAML text edit (one undo step, comments kept), then the Tune view opens.
 */
import { useCallback } from 'react';
import type { ComponentSpec } from '../../src/index.ts';
import { portsOf } from '../canvas/toFlow.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { openTuneView } from './openTuneView.ts';
import { isObjective, isTunedArg, tuneArg, useAsObjective, type CanvasTuneResult } from './tuneFromCanvas.ts';

const RESERVED = new Set(['name', 'initial_values', 'parameters', 'constraints', 'resources']);

export function InspectorTune({ component }: { component: ComponentSpec }) {
  const store = useEditorStore();
  const config = useEditor(useCallback((s: EditorState) => s.config, []));
  const catalog = useEditor(useCallback((s: EditorState) => s.catalog, []));
  if (!config) return null;
  const name = component.name;
  const info = catalog.lookup(component.type);
  const declared = (info?.args ?? []).filter((a) => a.kind === 'number' || a.kind === 'integer').map((a) => ({ arg: a.name, value: component.args[a.name] ?? a.default, integer: a.kind === 'integer' }));
  const extra = Object.entries(component.args)
    .filter(([k, v]) => !RESERVED.has(k) && typeof v === 'number' && !(info?.args ?? []).some((a) => a.name === k))
    .map(([k, v]) => ({ arg: k, value: v, integer: Number.isInteger(v) }));
  const numeric = [...declared, ...extra];
  const { outputs } = portsOf(component, config, catalog);
  if (numeric.length === 0 && outputs.length === 0) return null;

  const commit = (r: CanvasTuneResult): void => {
    const state = store.getState();
    if (!state.isTextValid) return state.notify('error', 'Fix the YAML first: it does not parse.');
    if (!r.ok) return state.notify('error', r.message);
    // One text change (one undo step); applied in the parse worker for a big text.
    if (!state.edit(r.edits, { source: 'command' })) return;
    if (r.note) state.notify('info', r.note);
    openTuneView();
  };
  const outputsOf = (c: ComponentSpec): string[] => portsOf(c, config, catalog).outputs;
  const modes = (config.tune as { args?: { mode?: unknown } } | null | undefined)?.args?.mode;
  const modeOf = (i: number): string => String(Array.isArray(modes) ? modes[i] : (modes ?? 'max'));

  return (
    <div className="inspector-tune" role="group" aria-label="Tune from here">
      <h3 className="inspector__section">tune</h3>
      {numeric.map(({ arg, value, integer }) => (
        <div key={`arg:${arg}`} className="inspector-tune__row">
          <span>
            {arg} <span className="muted">{integer ? 'randint' : 'uniform'}</span>
          </span>
          {isTunedArg(config, name, arg) ? (
            <button type="button" className="inspector-tune__done" aria-label={`${arg} is tuned: open the Tune view`} onClick={openTuneView}>
              tuned ✓
            </button>
          ) : (
            <button type="button" aria-label={`Tune ${arg}`} title={`Add ${name}.${arg} as a tune parameter (±50 % around ${JSON.stringify(value ?? null)})`} onClick={() => commit(tuneArg(config, name, arg, value, integer, outputsOf))}>
              Tune…
            </button>
          )}
        </div>
      ))}
      {outputs.map((field, i) => (
        <div key={`out:${field}`} className="inspector-tune__row">
          <span>
            {field} <span className="muted">output</span>
          </span>
          {isObjective(config, name, field) ? (
            <span className="inspector-tune__done" aria-label={`${field} is the objective`}>
              objective ({modeOf(i)})
            </span>
          ) : (
            <span className="inspector-tune__actions">
              <button type="button" aria-label={`Maximise ${field} as objective`} title="Use as objective: maximise" onClick={() => commit(useAsObjective(config, name, field, 'max'))}>
                max
              </button>
              <button type="button" aria-label={`Minimise ${field} as objective`} title="Use as objective: minimise" onClick={() => commit(useAsObjective(config, name, field, 'min'))}>
                min
              </button>
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
