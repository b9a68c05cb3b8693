/**
 * Which channels a process needs (spec §2.6, §2.7, §5.2 "connect IO"), as plain data, so the local
 * process and the one-worker-per-component host build the same wiring.
 */
import type { ProcessSpec } from '../model/spec.ts';
import { StopEvent } from './events.ts';

/** The IO a component instance declares (`component.io`). */
export interface DeclaredIO {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly inputEvents: readonly string[];
  readonly outputEvents: readonly string[];
}

/** One field connector: `<source>.<field>..<target>.<field>`. */
export interface PlannedConnector {
  readonly id: string;
  readonly source: { readonly component: string; readonly field: string };
  /** `null` when the target component does not exist (values are dropped, spec §2.6). */
  readonly target: { readonly component: string; readonly field: string } | null;
}

export interface ComponentPlan {
  /** Connected input field → ids of the connectors feeding it (several = fan-in). */
  readonly inputs: Readonly<Record<string, readonly string[]>>;
  /** Connected output field → ids of its connectors (several = fan-out). */
  readonly outputs: Readonly<Record<string, readonly string[]>>;
  /** Initial values of connected input fields only (spec §3.6). */
  readonly initialValues: Readonly<Record<string, readonly unknown[]>>;
  /** Event types this component receives (system.stop included) when events are enabled. */
  readonly subscribes: readonly string[];
  /** Non-system input event type → other components producing it (spec §6.5). */
  readonly producers: Readonly<Record<string, readonly string[]>>;
}

export interface ConnectionPlan {
  readonly connectors: readonly PlannedConnector[];
  readonly components: ReadonlyMap<string, ComponentPlan>;
  /**
   * Always true here. Plugboard builds no event connectors for RayConnector (spec §2.7, Q15), so
   * an event model fails there; Studio runs events with every connector (a deliberate difference,
   * README "Deviations from Plugboard").
   */
  readonly eventsEnabled: boolean;
  /** Fatal problems (unknown fields): the process cannot start. */
  readonly errors: readonly string[];
  /** Warnings/errors Plugboard only logs (unconnected inputs/outputs). */
  readonly logs: readonly { readonly level: 'warning' | 'error'; readonly message: string; readonly component: string }[];
}

/**
 * Plans the channels of a process from its spec and the IO of its (constructed) components.
 *
 * @example
 * const plan = planConnections(spec, new Map([...components].map(([n, c]) => [n, c.io])));
 */
export function planConnections(spec: ProcessSpec, io: ReadonlyMap<string, DeclaredIO>): ConnectionPlan {
  const errors: string[] = [];
  const logs: { level: 'warning' | 'error'; message: string; component: string }[] = [];
  const byId = new Map<string, PlannedConnector>();
  for (const c of spec.connectors) {
    if (c.mode !== 'pipeline') continue;
    const id = `${c.source.entity}.${c.source.descriptor}..${c.target.entity}.${c.target.descriptor}`;
    const src = io.get(c.source.entity);
    const dst = io.get(c.target.entity);
    if (src && !src.outputs.includes(c.source.descriptor)) {
      errors.push(`Component '${c.source.entity}' has no output field '${c.source.descriptor}' (connector ${id})`);
      continue;
    }
    if (dst && !dst.inputs.includes(c.target.descriptor)) {
      errors.push(`Component '${c.target.entity}' has no input field '${c.target.descriptor}' (connector ${id})`);
      continue;
    }
    if (!src) continue; // unknown source: the target counts as connected but never receives (spec §2.6)
    byId.set(id, { id, source: { component: c.source.entity, field: c.source.descriptor }, target: dst ? { component: c.target.entity, field: c.target.descriptor } : null });
  }
  // Targets fed by an unknown source still count as connected: they wait (Plugboard hangs too).
  const phantom = spec.connectors.filter((c) => c.mode === 'pipeline' && !io.has(c.source.entity) && io.get(c.target.entity)?.inputs.includes(c.target.descriptor));
  const connectors = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const eventsEnabled = true;
  const components = new Map<string, ComponentPlan>();
  for (const cs of spec.components) {
    const name = cs.name;
    const own = io.get(name);
    if (!own) continue;
    const inputs: Record<string, string[]> = {};
    const outputs: Record<string, string[]> = {};
    for (const c of connectors) {
      if (c.target?.component === name) (inputs[c.target.field] ??= []).push(c.id);
      if (c.source.component === name) (outputs[c.source.field] ??= []).push(c.id);
    }
    for (const c of phantom) if (c.target.entity === name) inputs[c.target.descriptor] ??= [];
    const initialValues: Record<string, readonly unknown[]> = {};
    for (const [field, values] of Object.entries(cs.initialValues)) if (field in inputs) initialValues[field] = values;
    const producers: Record<string, string[]> = {};
    for (const type of own.inputEvents) {
      if (type === StopEvent.type) continue;
      producers[type] = [...io].filter(([other, o]) => other !== name && o.outputEvents.includes(type)).map(([other]) => other);
    }
    const unconnectedIn = own.inputs.filter((f) => !(f in inputs));
    if (unconnectedIn.length) logs.push({ level: 'error', component: name, message: `Input fields not connected, process may hang: ${unconnectedIn.join(', ')}` });
    const unconnectedOut = own.outputs.filter((f) => !(f in outputs));
    if (unconnectedOut.length) logs.push({ level: 'warning', component: name, message: `Output fields not connected: ${unconnectedOut.join(', ')}` });
    components.set(name, { inputs, outputs, initialValues, subscribes: eventsEnabled ? own.inputEvents : [], producers });
  }
  return { connectors, components, eventsEnabled, errors, logs };
}
