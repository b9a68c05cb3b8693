import type { TypeCatalog } from './catalog.ts';
import { closeMatches } from './closeMatches.ts';
import { makeDiagnostic } from './diagnostics.ts';
import { checkNames } from './nameRules.ts';
import { checkArgs } from './checkArgs.ts';
import { findRuleViolations } from './plugboardRules.ts';
import { portsOf } from './ports.ts';
import { formatPortRef } from './portRef.ts';
import type { RangeIndex } from './ranges.ts';
import { parseResources } from './resources.ts';
import { validateTune } from './validateTune.ts';
import { ASYNCIO_CONNECTOR, LOCAL_PROCESS, RAY_CONNECTOR, RAY_PROCESS, type ConfigSpec, type Diagnostic } from './spec.ts';

const P = 'plugboard.process';
const COMPONENTS = `${P}.args.components`;
const CONNECTORS = `${P}.args.connectors`;

/**
 * Semantic validation of a parsed config (text-agnostic; pass `ranges` to get positions).
 * Without a catalog only the type-independent rules run. Codes: duplicate-component-name,
 * unknown-component, self-loop, process-connector-mismatch, invalid-resources, unknown-component-type,
 * unknown-port, initial-values-unknown-input, unconnected-inputs, input-event-no-producer,
 * cycle-without-initial-values, missing-arg, arg-type, unknown-arg, and the tune-* codes of `validateTune`.
 * @example validateConfig(config, catalog, ranges).filter((d) => d.severity === 'error')
 */
