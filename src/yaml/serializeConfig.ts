import { CST, Document, isScalar, Parser, visit } from 'yaml';
import { DICT_STATE, PORT_REF_PATTERN, RAY_STATE } from '../model/constants.ts';
import { formatPortRef } from '../model/portRef.ts';
import { ASYNCIO_CONNECTOR, LOCAL_PROCESS, RAY_PROCESS, type ComponentSpec, type ConfigSpec, type ConnectorSpec, type PortRef, type ProcessSpec } from '../model/spec.ts';

/** Options of {@link serializeConfig}. */
export interface SerializeOptions {
  /** Write the referenced process inline instead of `process: <file>` (default false). */
  readonly inlineProcessRef?: boolean;
}

type Obj = Record<string, unknown>;
const isEmpty = (o: Readonly<Obj>): boolean => Object.keys(o).length === 0;

/**
 * Fresh YAML for a spec (new documents, exports). Defaults are left out, connectors use the string
 * form when it is valid, short lists of scalars use flow style; Plugboard-compatible (YAML 1.1
 * quoting, `connector_builder` kept for RayProcess — Q20). Edits to existing text use `applyEdit`.
 * @example serializeConfig(parseConfig(text).config!)
 */
export function serializeConfig(config: ConfigSpec, options: SerializeOptions = {}): string {
  const plugboard: Obj = {};
  plugboard['process'] = config.processRef !== undefined && !options.inlineProcessRef ? config.processRef : processToData(config.process);
  if (config.tune !== null && config.tune !== undefined) plugboard['tune'] = config.tune;
  const doc = new Document({ plugboard }, { version: '1.1' });
  visit(doc, {
    Seq(_, node) {
      if (node.items.length > 0 && node.items.length <= 8 && node.items.every((i) => isScalar(i) && String(i.value).length < 40)) node.flow = true;
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, flowCollectionPadding: false });
}

/** The `plugboard.process` mapping for a spec, defaults omitted. */
export function processToData(p: ProcessSpec): Obj {
  const out: Obj = {};
  if (p.type !== LOCAL_PROCESS) out['type'] = p.type;
  const cbArgs = { ...p.connectorBuilder.args };
  if (isEmpty((cbArgs['parameters'] as Obj | undefined) ?? {})) delete cbArgs['parameters'];
  if (p.connectorBuilder.type !== ASYNCIO_CONNECTOR || !isEmpty(cbArgs)) {
    out['connector_builder'] = { type: p.connectorBuilder.type, ...(isEmpty(cbArgs) ? {} : { args: cbArgs }) };
  }
  const args: Obj = {};
  if (p.name !== null) args['name'] = p.name;
  args['components'] = p.components.map(componentToData);
  if (p.connectors.length > 0) args['connectors'] = p.connectors.map(connectorToData);
  if (!isEmpty(p.parameters)) args['parameters'] = p.parameters;
  const stateArgs = { ...p.state.args };
  if (stateArgs['job_id'] === null) delete stateArgs['job_id'];
  if (isEmpty((stateArgs['metadata'] as Obj | undefined) ?? {})) delete stateArgs['metadata'];
  const stateDefault = p.type === RAY_PROCESS ? RAY_STATE : DICT_STATE;
  if (p.state.type !== stateDefault || !isEmpty(stateArgs)) args['state'] = { type: p.state.type, ...(isEmpty(stateArgs) ? {} : { args: stateArgs }) };
  out['args'] = args;
  return out;
}

function componentToData(c: ComponentSpec): Obj {
  const args: Obj = { name: c.name, ...c.args };
  args['name'] = c.name;
  if (!isEmpty(c.initialValues)) args['initial_values'] = c.initialValues;
  if (!isEmpty(c.parameters)) args['parameters'] = c.parameters;
  if (!isEmpty(c.constraints)) args['constraints'] = c.constraints;
  if (c.resources !== null && c.resources !== undefined) args['resources'] = c.resources;
  return { type: c.type, args };
}

function socket(r: PortRef): unknown {
  const s = formatPortRef(r);
  return PORT_REF_PATTERN.test(s) ? s : { entity: r.entity, descriptor: r.descriptor };
}

function connectorToData(c: ConnectorSpec): Obj {
  return { source: socket(c.source), target: socket(c.target), ...(c.mode === 'pubsub' ? { mode: 'pubsub' } : {}) };
}

/**
 * Re-emits text from its concrete syntax tree: byte-identical for an unedited document (comments,
 * key order, trailing spaces, a missing final newline and the layout block all kept).
 * @example emitUnchanged(text) === text
 */
export function emitUnchanged(text: string): string {
  let out = '';
  for (const token of new Parser().parse(text)) out += CST.stringify(token);
  return out;
}
