/**
 * One trial's process spec: a copy of the YAML's process with the sampled values written over
 * (spec §10): `arg` sets a constructor arg, `initial_value` stores the raw sampled value as that
 * field's initial values (Plugboard does not wrap it in a list, quirk Q18: a number then fails at
 * run time, as in Plugboard), `parameter` sets a component or process parameter.
 */
import type { ComponentSpec, ProcessSpec } from '../model/spec.ts';
import type { TuneParameter } from './tuneConfig.ts';

/** Sampled values, keyed by full parameter name. */
export type TrialConfig = Readonly<Record<string, unknown>>;

/**
 * @example buildTrialSpec(process, tune.parameters, { 'component.trajectory.arg.angle': 45 })
 */
export function buildTrialSpec(process: ProcessSpec, parameters: readonly TuneParameter[], values: TrialConfig): ProcessSpec {
  let processParameters = process.parameters;
  const components = new Map<string, ComponentSpec>(process.components.map((c) => [c.name, c]));
  for (const p of parameters) {
    if (!(p.fullName in values)) continue;
    const value = values[p.fullName];
    if (p.objectType === 'process') {
      processParameters = { ...processParameters, [p.fieldName]: value };
      continue;
    }
    const c = components.get(p.objectName ?? '');
    if (!c) continue;
    if (p.fieldType === 'arg') components.set(c.name, { ...c, args: { ...c.args, [p.fieldName]: value } });
    else if (p.fieldType === 'parameter') {
      const parametersOf = { ...c.parameters, [p.fieldName]: value };
      components.set(c.name, { ...c, parameters: parametersOf, args: { ...c.args, parameters: parametersOf } });
    } else {
      // Q18: the raw value, not [value].
      const initialValues = { ...c.initialValues, [p.fieldName]: value as readonly unknown[] };
      components.set(c.name, { ...c, initialValues, args: { ...c.args, initial_values: initialValues } });
    }
  }
  return { ...process, parameters: processParameters, components: process.components.map((c) => components.get(c.name) ?? c) };
}
