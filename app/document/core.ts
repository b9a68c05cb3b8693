// The editor's one door into the document layer (src/yaml, src/model, src/runtime). Everything the
// app does to YAML text goes through these functions, so the store and views never depend on the
// exact shape of the src APIs.
// TEMPORARY: a tiny stand-in built on the `yaml` package until src/yaml and src/runtime land.
import { parseDocument, isMap, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import type { ComponentTypeInfo, ConfigSpec, ConnectorSpec, Diagnostic, TypeCatalog, ComponentSpec } from '../../src/index.ts';

export interface Position {
  readonly x: number;
  readonly y: number;
}
export type Layout = Readonly<Record<string, Position>>;

export type DocEdit =
  | { readonly kind: 'add-component'; readonly type: string; readonly name: string; readonly args?: Readonly<Record<string, unknown>> }
  | { readonly kind: 'remove-component'; readonly name: string }
  | { readonly kind: 'rename-component'; readonly from: string; readonly to: string }
  | { readonly kind: 'set-arg'; readonly component: string; readonly arg: string; readonly value: unknown }
  | { readonly kind: 'add-connector'; readonly source: string; readonly target: string }
  | { readonly kind: 'remove-connector'; readonly source: string; readonly target: string }
  | { readonly kind: 'set-process-mode'; readonly mode: 'local' | 'parallel' }
  | { readonly kind: 'set-process-name'; readonly name: string | null };

export type EditResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export interface ParseResult {
  readonly config?: ConfigSpec;
  readonly diagnostics: readonly Diagnostic[];
}

// ---------------------------------------------------------------- temporary catalog
const t = (
  module: string,
  className: string,
  description: string,
  inputs: string[],
  outputs: string[],
  args: ComponentTypeInfo['args'],
  portsFor?: ComponentTypeInfo['portsFor'],
): ComponentTypeInfo => ({
  type: `${module}.${className}`,
  module,
  className,
  description,
  inputs,
  outputs,
  inputEvents: [],
  outputEvents: [],
  args,
  runnable: true,
  ...(portsFor ? { portsFor } : {}),
});

const TEMP_TYPES: ComponentTypeInfo[] = [
  t('hello_ray', 'Iterator', 'Emits 0..iters-1, one per step.', [], ['x'], [{ name: 'iters', kind: 'integer', required: true }]),
  t('hello_ray', 'Sleep', 'Blocks its thread for sleep_seconds, then passes x on.', ['x'], ['y'], [
    { name: 'sleep_seconds', kind: 'number', required: true },
  ]),
  t('hello_ray', 'Timestamper', 'Outputs the current time.', ['x', 'y'], ['timestamp'], []),
  t(
    'plugboard.library.file_io',
    'FileWriter',
    'Writes its inputs as CSV rows.',
    [],
    [],
    [
      { name: 'path', kind: 'string', required: true },
      { name: 'field_names', kind: 'string-list', required: true },
      { name: 'chunk_size', kind: 'integer', required: false },
    ],
    (args) => ({ inputs: Array.isArray(args['field_names']) ? (args['field_names'] as string[]) : [], outputs: [] }),
  ),
];

export function builtinCatalog(): TypeCatalog {
  return createCatalog(TEMP_TYPES);
}

/** A catalog over a list of types; later entries override earlier ones with the same type string. */
export function createCatalog(types: readonly ComponentTypeInfo[], base?: TypeCatalog): TypeCatalog {
  const byType = new Map<string, ComponentTypeInfo>();
  for (const info of base?.list() ?? []) byType.set(info.type, info);
  for (const info of types) byType.set(info.type, info);
  const list = [...byType.values()];
  return {
    list: () => list,
    lookup: (type) => byType.get(type) ?? base?.lookup(type),
  };
}

// ---------------------------------------------------------------- temporary parse
const LAYOUT_MARK = '# plugboard-studio:layout ';

function parseRef(s: unknown): { entity: string; descriptor: string } {
  const str = String(s);
  const i = str.indexOf('.');
  return { entity: str.slice(0, i), descriptor: str.slice(i + 1) };
}

export function parse(text: string, _catalog: TypeCatalog): ParseResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    return {
      diagnostics: [
        {
          code: 'yaml-syntax',
          severity: 'error',
          message: e.message.split('\n')[0] ?? 'YAML syntax error',
          path: '',
          range: {
            start: { line: pos.line, column: pos.col, offset: e.pos[0] },
            end: { line: pos.line, column: pos.col + 1, offset: e.pos[1] },
          },
        },
      ],
    };
  }
  const js = doc.toJS() as { plugboard?: { process?: { type?: string; connector_builder?: { type?: string }; args?: Record<string, unknown> } } };
  const p = js?.plugboard?.process;
  if (!p || !p.args) return { diagnostics: [{ code: 'shape', severity: 'error', message: 'plugboard.process.args is required', path: 'plugboard.process' }] };
  const comps = (p.args['components'] as { type: string; args: Record<string, unknown> }[] | undefined) ?? [];
  const components: ComponentSpec[] = comps.map((c) => ({
    type: c.type,
    name: String(c.args?.['name'] ?? ''),
    args: c.args ?? {},
    initialValues: (c.args?.['initial_values'] as Record<string, unknown[]>) ?? {},
    parameters: {},
    constraints: {},
    resources: null,
  }));
  const connectors: ConnectorSpec[] = ((p.args['connectors'] as { source: string; target: string }[] | undefined) ?? []).map((c) => ({
    source: parseRef(c.source),
    target: parseRef(c.target),
    mode: 'pipeline',
  }));
  const type = p.type === 'plugboard.process.RayProcess' ? 'plugboard.process.RayProcess' : 'plugboard.process.LocalProcess';
  return {
    config: {
      process: {
        type,
        connectorBuilder: { type: p.connector_builder?.type ?? 'plugboard.connector.AsyncioConnector', args: {} },
        name: (p.args['name'] as string) ?? null,
        components,
        connectors,
        parameters: {},
        state: { type: 'plugboard.state.DictStateBackend', args: {} },
      },
      tune: null,
    },
    diagnostics: [],
  };
}

