import { DICT_STATE, JOB_ID_PATTERN, LOCAL_PROCESS_LONG, RAY_PROCESS_LONG, RAY_STATE } from '../model/constants.ts';
import { ASYNCIO_CONNECTOR, LOCAL_PROCESS, RAY_PROCESS, type ComponentSpec, type ConnectorSpec, type ProcessSpec, type ProcessType } from '../model/spec.ts';
import { shapeComponent, shapeConnector } from './shapeComponents.ts';
import { isObj, join, kindOf, type Obj, type ShapeContext } from './shapeContext.ts';

const PROCESS_KEYS = ['type', 'connector_builder', 'args'] as const;
const PROCESS_ARGS_KNOWN = ['name', 'components', 'connectors', 'parameters', 'state'] as const;

/**
 * Shape-checks a `plugboard.process` mapping (spec §2.2) and applies the load-time rules of §2.3.
 * `path` is where the mapping sits ('plugboard.process').
 */
export function shapeProcess(ctx: ShapeContext, raw: unknown, path: string): ProcessSpec | undefined {
  const obj = ctx.mapping(raw, path, "'process'");
  if (!obj) return undefined;
  ctx.forbidExtras(obj, PROCESS_KEYS, path, "'process'");
  const type = shapeProcessType(ctx, obj, path);
  const connectorBuilder = shapeTypeArgs(ctx, obj['connector_builder'], 'connector_builder' in obj, join(path, 'connector_builder'), ASYNCIO_CONNECTOR, false);
  if (!('args' in obj)) {
    ctx.missing('args', path, "'process'");
    return undefined;
  }
  const argsPath = join(path, 'args');
  const args = ctx.mapping(obj['args'], argsPath, "'process.args'");
  if (!args) return undefined;
  for (const k of Object.keys(args)) {
    if ((PROCESS_ARGS_KNOWN as readonly string[]).includes(k)) continue;
    ctx.report('ignored-key', 'info', `'${k}' in process args is accepted by Plugboard but ignored; remove it unless a tool needs it.`, join(argsPath, k), { at: 'key' });
  }
  let name: string | null = null;
  if (args['name'] !== undefined && args['name'] !== null) name = ctx.string(args['name'], join(argsPath, 'name'), 'Process name') ?? null;
  const components = shapeComponents(ctx, args, argsPath);
  const connectors = shapeConnectors(ctx, args, argsPath);
  let parameters: Obj = {};
  if (args['parameters'] !== undefined && args['parameters'] !== null) parameters = ctx.mapping(args['parameters'], join(argsPath, 'parameters'), "Process 'parameters'") ?? {};
  const stateDefault = type === RAY_PROCESS ? RAY_STATE : DICT_STATE;
  const state = shapeTypeArgs(ctx, args['state'], args['state'] !== undefined && args['state'] !== null, join(argsPath, 'state'), DICT_STATE, true);
  if (!type || !connectorBuilder || !components || !connectors || !state) return undefined;
  // §2.3(2): RayProcess silently swaps the default Dict backend for the Ray one.
  const stateType = state.type === DICT_STATE ? stateDefault : state.type;
  return { type, connectorBuilder, name, components, connectors, parameters, state: { type: stateType, args: state.args } };
}

function shapeProcessType(ctx: ShapeContext, obj: Obj, path: string): ProcessType | undefined {
  if (!('type' in obj)) return LOCAL_PROCESS;
  const t = obj['type'];
  if (t === LOCAL_PROCESS || t === LOCAL_PROCESS_LONG) return LOCAL_PROCESS;
  if (t === RAY_PROCESS || t === RAY_PROCESS_LONG) return RAY_PROCESS;
  ctx.report('invalid-process-type', 'error', `Process type must be ${LOCAL_PROCESS} or ${RAY_PROCESS}, got ${kindOf(t)}.`, join(path, 'type'));
  return undefined;
}

/** `connector_builder` / `state`: {type, args} with extras allowed in args. */
function shapeTypeArgs(ctx: ShapeContext, raw: unknown, present: boolean, path: string, defaultType: string, isState: boolean): { type: string; args: Obj } | undefined {
  const defaultArgs: Obj = isState ? { job_id: null, metadata: {} } : { parameters: {} };
  if (!present) return { type: defaultType, args: defaultArgs };
  const what = isState ? "'state'" : "'connector_builder'";
  const obj = ctx.mapping(raw, path, what);
  if (!obj) return undefined;
  ctx.forbidExtras(obj, ['type', 'args'], path, what);
  let type = defaultType;
  if ('type' in obj) type = ctx.string(obj['type'], join(path, 'type'), `${what} type`) ?? defaultType;
  if (!('args' in obj)) return { type, args: defaultArgs };
  const args = ctx.mapping(obj['args'], join(path, 'args'), `${what} args`);
  if (!args) return undefined;
  const out: Obj = { ...defaultArgs, ...args };
  if (isState) {
    const jobId = args['job_id'];
    if (jobId !== undefined && jobId !== null && (typeof jobId !== 'string' || !JOB_ID_PATTERN.test(jobId))) {
      ctx.report('invalid-job-id', 'error', `job_id must look like 'Job_' plus at least 8 letters or digits (e.g. Job_abc12345), got ${kindOf(jobId)}.`, join(path, 'args.job_id'), {}, false);
    }
    if ('metadata' in args && !isObj(args['metadata'])) ctx.mapping(args['metadata'], join(path, 'args.metadata'), 'metadata');
  } else if ('parameters' in args && !isObj(args['parameters'])) {
    ctx.mapping(args['parameters'], join(path, 'args.parameters'), 'parameters');
  }
  return { type, args: out };
}

function shapeComponents(ctx: ShapeContext, args: Obj, argsPath: string): ComponentSpec[] | undefined {
  const path = join(argsPath, 'components');
  if (!('components' in args)) {
    ctx.missing('components', argsPath, "'process.args'");
    return undefined;
  }
  const raw = args['components'];
  if (!Array.isArray(raw)) {
    ctx.report('invalid-type', 'error', `'components' must be a list of components, got ${kindOf(raw)}. Use 'components: []' for none.`, path);
    return undefined;
  }
  if (raw.length === 0) {
    // Plugboard requires at least one component (plugboardValidate and the CLI treat this as an error);
    // the editor accepts an empty canvas as a valid state, hence a warning here.
    ctx.report('no-components', 'warning', 'The process has no components; Plugboard needs at least one. Add a component from the palette.', path);
  }
  const out: ComponentSpec[] = [];
  raw.forEach((c, i) => {
    const spec = shapeComponent(ctx, c, `${path}[${i}]`);
    if (spec) out.push(spec);
  });
  return out.length === raw.length ? out : undefined;
}

function shapeConnectors(ctx: ShapeContext, args: Obj, argsPath: string): ConnectorSpec[] | undefined {
  const path = join(argsPath, 'connectors');
  if (!('connectors' in args)) return [];
  const raw = args['connectors'];
  if (!Array.isArray(raw)) {
    const hint = raw === null ? " Plugboard does not treat null as empty: write 'connectors: []' or remove the key." : '';
    ctx.report('invalid-type', 'error', `'connectors' must be a list, got ${kindOf(raw)}.${hint}`, path);
    return undefined;
  }
  const out: ConnectorSpec[] = [];
  raw.forEach((c, i) => {
    const spec = shapeConnector(ctx, c, `${path}[${i}]`);
    if (spec) out.push(spec);
  });
  return out.length === raw.length ? out : undefined;
}

