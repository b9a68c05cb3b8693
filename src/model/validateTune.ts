import type { TypeCatalog } from './catalog.ts';
import { makeDiagnostic } from './diagnostics.ts';
import { portsOf } from './ports.ts';
import type { RangeIndex } from './ranges.ts';
import type { ConfigSpec, Diagnostic } from './spec.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const T = 'plugboard.tune';

/**
 * Checks the `tune` section (spec §10), which the Tune view and `process tune` run (src/tune/):
 * required fields, modes, and references to components, fields and args; Q18 oddities are flagged
 * as warnings.
 * @example validateTune(config, catalog, ranges)
 */
export function validateTune(config: ConfigSpec, catalog: TypeCatalog | undefined, ranges?: RangeIndex): Diagnostic[] {
  const tune = config.tune;
  if (tune === null || tune === undefined) return [];
  const out: Diagnostic[] = [];
  const d = (code: string, severity: Diagnostic['severity'], message: string, path: string, component?: string): void => {
    out.push(makeDiagnostic(code, severity, message, path, ranges, component !== undefined ? { component } : {}));
  };
  const args = isObj(tune) ? tune['args'] : undefined;
  if (!isObj(args)) {
    d('tune-invalid', 'error', "tune needs an 'args' mapping with objective, parameters and num_samples.", isObj(tune) ? T : T);
    return out;
  }
  const A = `${T}.args`;
  const objectives = Array.isArray(args['objective']) ? args['objective'] : args['objective'] === undefined ? [] : [args['objective']];
  if (objectives.length === 0) d('tune-invalid', 'error', "tune.args needs an 'objective' ({object_name, field_name}).", A);
  const ns = args['num_samples'];
  if (typeof ns !== 'number' || !Number.isInteger(ns) || ns < 1) d('tune-invalid', 'error', `tune.args.num_samples must be a positive whole number, got ${JSON.stringify(ns ?? null)}.`, `${A}.num_samples`);
  const modes = Array.isArray(args['mode']) ? args['mode'] : [args['mode'] ?? 'max'];
  if (modes.some((m) => m !== 'max' && m !== 'min')) d('tune-invalid', 'error', "tune.args.mode must be 'max' or 'min' (or a list, one per objective).", `${A}.mode`);
  else if (Array.isArray(args['mode']) !== Array.isArray(args['objective'])) d('tune-invalid', 'error', 'tune.args.mode must be a list exactly when objective is a list.', `${A}.mode`);
  const names = new Map(config.process.components.map((c) => [c.name, c]));
  const objPath = (i: number): string => (Array.isArray(args['objective']) ? `${A}.objective[${i}]` : `${A}.objective`);
  objectives.forEach((o, i) => {
    if (!isObj(o)) return d('tune-invalid', 'error', 'Each objective must be a mapping {object_name, field_name}.', objPath(i));
    const c = typeof o['object_name'] === 'string' ? names.get(o['object_name']) : undefined;
    if (!c) return d('tune-unknown-component', 'warning', `Objective names component '${String(o['object_name'])}', which is not in the process.`, `${objPath(i)}.object_name`);
    const io = portsOf(c, catalog);
    const field = String(o['field_name']);
    if (io && ![...io.inputs, ...io.outputs].includes(field)) d('tune-unknown-field', 'warning', `Objective field '${field}' is not a field of '${c.name}'; the trial would read null.`, `${objPath(i)}.field_name`, c.name);
  });
  const params = args['parameters'];
  if (!Array.isArray(params) || params.length === 0) d('tune-invalid', 'error', "tune.args.parameters must list at least one parameter to search.", `${A}.parameters`);
  else
    params.forEach((p, i) => {
      const path = `${A}.parameters[${i}]`;
      if (!isObj(p)) return d('tune-invalid', 'error', 'Each tune parameter must be a mapping.', path);
      if (p['object_type'] === 'process') return;
      const c = typeof p['object_name'] === 'string' ? names.get(p['object_name']) : undefined;
      if (!c) return d('tune-unknown-component', 'warning', `Tune parameter names component '${String(p['object_name'])}', which is not in the process.`, `${path}.object_name`);
      if (p['field_type'] === 'initial_value') d('tune-initial-value', 'warning', 'Q18: Plugboard stores the sampled value itself (not a list) as initial values, which fails for numbers; tune an arg or parameter instead.', `${path}.field_type`, c.name);
      const info = catalog?.lookup(c.type);
      if (p['field_type'] === 'arg' && info && !info.args.some((a) => a.name === p['field_name'])) d('tune-unknown-field', 'warning', `'${String(p['field_name'])}' is not an argument of ${info.className}.`, `${path}.field_name`, c.name);
    });
  const alg = args['algorithm'];
  if (isObj(alg) && alg['space'] !== undefined) d('tune-python-only', 'info', `The custom search space '${String(alg['space'])}' is Python code; Studio keeps it but searches the listed parameters instead (Q18: its parameter names may not match).`, `${A}.algorithm.space`);
  return out;
}