// ---------------------------------------------------------------- temporary edits
function splitLayout(text: string): { body: string; block: string } {
  const i = text.indexOf(LAYOUT_MARK);
  return i < 0 ? { body: text, block: '' } : { body: text.slice(0, i), block: text.slice(i) };
}

export function applyDocEdit(text: string, edit: DocEdit): EditResult {
  const { body, block } = splitLayout(text);
  const doc = parseDocument(body);
  if (doc.errors.length > 0) return { ok: false, diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'Fix the YAML first', path: '' }] };
  const argsPath = ['plugboard', 'process', 'args'];
  const comps = doc.getIn([...argsPath, 'components']) as YAMLSeq<YAMLMap>;
  let conns = doc.getIn([...argsPath, 'connectors']) as YAMLSeq<YAMLMap> | undefined;
  if (!isSeq(conns)) {
    doc.setIn([...argsPath, 'connectors'], doc.createNode([]));
    conns = doc.getIn([...argsPath, 'connectors']) as YAMLSeq<YAMLMap>;
  }
  const findComp = (name: string) => comps.items.findIndex((c) => isMap(c) && c.getIn(['args', 'name']) === name);
  switch (edit.kind) {
    case 'add-component':
      comps.add(doc.createNode({ type: edit.type, args: { name: edit.name, ...edit.args } }) as YAMLMap);
      break;
    case 'remove-component': {
      const i = findComp(edit.name);
      if (i >= 0) comps.delete(i);
      conns.items = conns.items.filter((c) => !String(c.get('source')).startsWith(edit.name + '.') && !String(c.get('target')).startsWith(edit.name + '.'));
      break;
    }
    case 'rename-component': {
      const i = findComp(edit.from);
      if (findComp(edit.to) >= 0) return { ok: false, diagnostics: [{ code: 'duplicate-name', severity: 'error', message: `A component named ${edit.to} exists`, path: '' }] };
      comps.items[i]?.setIn(['args', 'name'], edit.to);
      for (const c of conns.items) {
        for (const k of ['source', 'target']) {
          const v = String(c.get(k));
          if (v.startsWith(edit.from + '.')) c.set(k, edit.to + v.slice(edit.from.length));
        }
      }
      break;
    }
    case 'set-arg': {
      const i = findComp(edit.component);
      if (edit.value === undefined) comps.items[i]?.deleteIn(['args', edit.arg]);
      else comps.items[i]?.setIn(['args', edit.arg], doc.createNode(edit.value));
      break;
    }
    case 'add-connector':
      conns.add(doc.createNode({ source: edit.source, target: edit.target }) as YAMLMap);
      break;
    case 'remove-connector':
      conns.items = conns.items.filter((c) => !(c.get('source') === edit.source && c.get('target') === edit.target));
      break;
    case 'set-process-mode':
      doc.setIn(['plugboard', 'process', 'type'], edit.mode === 'parallel' ? 'plugboard.process.RayProcess' : 'plugboard.process.LocalProcess');
      doc.setIn(['plugboard', 'process', 'connector_builder', 'type'], edit.mode === 'parallel' ? 'plugboard.connector.RayConnector' : 'plugboard.connector.AsyncioConnector');
      break;
    case 'set-process-name':
      doc.setIn([...argsPath, 'name'], edit.name);
      break;
  }
  return { ok: true, text: doc.toString() + block };
}

export function readLayout(text: string): Layout {
  const { block } = splitLayout(text);
  if (!block) return {};
  try {
    return JSON.parse(block.slice(LAYOUT_MARK.length)) as Layout;
  } catch {
    return {};
  }
}

export function writeLayout(text: string, layout: Layout): string {
  const { body } = splitLayout(text);
  const rounded = Object.fromEntries(Object.entries(layout).map(([k, p]) => [k, { x: Math.round(p.x), y: Math.round(p.y) }]));
  return (body.endsWith('\n') ? body : body + '\n') + LAYOUT_MARK + JSON.stringify(rounded) + '\n';
}

export function jsonSchema(_catalog: TypeCatalog): object {
  return { type: 'object', properties: { plugboard: { type: 'object' } } };
}

export function emptyText(): string {
  return `plugboard:
  process:
    args:
      components: []
      connectors: []
`;
}
