/**
 * Reads the `tune` section (spec §10) of a validated config into a typed {@link TuneConfig}: the
 * search space with full parameter names, the objectives and modes, and the study settings.
 * Problems come back as diagnostics with YAML paths (the CLI turns them into FILE:LINE:COL).
 */
import { makeDiagnostic } from '../model/diagnostics.ts';
import type { RangeIndex } from '../model/ranges.ts';
import type { ConfigSpec, Diagnostic } from '../model/spec.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export type Mode = 'max' | 'min';
export type FieldType = 'arg' | 'initial_value' | 'parameter';

interface ParameterBase {
  /** `<object_type>.<object_name or "default">.<field_type>.<field_name>`, e.g. `component.trajectory.arg.angle`. */
  readonly fullName: string;
  readonly objectType: 'component' | 'process';
  /** Component name (or null for the process). */
  readonly objectName: string | null;
  readonly fieldType: FieldType;
  readonly fieldName: string;
  /** YAML path of this parameter (`plugboard.tune.args.parameters[0]`). */
  readonly path: string;
}

/** `ray.tune.uniform`: a float in [lower, upper). */
export interface UniformParameter extends ParameterBase {
  readonly kind: 'uniform';
  readonly lower: number;
  readonly upper: number;
}
/** `ray.tune.randint`: an integer in [lower, upper) (upper excluded, as in Ray). */
export interface RandintParameter extends ParameterBase {
  readonly kind: 'randint';
  readonly lower: number;
  readonly upper: number;
}
/** `ray.tune.choice`: one of the categories. */
export interface ChoiceParameter extends ParameterBase {
  readonly kind: 'choice';
  readonly categories: readonly unknown[];
}
export type TuneParameter = UniformParameter | RandintParameter | ChoiceParameter;

export interface TuneObjective {
  /** Component name. */
  readonly component: string;
  readonly field: string;
  /** `component.<name>.field.<field>` (how results name it). */
  readonly fullName: string;
}

export interface TuneConfig {
  readonly objectives: readonly TuneObjective[];
  /** One mode per objective. */
  readonly modes: readonly Mode[];
  /** True when `objective` is a list (multi-objective study: results are a Pareto front). */
  readonly multiObjective: boolean;
  readonly parameters: readonly TuneParameter[];
  readonly numSamples: number;
  /** null: the executor's pool size. */
  readonly maxConcurrent: number | null;
  /** Configurations tried first (full parameter name → value). */
  readonly pointsToEvaluate: readonly Readonly<Record<string, unknown>>[];
  /** A Python define-by-run space (`algorithm.space`): kept, not run here. */
  readonly customSpace: string | null;
}

