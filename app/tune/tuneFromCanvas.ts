/**
 * Tune from the canvas (issue 9): the inspector's "Tune…" on a numeric arg and "Use as objective" on
 * an output field, as tune-section edits (src/yaml/tuneEdits.ts) the store applies together, so
 * it is one undo step; a missing tune section is created. Framework-free: tested without React.
 */
import type { ComponentSpec, ConfigSpec } from '../../src/index.ts';
import { type TuneEdit, type TuneObjectiveData, type TuneParameterData } from '../../src/yaml/tuneEdits.ts';

/**
 * The tune-section edits a canvas action makes (the store applies them: in the parse worker for a
 * big text), with a note for the user, or why it cannot be done.
 */
export type CanvasTuneResult = { readonly ok: true; readonly edits: readonly TuneEdit[]; readonly note?: string } | { readonly ok: false; readonly message: string };

/**
 * Search bounds ±50 % around the current value: `uniform` [0.5·v, 1.5·v] (ordered for negative v),
 * `randint` [⌊0.5·v⌋, ⌈1.5·v⌉ + 1) (upper excluded, so 1.5·v can be drawn; at least two values).
 * A zero or missing value gives uniform [0, 1] or randint [0, 10).
 * @example tuneBounds(25, false) // { lower: 12.5, upper: 37.5 }
 */
export function tuneBounds(value: unknown, integer: boolean): { lower: number; upper: number } {
  const v = typeof value === 'number' && Number.isFinite(value) ? value : 0;
  if (v === 0) return integer ? { lower: 0, upper: 10 } : { lower: 0, upper: 1 };
  const [a, b] = v > 0 ? [0.5 * v, 1.5 * v] : [1.5 * v, 0.5 * v];
  if (!integer) return { lower: a, upper: b };
  const lower = Math.floor(a);
  return { lower, upper: Math.max(Math.ceil(b) + 1, lower + 2) };
}

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const tuneArgs = (config: ConfigSpec): Raw | undefined => (isRaw(config.tune) && isRaw(config.tune['args']) ? config.tune['args'] : undefined);

/** True when the tune section already searches this component arg. */
export function isTunedArg(config: ConfigSpec, component: string, arg: string): boolean {
  const params = tuneArgs(config)?.['parameters'];
  return Array.isArray(params) && params.some((p) => isRaw(p) && p['object_type'] !== 'process' && p['object_name'] === component && (p['field_type'] ?? 'arg') === 'arg' && p['field_name'] === arg);
}

/** True when this field is (one of) the tune objective(s). */
export function isObjective(config: ConfigSpec, component: string, field: string): boolean {
  const o = tuneArgs(config)?.['objective'];
  return (Array.isArray(o) ? o : [o]).some((x) => isRaw(x) && x['object_name'] === component && x['field_name'] === field);
}

/** The objective a new tune section gets when it starts from an arg: the first output of the last component that has one. */
function defaultObjective(config: ConfigSpec, outputsOf: (c: ComponentSpec) => readonly string[]): TuneObjectiveData | undefined {
  for (const c of [...config.process.components].reverse()) {
    const field = outputsOf(c)[0];
    if (field !== undefined) return { object_name: c.name, field_type: 'field', field_name: field };
  }
  return undefined;
}


/**
 * Adds `component.arg` as a tune parameter around its current value (`integer`: randint, else uniform).
 * Without a tune section, writes one (objective: the first output of the last component, `max`).
 * @example tuneArg(config, 'trajectory', 'angle', 25, false, outputsOf)
 */
export function tuneArg(config: ConfigSpec, component: string, arg: string, current: unknown, integer: boolean, outputsOf: (c: ComponentSpec) => readonly string[]): CanvasTuneResult {
  if (isTunedArg(config, component, arg)) return { ok: false, message: `${component}.${arg} is already a tune parameter.` };
  const parameter: TuneParameterData = { type: integer ? 'ray.tune.randint' : 'ray.tune.uniform', object_type: 'component', object_name: component, field_type: 'arg', field_name: arg, ...tuneBounds(current, integer) };
  if (tuneArgs(config)) return { ok: true, edits: [{ kind: 'add-tune-parameter', parameter }] };
  const objective = defaultObjective(config, outputsOf);
  if (!objective) return { ok: false, message: 'No component has an output field to optimise; add one first.' };
  return {
    ok: true,
    edits: [{ kind: 'create-tune', objective, parameters: [parameter], numSamples: 20, mode: 'max' }],
    note: `New tune section: maximising ${String(objective['object_name'])}.${String(objective['field_name'])} — change the objective with “Use as objective”.`,
  };
}

/**
 * Makes `component.field` the (single) objective with `mode`, in one text edit. Without a tune
 * section, writes one with no parameters yet (validation asks for one: use “Tune…” on an arg).
 * @example useAsObjective(config, 'max-height', 'max_y', 'max')
 */
export function useAsObjective(config: ConfigSpec, component: string, field: string, mode: 'max' | 'min'): CanvasTuneResult {
  const objective: TuneObjectiveData = { object_name: component, field_type: 'field', field_name: field };
  const edits: TuneEdit[] = tuneArgs(config)
    ? [
        { kind: 'set-tune-objective', objective },
        { kind: 'set-tune-arg', key: 'mode', value: mode },
      ]
    : [{ kind: 'create-tune', objective, parameters: [], numSamples: 20, mode }];
  return { ok: true, edits };
}
