/**
 * Wiring of a parallel run, derived from the runtime's own {@link planConnections} (so local and
 * parallel runs connect exactly the same way): which links exist and who holds which end. The
 * caller turns each link into one MessageChannel and transfers its two ports.
 */
import type { ProcessSpec } from '../model/spec.ts';
import { planConnections, type ConnectionPlan, type DeclaredIO } from '../runtime/planConnections.ts';

export interface ComponentLinks {
  readonly inputs: { readonly field: string; readonly link: number }[];
  /** Connected input fields with no live source (unknown source component): they wait forever. */
  readonly idleInputs: string[];
  readonly outputs: { readonly field: string; readonly link: number }[];
  readonly eventsIn: number[];
  readonly eventsOut: { readonly type: string; readonly link: number }[];
  readonly initialValues: Readonly<Record<string, readonly unknown[]>>;
  readonly producers: Readonly<Record<string, readonly string[]>>;
  readonly eventsEnabled: boolean;
}

export interface WiringPlan {
  readonly links: number;
  readonly components: ReadonlyMap<string, ComponentLinks>;
  readonly errors: ConnectionPlan['errors'];
  readonly logs: ConnectionPlan['logs'];
}

/**
 * One link per field connector (fan-out = several links from one output, fan-in = several into one
 * input), plus one link per (publisher, subscriber) pair of each event type when events are on
 * (with every connector type: Studio runs events with RayConnector too).
 * @example planWiring(config.process, shapes)
 */
export function planWiring(process: ProcessSpec, io: ReadonlyMap<string, DeclaredIO>): WiringPlan {
  const plan = planConnections(process, io);
  let links = 0;
  const out = new Map<string, ComponentLinks>();
  for (const [name, p] of plan.components) {
    out.set(name, {
      inputs: [],
      idleInputs: Object.entries(p.inputs).filter(([, ids]) => ids.length === 0).map(([f]) => f),
      outputs: [],
      eventsIn: [],
      eventsOut: [],
      initialValues: p.initialValues,
      producers: p.producers,
      eventsEnabled: plan.eventsEnabled,
    });
  }
  for (const c of plan.connectors) {
    if (!c.target) continue; // target does not exist: values are dropped (spec §2.6)
    const source = out.get(c.source.component);
    const target = out.get(c.target.component);
    if (!source || !target) continue;
    const link = links++;
    source.outputs.push({ field: c.source.field, link });
    target.inputs.push({ field: c.target.field, link });
  }
  if (plan.eventsEnabled) {
    for (const [subscriber, p] of plan.components) {
      for (const type of p.subscribes) {
        for (const [publisher, pio] of io) {
          if (!out.has(publisher) || !pio.outputEvents.includes(type)) continue;
          const link = links++;
          out.get(publisher)!.eventsOut.push({ type, link });
          out.get(subscriber)!.eventsIn.push(link);
        }
      }
    }
  }
  return { links, components: out, errors: plan.errors, logs: plan.logs };
}