export type TuneConfigResult =
  | { readonly ok: true; readonly tune: TuneConfig; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const A = 'plugboard.tune.args';

/** `component.trajectory.arg.angle` for a parameter mapping. */
export function parameterFullName(p: { object_type?: unknown; object_name?: unknown; field_type?: unknown; field_name?: unknown }): string {
  const type = typeof p.object_type === 'string' ? p.object_type : 'component';
  const name = typeof p.object_name === 'string' && p.object_name !== '' ? p.object_name : 'default';
  return `${type}.${name}.${String(p.field_type ?? 'arg')}.${String(p.field_name)}`;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * @example const r = readTuneConfig(config, ranges); if (r.ok) r.tune.parameters[0].fullName // 'component.trajectory.arg.angle'
 */
export function readTuneConfig(config: ConfigSpec, ranges?: RangeIndex): TuneConfigResult {
  const out: Diagnostic[] = [];
  const err = (message: string, path: string): void => void out.push(makeDiagnostic('tune-invalid', 'error', message, path, ranges));
  const warn = (message: string, path: string): void => void out.push(makeDiagnostic('tune-warning', 'warning', message, path, ranges));
  const tune = config.tune;
  const args = isObj(tune) ? tune['args'] : undefined;
  if (!isObj(args)) {
    err(tune === undefined || tune === null ? 'The file has no tune section: add plugboard.tune.args (objective, parameters, num_samples).' : "tune needs an 'args' mapping.", isObj(tune) ? 'plugboard.tune' : 'plugboard');
    return { ok: false, diagnostics: out };
  }
  const multiObjective = Array.isArray(args['objective']);
  const rawObjectives = multiObjective ? (args['objective'] as unknown[]) : args['objective'] === undefined ? [] : [args['objective']];
  const objectives: TuneObjective[] = [];
  const names = new Set(config.process.components.map((c) => c.name));
  rawObjectives.forEach((o, i) => {
    const path = multiObjective ? `${A}.objective[${i}]` : `${A}.objective`;
    if (!isObj(o) || typeof o['object_name'] !== 'string' || typeof o['field_name'] !== 'string') return err('An objective needs object_name and field_name.', path);
    if ((o['object_type'] ?? 'component') !== 'component') return err("An objective's object_type must be 'component'.", `${path}.object_type`);
    if (!names.has(o['object_name'])) return err(`Objective names component '${o['object_name']}', which is not in the process.`, `${path}.object_name`);
    objectives.push({ component: o['object_name'], field: o['field_name'], fullName: `component.${o['object_name']}.field.${o['field_name']}` });
  });
  if (rawObjectives.length === 0) err("tune.args needs an 'objective'.", A);
  const rawModes = Array.isArray(args['mode']) ? (args['mode'] as unknown[]) : [args['mode'] ?? 'max'];
  const modes: Mode[] = rawModes.map((m) => (m === 'min' ? 'min' : 'max'));
  if (rawModes.some((m) => m !== 'min' && m !== 'max')) err("mode must be 'max' or 'min'.", `${A}.mode`);
  else if (Array.isArray(args['mode']) !== multiObjective) err('mode must be a list exactly when objective is a list.', `${A}.mode`);
  else if (modes.length !== rawObjectives.length) err(`mode lists ${modes.length} modes for ${rawObjectives.length} objectives.`, `${A}.mode`);
  const parameters: TuneParameter[] = [];
  const rawParams = Array.isArray(args['parameters']) ? (args['parameters'] as unknown[]) : [];
  if (rawParams.length === 0) err('tune.args.parameters must list at least one parameter.', `${A}.parameters`);
  const seen = new Set<string>();
  rawParams.forEach((p, i) => {
    const path = `${A}.parameters[${i}]`;
    if (!isObj(p)) return err('Each tune parameter must be a mapping.', path);
    const objectType = (p['object_type'] ?? 'component') as string;
    const fieldType = (p['field_type'] ?? 'arg') as string;
    if (objectType !== 'component' && objectType !== 'process') return err("object_type must be 'component' or 'process'.", `${path}.object_type`);
    if (fieldType !== 'arg' && fieldType !== 'initial_value' && fieldType !== 'parameter') return err("field_type must be 'arg', 'initial_value' or 'parameter'.", `${path}.field_type`);
    if (objectType === 'process' && fieldType !== 'parameter') return err("A process parameter's field_type must be 'parameter'.", `${path}.field_type`);
    if (typeof p['field_name'] !== 'string') return err('A tune parameter needs field_name.', `${path}.field_name`);
    const objectName = typeof p['object_name'] === 'string' ? p['object_name'] : null;
    if (objectType === 'component' && (objectName === null || !names.has(objectName))) return err(`Tune parameter names component '${String(objectName)}', which is not in the process.`, `${path}.object_name`);
    const base = { fullName: parameterFullName(p), objectType, objectName, fieldType, fieldName: p['field_name'], path } as const;
    if (seen.has(base.fullName)) return err(`Parameter ${base.fullName} is listed twice.`, path);
    seen.add(base.fullName);
    const type = typeof p['type'] === 'string' ? p['type'] : Array.isArray(p['categories']) ? 'ray.tune.choice' : 'ray.tune.uniform';
    if (type === 'ray.tune.choice') {
      const categories = p['categories'];
      if (!Array.isArray(categories) || categories.length === 0) return err('A ray.tune.choice parameter needs a non-empty categories list.', `${path}.categories`);
      return void parameters.push({ ...base, kind: 'choice', categories });
    }
    if (type !== 'ray.tune.uniform' && type !== 'ray.tune.randint') return err(`Unknown parameter type '${type}' (expected ray.tune.uniform, ray.tune.randint or ray.tune.choice).`, `${path}.type`);
    const lower = num(p['lower']);
    const upper = num(p['upper']);
    if (lower === undefined) return err('lower must be a number.', `${path}.lower`);
    if (upper === undefined) return err('upper must be a number.', `${path}.upper`);
    if (type === 'ray.tune.randint') {
      if (!Number.isInteger(lower) || !Number.isInteger(upper)) return err('ray.tune.randint bounds must be whole numbers.', `${path}.lower`);
      if (upper <= lower) return err(`ray.tune.randint needs upper > lower (upper is excluded), got ${lower}..${upper}.`, `${path}.upper`);
      return void parameters.push({ ...base, kind: 'randint', lower, upper });
    }
    if (upper <= lower) return err(`ray.tune.uniform needs upper > lower, got ${lower}..${upper}.`, `${path}.upper`);
    parameters.push({ ...base, kind: 'uniform', lower, upper });
  });
  const ns = args['num_samples'];
  if (typeof ns !== 'number' || !Number.isInteger(ns) || ns < 1) err(`num_samples must be a positive whole number, got ${JSON.stringify(ns ?? null)}.`, `${A}.num_samples`);
  const mc = args['max_concurrent'];
  if (mc !== undefined && mc !== null && (typeof mc !== 'number' || !Number.isInteger(mc) || mc < 1)) err('max_concurrent must be a positive whole number or null.', `${A}.max_concurrent`);
  const alg = isObj(args['algorithm']) ? args['algorithm'] : {};
  const customSpace = typeof alg['space'] === 'string' ? alg['space'] : null;
  if (customSpace !== null) warn(`The custom search space '${customSpace}' is Python code Studio cannot run; the listed parameters are searched instead (in Plugboard its names do not match the full names, Q18).`, `${A}.algorithm.space`);
  const rawPoints = alg['points_to_evaluate'];
  const pointsToEvaluate: Record<string, unknown>[] = [];
  if (rawPoints !== undefined && rawPoints !== null) {
    if (!Array.isArray(rawPoints)) err('points_to_evaluate must be a list of mappings (full parameter name → value).', `${A}.algorithm.points_to_evaluate`);
    else
      rawPoints.forEach((pt, i) => {
        const path = `${A}.algorithm.points_to_evaluate[${i}]`;
        if (!isObj(pt)) return err('Each point to evaluate must be a mapping (full parameter name → value).', path);
        for (const key of Object.keys(pt)) if (!seen.has(key)) warn(`'${key}' is not the full name of a tune parameter (e.g. ${[...seen][0] ?? 'component.c.arg.x'}); it is ignored.`, `${path}.${key}`);
        pointsToEvaluate.push(pt);
      });
  }
  if (out.some((d) => d.severity === 'error')) return { ok: false, diagnostics: out };
  return {
    ok: true,
    diagnostics: out,
    tune: { objectives, modes, multiObjective, parameters, numSamples: ns as number, maxConcurrent: typeof mc === 'number' ? mc : null, pointsToEvaluate, customSpace },
  };
}
