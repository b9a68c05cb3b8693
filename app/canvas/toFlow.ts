/**
 * Model → React Flow. Returns the same node/edge objects when nothing about them changed, since
 * React Flow relies on identity (and keeps `measured` on the node objects we give back).
 */
import type { Edge, Node } from '@xyflow/react';
import type { ComponentSpec, ConfigSpec, Diagnostic, TypeCatalog } from '../../src/index.ts';
import type { Layout, Position } from '../document/core.ts';

export interface ComponentNodeData extends Record<string, unknown> {
  readonly name: string;
  readonly type: string;
  readonly className: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly resolved: boolean;
}

export type ComponentFlowNode = Node<ComponentNodeData, 'component'>;

export const inHandle = (port: string) => `in:${port}`;
export const outHandle = (port: string) => `out:${port}`;
export const portOfHandle = (handle: string | null | undefined) => (handle ?? '').replace(/^(in|out):/, '');
export const isInputHandle = (handle: string | null | undefined) => (handle ?? '').startsWith('in:');

/** Ports of a configured component: from its type, else inferred from the connectors (unresolved types). */
export function portsOf(c: ComponentSpec, config: ConfigSpec, catalog: TypeCatalog): { inputs: string[]; outputs: string[]; resolved: boolean } {
  const info = catalog.lookup(c.type);
  const inputs = new Set<string>();
  const outputs = new Set<string>();
  if (info) {
    const ports = info.portsFor ? info.portsFor(c.args) : info;
    ports.inputs.forEach((p) => inputs.add(p));
    ports.outputs.forEach((p) => outputs.add(p));
  }
  // Connector ends the type does not declare still get a handle, so no connector dangles in the air.
  const ends = connectorEnds(config).get(c.name);
  ends?.inputs.forEach((p) => inputs.add(p));
  ends?.outputs.forEach((p) => outputs.add(p));
  return { inputs: [...inputs], outputs: [...outputs], resolved: !!info };
}

const endsByConfig = new WeakMap<ConfigSpec, Map<string, { inputs: string[]; outputs: string[] }>>();
/** Pipeline connector ends per component name, in connector order (computed once per config). */
function connectorEnds(config: ConfigSpec): Map<string, { inputs: string[]; outputs: string[] }> {
  let ends = endsByConfig.get(config);
  if (ends) return ends;
  ends = new Map();
  const of = (name: string) => {
    let e = ends!.get(name);
    if (!e) ends!.set(name, (e = { inputs: [], outputs: [] }));
    return e;
  };
  for (const k of config.process.connectors) {
    if (k.mode !== 'pipeline') continue;
    of(k.target.entity).inputs.push(k.target.descriptor);
    of(k.source.entity).outputs.push(k.source.descriptor);
  }
  endsByConfig.set(config, ends);
  return ends;
}

export interface FlowCache {
  nodes: Map<string, { sig: string; node: ComponentFlowNode }>;
  edges: Map<string, Edge>;
  /** The node array last returned: given back as it is when no node changed (React Flow then skips its update). */
  lastNodes?: ComponentFlowNode[];
  /** The edge array last returned, likewise. */
  lastEdges?: Edge[];
}
export const createFlowCache = (): FlowCache => ({ nodes: new Map(), edges: new Map() });

function sameItems<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Node sizes React Flow measured, by component name (kept by the canvas controller, never on cached nodes). */
export type MeasuredSizes = ReadonlyMap<string, { readonly width: number; readonly height: number }>;

/**
 * Nodes for a model. A node object is reused while its signature (type, ports, position, selection,
 * measured size) is unchanged, and never mutated: any change makes a new object.
 */
export function toFlowNodes(
  config: ConfigSpec | null,
  positions: Layout,
  selection: ReadonlySet<string>,
  catalog: TypeCatalog,
  cache: FlowCache,
  fallback: (index: number) => Position,
  measured: MeasuredSizes = new Map(),
): ComponentFlowNode[] {
  if (!config) return [];
  const out: ComponentFlowNode[] = [];
  const seen = new Set<string>();
  config.process.components.forEach((c, i) => {
    if (seen.has(c.name)) return; // duplicate names: Plugboard warns, we draw the first (diagnostic shows)
    seen.add(c.name);
    const ports = portsOf(c, config, catalog);
    const pos = positions[c.name] ?? fallback(i);
    const info = catalog.lookup(c.type);
    const className = info?.className ?? c.type.split('.').pop() ?? c.type;
    const selected = selection.has(c.name);
    const size = measured.get(c.name);
    const sig = [c.type, className, ports.inputs.join(','), ports.outputs.join(','), ports.resolved, pos.x, pos.y, selected, size?.width, size?.height].join('|');
    const hit = cache.nodes.get(c.name);
    if (hit && hit.sig === sig) {
      out.push(hit.node);
      return;
    }
    const node: ComponentFlowNode = {
      id: c.name,
      type: 'component',
      position: { x: pos.x, y: pos.y },
      selected,
      ariaLabel: c.name,
      data: { name: c.name, type: c.type, className, inputs: ports.inputs, outputs: ports.outputs, resolved: ports.resolved },
      ...(size ? { measured: { width: size.width, height: size.height } } : {}),
    };
    cache.nodes.set(c.name, { sig, node });
    out.push(node);
  });
  for (const key of cache.nodes.keys()) if (!seen.has(key)) cache.nodes.delete(key);
  if (sameItems(cache.lastNodes, out)) return cache.lastNodes!;
  cache.lastNodes = out;
  return out;
}

export const connectorId = (source: string, target: string) => `${source}->${target}`;

export function toFlowEdges(config: ConfigSpec | null, cache: FlowCache, selectedEdges: ReadonlySet<string>): Edge[] {
  if (!config) return [];
  const out: Edge[] = [];
  const seen = new Set<string>();
  for (const k of config.process.connectors) {
    if (k.mode !== 'pipeline') continue;
    const source = `${k.source.entity}.${k.source.descriptor}`;
    const target = `${k.target.entity}.${k.target.descriptor}`;
    const id = connectorId(source, target);
    if (seen.has(id)) continue;
    seen.add(id);
    const selected = selectedEdges.has(id);
    const hit = cache.edges.get(id);
    if (hit && !!hit.selected === selected) {
      out.push(hit);
      continue;
    }
    const edge: Edge = {
      id,
      source: k.source.entity,
      target: k.target.entity,
      sourceHandle: outHandle(k.source.descriptor),
      targetHandle: inHandle(k.target.descriptor),
      selected,
      ariaLabel: `Connector ${source} to ${target}`,
      data: { source, target },
    };
    cache.edges.set(id, edge);
    out.push(edge);
  }
  for (const key of cache.edges.keys()) if (!seen.has(key)) cache.edges.delete(key);
  if (sameItems(cache.lastEdges, out)) return cache.lastEdges!;
  cache.lastEdges = out;
  return out;
}

const firstErrors = new WeakMap<readonly Diagnostic[], Map<string, string>>();
/**
 * Each component's first error message, indexed once per diagnostics list: every node asks on every
 * store update, and a scan per node is quadratic in a big model.
 */
export function firstErrorOf(diagnostics: readonly Diagnostic[], component: string): string | undefined {
  let index = firstErrors.get(diagnostics);
  if (!index) {
    index = new Map();
    for (const d of diagnostics) if (d.severity === 'error' && d.component !== undefined && !index.has(d.component)) index.set(d.component, d.message);
    firstErrors.set(diagnostics, index);
  }
  return index.get(component);
}
