import type { TypeCatalog } from './catalog.ts';
import { STOP_EVENT } from './constants.ts';
import { elementaryCycles } from './cycles.ts';
import { portsOf } from './ports.ts';
import { pyCompare, safeEventType, sortConnectors } from './portRef.ts';
import { RAY_CONNECTOR, type ConnectorSpec, type ProcessSpec } from './spec.ts';

/** One finding of Plugboard's three process validators (spec §5.5), with its upstream message. */
export type RuleFinding =
  | { readonly kind: 'unconnected-inputs'; readonly component: string; readonly index: number; readonly fields: readonly string[]; readonly message: string }
  | { readonly kind: 'input-event-no-producer'; readonly component: string; readonly index: number; readonly events: readonly string[]; readonly message: string }
  | { readonly kind: 'cycle-without-initial-values'; readonly cycle: readonly string[]; readonly edges: readonly ConnectorSpec[]; readonly message: string };

/** Python `repr` of a list of strings: `['a', 'b']`. */
export function pyList(items: readonly string[]): string {
  const repr = (s: string): string => {
    const q = s.includes("'") && !s.includes('"') ? '"' : "'";
    const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
    return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
  };
  return `[${items.map((s) => repr(String(s))).join(', ')}]`;
}

/**
 * Event connectors ProcessBuilder adds (spec §2.7): one pubsub connector per distinct event type
 * (system.stop always); none for RayConnector (Q15).
 * @example buildEventConnectors(process, catalog).map(connectorId) // ['system_stop.publishers..system_stop.subscribers']
 */
export function buildEventConnectors(process: ProcessSpec, catalog: TypeCatalog | undefined): ConnectorSpec[] {
  if (process.connectorBuilder.type === RAY_CONNECTOR) return [];
  const types = new Set<string>([STOP_EVENT]);
  for (const c of process.components) {
    const io = portsOf(c, catalog);
    for (const e of [...(io?.inputEvents ?? []), ...(io?.outputEvents ?? [])]) types.add(e);
  }
  return [...types].map((t) => {
    const s = safeEventType(t);
    return { source: { entity: s, descriptor: 'publishers' }, target: { entity: s, descriptor: 'subscribers' }, mode: 'pubsub' as const };
  });
}

/**
 * The process's connectors as ProcessBuilder builds them: event connectors first, YAML ones after,
 * de-duplicated by id (YAML wins) and sorted by id.
 * @example builtConnectors(process, catalog)
 */
export function builtConnectors(process: ProcessSpec, catalog: TypeCatalog | undefined): ConnectorSpec[] {
  return sortConnectors([...buildEventConnectors(process, catalog), ...process.connectors]);
}

/**
 * Runs the three upstream validators (spec §5.5) and returns structured findings in upstream order.
 * Components of unknown type count as having no IO (upstream could not build them at all).
 * @example findRuleViolations(process, catalog).map((f) => f.message)
 */
export function findRuleViolations(process: ProcessSpec, catalog: TypeCatalog | undefined): RuleFinding[] {
  const connectors = builtConnectors(process, catalog);
  const out: RuleFinding[] = [];
  // Components are keyed by name in process.dict(): a duplicate name keeps the last one (Q7).
  const byName = new Map<string, number>();
  process.components.forEach((c, i) => byName.set(c.name, i));
  const comps = [...byName.entries()].map(([name, index]) => ({ name, index, spec: process.components[index]! }));
  // 1. All inputs connected.
  const connected = new Map<string, Set<string>>();
  for (const c of connectors) {
    const set = connected.get(c.target.entity) ?? new Set<string>();
    set.add(c.target.descriptor);
    connected.set(c.target.entity, set);
  }
  for (const { name, index, spec } of comps) {
    const io = portsOf(spec, catalog);
    const covered = new Set(catalog?.lookup(spec.type)?.eventPopulatedFields ?? []);
    const fields = (io?.inputs ?? []).filter((f) => !connected.get(name)?.has(f) && !covered.has(f));
    const unique = [...new Set(fields)].sort(pyCompare);
    if (unique.length > 0) out.push({ kind: 'unconnected-inputs', component: name, index, fields: unique, message: `Component '${name}' has unconnected inputs: ${pyList(unique)}` });
  }
  // 2. Input events have producers (a component may produce its own, Q9).
  const produced = new Set<string>();
  for (const { spec } of comps) for (const e of portsOf(spec, catalog)?.outputEvents ?? []) produced.add(safeEventType(e));
  produced.add(safeEventType(STOP_EVENT));
  for (const { name, index, spec } of comps) {
    const wanted = new Set([...(portsOf(spec, catalog)?.inputEvents ?? []), STOP_EVENT].map(safeEventType));
    const missing = [...wanted].filter((e) => !produced.has(e)).sort(pyCompare);
    if (missing.length > 0) out.push({ kind: 'input-event-no-producer', component: name, index, events: missing, message: `Component '${name}' has input events with no producer: ${pyList(missing)}` });
  }
  // 3. No unresolved cycles. Q8: self-loops are skipped and one connector per ordered pair (the last in id order) represents the edge.
  const graph = new Map<string, string[]>();
  const edgeOf = new Map<string, ConnectorSpec>();
  for (const c of connectors) {
    edgeOf.set(`${c.source.entity}\u0000${c.target.entity}`, c);
    if (c.source.entity === c.target.entity) continue;
    graph.set(c.source.entity, [...(graph.get(c.source.entity) ?? []), c.target.entity]);
    if (!graph.has(c.target.entity)) graph.set(c.target.entity, []);
  }
  const initialKeys = new Map<string, Set<string>>();
  for (const { name, spec } of comps) if (Object.keys(spec.initialValues).length > 0) initialKeys.set(name, new Set(Object.keys(spec.initialValues)));
  for (const cycle of elementaryCycles(graph, comps.map((c) => c.name))) {
    const edges = cycle.map((n, i) => edgeOf.get(`${n}\u0000${cycle[(i + 1) % cycle.length]}`)!);
    const resolved = edges.some((e) => initialKeys.get(e.target.entity)?.has(e.target.descriptor));
    if (resolved) continue;
    const text = [...cycle, cycle[0]].join(' -> ');
    out.push({ kind: 'cycle-without-initial-values', cycle, edges, message: `Circular connection detected without initial values: ${text}. Set initial_values on a component input within the loop to resolve.` });
  }
  return out;
}

/**
 * Plugboard-parity validation (`plugboard process validate`): exactly upstream's error strings, plus
 * "at least one component" which Plugboard's schema enforces.
 * @example plugboardValidate(config.process, catalog) // ["Component 'b' has unconnected inputs: ['in_1']"]
 */
export function plugboardValidate(process: ProcessSpec, catalog: TypeCatalog | undefined): string[] {
  const schema = process.components.length === 0 ? ['process.args.components: List should have at least 1 item after validation, not 0'] : [];
  return [...schema, ...findRuleViolations(process, catalog).map((f) => f.message)];
}
