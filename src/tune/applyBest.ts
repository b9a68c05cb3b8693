/**
 * "Apply best": the model edits that write a trial's values into the component args in the YAML
 * (one `applyEdits` call, so one undo step in the app).
 */
import type { ModelEdit } from '../model/modelEdit.ts';
import type { TuneParameter } from './tuneConfig.ts';

export interface BestEdits {
  readonly edits: ModelEdit[];
  /** Parameters that have no component arg to write (process parameters): full names. */
  readonly skipped: string[];
}

/**
 * @example applyEdits(text, bestConfigEdits(tune.parameters, best.config).edits)
 */
export function bestConfigEdits(parameters: readonly TuneParameter[], config: Readonly<Record<string, unknown>>): BestEdits {
  const edits: ModelEdit[] = [];
  const skipped: string[] = [];
  for (const p of parameters) {
    if (!(p.fullName in config)) continue;
    const value = config[p.fullName];
    if (p.objectType === 'process' || p.objectName === null) {
      skipped.push(p.fullName);
      continue;
    }
    const key = p.fieldType === 'arg' ? p.fieldName : p.fieldType === 'parameter' ? `parameters.${p.fieldName}` : `initial_values.${p.fieldName}`;
    // initial_values are lists in Plugboard's schema; a trial stores the raw value (Q18), the YAML gets [value].
    edits.push({ kind: 'set-arg', component: p.objectName, key, value: p.fieldType === 'initial_value' && !Array.isArray(value) ? [value] : value });
  }
  return { edits, skipped };
}
