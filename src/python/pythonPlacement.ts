/**
 * Which workers of a parallel run need Python: only those whose group uses a type from a `.py`
 * module. The others never load Pyodide; they register the Python types from the modules' text
 * (`readPythonModuleTypes`, ports of open types from the model's connectors) so that validating
 * the whole model still resolves every type. Light: imports neither Pyodide nor the bridge.
 */
import type { ConfigSpec } from '../model/spec.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { ComponentRegistry } from '../runtime/registry.ts';
import { inferUnresolvedTypes, toUnresolvedTypeInfos } from '../modules/inferTypes.ts';
import { readPythonModuleTypes } from './readPythonModuleTypes.ts';

const stemOf = (file: string): string => file.slice(file.lastIndexOf('/') + 1).replace(/\.py$/, '');

/** True when a type string names a Python module's class (`stem.Class`, or a bare class name it defines). */
function isPythonType(type: string, stems: readonly string[], classNames: ReadonlySet<string>): boolean {
  return stems.some((s) => type.startsWith(`${s}.`)) || (!type.includes('.') && classNames.has(type));
}

/**
 * Whether this group needs the Python modules (and Pyodide). No `members` (a local run, the CLI):
 * true when any module is a `.py` file.
 * @example groupUsesPython(config, modules, ['slow-sleep']) // true for a hello_ray.Sleep member
 */
export function groupUsesPython(config: ConfigSpec, modules: readonly ModuleSource[], members?: readonly string[]): boolean {
  const python = modules.filter((m) => m.file.endsWith('.py'));
  if (python.length === 0) return false;
  if (members === undefined) return true;
  const stems = python.map((m) => stemOf(m.file));
  const classNames = new Set(python.flatMap((m) => readPythonModuleTypes(m).map((t) => t.info.className)));
  const wanted = new Set(members);
  return config.process.components.some((c) => wanted.has(c.name) && isPythonType(c.type, stems, classNames));
}

/**
 * Diagnostics a group that does not run Python leaves to the groups that do, when the model has
 * Python components: types read from text carry no events, so "input events with no producer"
 * cannot be judged here (every Python group validates the whole model with the real classes).
 * @example diagnostics.filter((d) => !judgedByPythonGroups(d.code))
 */
export function judgedByPythonGroups(code: string): boolean {
  return code === 'input-event-no-producer';
}

/** True when some component of the model has a type from a `.py` module. @example modelUsesPython(config, modules) */
export function modelUsesPython(config: ConfigSpec, modules: readonly ModuleSource[]): boolean {
  return groupUsesPython(config, modules, config.process.components.map((c) => c.name));
}

/**
 * For a group that does not run Python: the `.py` modules' types as catalog entries (not
 * runnable), read from their text; types the reader leaves open take their ports and args from
 * the model. Components of these types run in other workers.
 * @example registerPythonTypesFromText(config, modules, registry); validateConfig(config, registry)
 */
export function registerPythonTypesFromText(config: ConfigSpec, modules: readonly ModuleSource[], registry: ComponentRegistry): void {
  const python = modules.filter((m) => m.file.endsWith('.py'));
  const types = python.flatMap(readPythonModuleTypes);
  for (const t of types) if (!t.openPorts) registry.registerInfo(t.info);
  const stems = python.map((m) => stemOf(m.file));
  const classNames = new Set(types.map((t) => t.info.className));
  const inferred = inferUnresolvedTypes(config, registry).filter((t) => isPythonType(t.type, stems, classNames));
  for (const t of toUnresolvedTypeInfos(inferred)) {
    const known = types.find((s) => s.info.type === t.type)?.info;
    registry.registerInfo(known ? { ...known, inputs: t.inputs, outputs: t.outputs, args: known.args.length > 0 ? known.args : t.args } : t);
  }
}