export function validateConfig(config: ConfigSpec, catalog: TypeCatalog | undefined, ranges?: RangeIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { process } = config;
  const d = (code: string, severity: Diagnostic['severity'], message: string, path: string, extra: { component?: string; field?: string } = {}): void => {
    out.push(makeDiagnostic(code, severity, message, path, ranges, extra));
  };
  if (process.type === RAY_PROCESS && process.connectorBuilder.type === ASYNCIO_CONNECTOR) {
    // Point at the connector type when written, else at the process type that asks for Ray.
    const path = !ranges || ranges.value.has(`${P}.connector_builder.type`) ? `${P}.connector_builder.type` : `${P}.type`;
    d('process-connector-mismatch', 'error', `RayProcess needs a parallel-capable connector: set connector_builder.type to ${RAY_CONNECTOR} (or use LocalProcess).`, path);
  }
  if (process.type === LOCAL_PROCESS && process.connectorBuilder.type === RAY_CONNECTOR) {
    d('process-connector-mismatch', 'info', 'LocalProcess with RayConnector: Studio runs this locally with in-memory channels (no event connectors are built, as with Ray).', `${P}.connector_builder.type`);
  }
  const names = new Map<string, number>();
  process.components.forEach((c, i) => {
    const path = `${COMPONENTS}[${i}]`;
    const first = names.get(c.name);
    if (first !== undefined) {
      d('duplicate-component-name', 'warning', `Another component (#${first + 1}) is already named '${c.name}'; Plugboard keeps only the last one. Rename one of them.`, `${path}.args.name`, { component: c.name, field: 'name' });
    } else names.set(c.name, i);
    if (c.resources !== null && c.resources !== undefined) {
      const r = parseResources(c.resources);
      if (!r.ok) for (const e of r.errors) d('invalid-resources', 'error', `Invalid resources: ${e.message}.`, `${path}.args.resources${e.key ? `.${e.key}` : ''}`, { component: c.name, field: 'resources' });
    }
    if (!catalog) return;
    const info = catalog.lookup(c.type);
    if (!info) {
      const near = closeMatches(c.type, catalog.list().map((t) => t.type));
      const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ' Use a canonical type path such as plugboard.library.file_io.FileWriter.';
      d('unknown-component-type', 'error', `Unknown component type '${c.type}'.${hint}`, `${path}.type`, { component: c.name });
      return;
    }
    const io = portsOf(c, catalog);
    for (const key of Object.keys(c.initialValues)) {
      if (io && !io.inputs.includes(key)) {
        d('initial-values-unknown-input', 'error', `initial_values.${key}: '${key}' is not an input of ${info.className} (inputs: ${io.inputs.join(', ') || 'none'}).`, `${path}.args.initial_values.${key}`, { component: c.name, field: key });
      }
    }
    out.push(...checkArgs(c, info, path, ranges));
  });
  const byName = new Map(process.components.map((c) => [c.name, c]));
  const known = new Set(byName.keys());
  process.connectors.forEach((conn, i) => {
    const path = `${CONNECTORS}[${i}]`;
    if (conn.mode === 'pubsub') return; // event connectors name event safe types, not components
    const looped = conn.source.entity === conn.target.entity ? byName.get(conn.target.entity) : undefined;
    // A self-loop whose target field has an initial value starts by itself (the value primes the loop).
    if (conn.source.entity === conn.target.entity && !(looped && Object.hasOwn(looped.initialValues, conn.target.descriptor))) {
      d('self-loop', 'warning', `Connector ${formatPortRef(conn.source)} → ${formatPortRef(conn.target)} feeds a component into itself; Plugboard's loop check ignores it, so the component may wait forever unless it has initial_values.`, path, { component: conn.source.entity });
    }
    for (const side of ['source', 'target'] as const) {
      const ref = conn[side];
      const sidePath = `${path}.${side}`;
      if (!known.has(ref.entity)) {
        const effect = side === 'source' ? 'its target then waits forever for values' : 'values sent to it are never read';
        const near = closeMatches(ref.entity, [...known]);
        d('unknown-component', 'warning', `Connector ${side} '${formatPortRef(ref)}' names no component (${effect}).${near.length ? ` Did you mean '${near[0]}'?` : ''}`, sidePath, { component: ref.entity });
        continue;
      }
      const comp = byName.get(ref.entity);
      const io = comp && portsOf(comp, catalog);
      if (!io) continue;
      const list = side === 'source' ? io.outputs : io.inputs;
      if (!list.includes(ref.descriptor)) {
        const kind = side === 'source' ? 'output' : 'input';
        const near = closeMatches(ref.descriptor, list);
        d('unknown-port', 'error', `'${ref.entity}' (${comp.type}) has no ${kind} '${ref.descriptor}'. ${near.length ? `Did you mean '${near[0]}'? ` : ''}${kind[0]!.toUpperCase()}${kind.slice(1)}s: ${list.join(', ') || 'none'}.`, sidePath, { component: ref.entity, field: ref.descriptor });
      }
    }
  });
  if (catalog) out.push(...ruleDiagnostics(config, catalog, ranges));
  out.push(...validateTune(config, catalog, ranges));
  out.push(...checkNames(config, catalog, ranges));
  return out;
}

function ruleDiagnostics(config: ConfigSpec, catalog: TypeCatalog, ranges: RangeIndex | undefined): Diagnostic[] {
  const { process } = config;
  return findRuleViolations(process, catalog).map((f) => {
    switch (f.kind) {
      case 'unconnected-inputs':
        return makeDiagnostic(f.kind, 'error', `${f.message}. Connect each input to an output, or remove the component.`, `${COMPONENTS}[${f.index}].args.name`, ranges, { component: f.component, ...(f.fields.length === 1 ? { field: f.fields[0] } : {}) });
      case 'input-event-no-producer':
        return makeDiagnostic(f.kind, 'error', `${f.message}. Add a component that emits these events.`, `${COMPONENTS}[${f.index}].type`, ranges, { component: f.component });
      case 'cycle-without-initial-values': {
        const edge = f.edges[0]!;
        const index = process.connectors.findIndex((c) => c.source.entity === edge.source.entity && c.target.entity === edge.target.entity);
        return makeDiagnostic(f.kind, 'error', f.message, index >= 0 ? `${CONNECTORS}[${index}]` : `${P}.args.connectors`, ranges, { component: edge.target.entity, field: edge.target.descriptor });
      }
    }
  });
}
