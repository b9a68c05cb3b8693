import { NAME_PATTERN, PORT_REF_PATTERN } from '../model/constants.ts';
import type { ComponentSpec, ConnectorSpec, PortRef } from '../model/spec.ts';
import { isObj, join, kindOf, type ShapeContext } from './shapeContext.ts';

const COMPONENT_KEYS = ['type', 'args'] as const;
const CONNECTOR_KEYS = ['source', 'target', 'mode'] as const;
const SOCKET_KEYS = ['entity', 'descriptor'] as const;

/** Shape-checks one `components[i]` entry (spec §2.2 ComponentSpec / ComponentArgsSpec). */
export function shapeComponent(ctx: ShapeContext, raw: unknown, path: string): ComponentSpec | undefined {
  const obj = ctx.mapping(raw, path, 'A component');
  if (!obj) return undefined;
  const name0 = isObj(obj['args']) && typeof obj['args']['name'] === 'string' ? obj['args']['name'] : undefined;
  const extra = name0 !== undefined ? { component: name0 } : {};
  ctx.forbidExtras(obj, COMPONENT_KEYS, path, 'a component (only type and args)', extra);
  let type: string | undefined;
  if (!('type' in obj)) ctx.missing('type', path, 'A component', extra);
  else type = ctx.string(obj['type'], join(path, 'type'), 'Component type', extra);
  if (!('args' in obj)) {
    ctx.missing('args', path, 'A component', extra);
    return undefined;
  }
  const argsPath = join(path, 'args');
  const args = ctx.mapping(obj['args'], argsPath, 'Component args', extra);
  if (!args) return undefined;
  let name: string | undefined;
  if (!('name' in args)) ctx.missing('name', argsPath, 'Component args', extra);
  else {
    name = ctx.string(args['name'], join(argsPath, 'name'), 'Component name', extra);
    if (name !== undefined && !NAME_PATTERN.test(name)) {
      ctx.report('invalid-name', 'error', `Component name '${name}' is not valid: start with a letter or '_' and use only letters, digits, '_' and '-'.`, join(argsPath, 'name'), { component: name, field: 'name' }, false);
    }
  }
  const initialValues = shapeInitialValues(ctx, args['initial_values'], join(argsPath, 'initial_values'), name);
  const parameters = optionalMapping(ctx, args, 'parameters', argsPath, extra);
  const constraints = optionalMapping(ctx, args, 'constraints', argsPath, extra);
  const resources = args['resources'] ?? null;
  if (resources !== null && !isObj(resources)) {
    ctx.report('invalid-type', 'error', `resources must be a mapping like {cpu: 1, memory: "512Mi"}, got ${kindOf(resources)}.`, join(argsPath, 'resources'), { ...extra, field: 'resources' });
  }
  if (type === undefined || name === undefined || !initialValues || !parameters || !constraints) return undefined;
  return { type, name, args, initialValues, parameters, constraints, resources };
}

function optionalMapping(ctx: ShapeContext, args: Record<string, unknown>, key: string, argsPath: string, extra: { component?: string }): Record<string, unknown> | undefined {
  if (!(key in args)) return {};
  return ctx.mapping(args[key], join(argsPath, key), `'${key}'`, { ...extra, field: key });
}

/** `initial_values`: mapping field → list. Non-list values are reported (Q10) and left out. */
function shapeInitialValues(ctx: ShapeContext, raw: unknown, path: string, component: string | undefined): Record<string, readonly unknown[]> | undefined {
  if (raw === undefined) return {};
  const extra = component !== undefined ? { component } : {};
  const obj = ctx.mapping(raw, path, "'initial_values'", { ...extra, field: 'initial_values' });
  if (!obj) return undefined;
  const out: Record<string, readonly unknown[]> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) out[k] = v;
    else {
      ctx.report('initial-values-not-array', 'error', `initial_values.${k} must be a list of values, e.g. '${k}: [${v === null || v === undefined ? 0 : JSON.stringify(v)}]'.`, join(path, k), { ...extra, field: k }, false);
    }
  }
  return out;
}

/** Shape-checks one `connectors[i]` entry (spec §2.6). */
export function shapeConnector(ctx: ShapeContext, raw: unknown, path: string): ConnectorSpec | undefined {
  const obj = ctx.mapping(raw, path, 'A connector');
  if (!obj) return undefined;
  ctx.forbidExtras(obj, CONNECTOR_KEYS, path, 'a connector');
  const source = shapeSocket(ctx, obj, 'source', path);
  const target = shapeSocket(ctx, obj, 'target', path);
  let mode: 'pipeline' | 'pubsub' = 'pipeline';
  if ('mode' in obj) {
    const m = obj['mode'];
    if (m === 'pipeline' || m === 'pubsub') mode = m;
    else ctx.report('invalid-connector-mode', 'error', `Connector mode must be 'pipeline' or 'pubsub', got ${kindOf(m)}.`, join(path, 'mode'));
  }
  return source && target ? { source, target, mode } : undefined;
}

function shapeSocket(ctx: ShapeContext, obj: Record<string, unknown>, key: 'source' | 'target', path: string): PortRef | undefined {
  const p = join(path, key);
  if (!(key in obj)) {
    ctx.missing(key, path, 'A connector');
    return undefined;
  }
  const v = obj[key];
  if (typeof v === 'string') {
    const m = PORT_REF_PATTERN.exec(v);
    if (m) return { entity: m[1] ?? '', descriptor: m[2] ?? '' };
    ctx.report('invalid-port-ref', 'error', `Connector ${key} '${v}' must be of the form 'component.field' (one dot; the field name has no '-' or '.').`, p, pickEntity(v));
    return undefined;
  }
  if (isObj(v)) {
    ctx.forbidExtras(v, SOCKET_KEYS, p, `a connector ${key}`);
    const entity = 'entity' in v ? ctx.string(v['entity'], join(p, 'entity'), 'entity') : (ctx.missing('entity', p, `Connector ${key}`), undefined);
    const descriptor = 'descriptor' in v ? ctx.string(v['descriptor'], join(p, 'descriptor'), 'descriptor') : (ctx.missing('descriptor', p, `Connector ${key}`), undefined);
    if (entity === undefined || descriptor === undefined) return undefined;
    if (!PORT_REF_PATTERN.test(`${entity}.${descriptor}`)) {
      // Q21: Plugboard accepts the mapping form without the pattern check; we keep it but warn.
      ctx.report('port-ref-pattern', 'warning', `Connector ${key} '${entity}.${descriptor}' would be rejected in string form; use a component name and a field name of letters, digits and '_'.`, p, { component: entity });
    }
    return { entity, descriptor };
  }
  ctx.report('invalid-type', 'error', `Connector ${key} must be 'component.field' or a mapping {entity, descriptor}, got ${kindOf(v)}.`, p);
  return undefined;
}

function pickEntity(v: string): { component?: string } {
  const dot = v.indexOf('.');
  return dot > 0 ? { component: v.slice(0, dot) } : {};
}
