import { DICT_STATE, RAY_STATE } from './constants.ts';
import type { ModelEdit } from './modelEdit.ts';
import { ASYNCIO_CONNECTOR, LOCAL_PROCESS, RAY_CONNECTOR, RAY_PROCESS, type ComponentSpec, type ConfigSpec, type PortRef, type ProcessSpec } from './spec.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A component spec from raw args, deriving the typed fields as the parser does.
 * @example componentFromArgs('hello_world.A', { name: 'a', iters: 3 })
 */
export function componentFromArgs(type: string, args: Readonly<Obj>): ComponentSpec {
  const iv = isObj(args['initial_values']) ? args['initial_values'] : {};
  return {
    type,
    name: String(args['name']),
    args,
    initialValues: Object.fromEntries(Object.entries(iv).filter(([, v]) => Array.isArray(v))) as Record<string, unknown[]>,
    parameters: isObj(args['parameters']) ? args['parameters'] : {},
    constraints: isObj(args['constraints']) ? args['constraints'] : {},
    resources: args['resources'] ?? null,
  };
}

function setPath(obj: Readonly<Obj>, path: readonly string[], value: unknown): Obj {
  const [head, ...rest] = path;
  if (head === undefined) return { ...obj };
  const out: Obj = { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const inner = isObj(obj[head]) ? obj[head] : undefined;
  if (value === undefined && !inner) return out;
  const next = setPath(inner ?? {}, rest, value);
  if (value === undefined && Object.keys(next).length === 0) delete out[head];
  else out[head] = next;
  return out;
}

const same = (a: PortRef, b: PortRef): boolean => a.entity === b.entity && a.descriptor === b.descriptor;

function renameTune(node: unknown, from: string, to: string): unknown {
  if (Array.isArray(node)) return node.map((n) => renameTune(n, from, to));
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'object_name' && v === from && node['object_type'] !== 'process' ? to : renameTune(v, from, to);
  return out;
}

/**
 * Applies a {@link ModelEdit} to a spec: the typed counterpart of `applyEdit` on text (tests check
 * that both agree). Invalid edits (unknown names) leave the spec unchanged.
 * @example applyModelEdit(config, { kind: 'remove-component', name: 'b' })
 */
export function applyModelEdit(config: ConfigSpec, edit: ModelEdit): ConfigSpec {
  const p = config.process;
  const withProcess = (process: Partial<ProcessSpec>): ConfigSpec => ({ ...config, process: { ...p, ...process } });
  switch (edit.kind) {
    case 'add-component':
      return withProcess({ components: [...p.components, componentFromArgs(edit.type, { name: edit.args['name'], ...edit.args })] });
    case 'remove-component':
      return withProcess({
        components: p.components.filter((c) => c.name !== edit.name),
        connectors: p.connectors.filter((c) => c.source.entity !== edit.name && c.target.entity !== edit.name),
      });
    case 'rename-component': {
      const ren = (r: PortRef): PortRef => (r.entity === edit.from ? { ...r, entity: edit.to } : r);
      return {
        ...withProcess({
          components: p.components.map((c) => (c.name === edit.from ? { ...c, name: edit.to, args: { ...c.args, name: edit.to } } : c)),
          connectors: p.connectors.map((c) => ({ ...c, source: ren(c.source), target: ren(c.target) })),
        }),
        tune: renameTune(config.tune, edit.from, edit.to),
      };
    }
    case 'set-arg': {
      const last = p.components.map((c) => c.name).lastIndexOf(edit.component);
      return withProcess({ components: p.components.map((c, i) => (i === last ? componentFromArgs(c.type, setPath(c.args, edit.key.split('.'), edit.value)) : c)) });
    }
    case 'add-connector':
      return withProcess({ connectors: [...p.connectors, { source: edit.source, target: edit.target, mode: 'pipeline' }] });
    case 'remove-connector':
      return withProcess({ connectors: p.connectors.filter((c) => !(same(c.source, edit.source) && same(c.target, edit.target))) });
    case 'set-process-mode': {
      const ray = edit.mode === 'parallel';
      const [fromConn, toConn, fromState, toState] = ray ? [ASYNCIO_CONNECTOR, RAY_CONNECTOR, DICT_STATE, RAY_STATE] : [RAY_CONNECTOR, ASYNCIO_CONNECTOR, RAY_STATE, DICT_STATE];
      return withProcess({
        type: ray ? RAY_PROCESS : LOCAL_PROCESS,
        connectorBuilder: p.connectorBuilder.type === fromConn ? { ...p.connectorBuilder, type: toConn } : p.connectorBuilder,
        state: p.state.type === fromState ? { ...p.state, type: toState } : p.state,
      });
    }
    case 'set-process-name':
      return withProcess({ name: edit.name });
  }
}
