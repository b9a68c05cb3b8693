/**
 * Wiring of a parallel run between its groups (workers), derived from the runtime's own
 * {@link planConnections} (so local and parallel runs connect exactly the same way) and the
 * placement plan: connectors inside a group are in-memory channels (the group's LocalProcess makes
 * them); each connector between two groups is one link (one MessageChannel, its two ports
 * transferred to the two workers); events travel on one link per (publishing group → subscribing
 * group) pair.
 */
import type { ProcessSpec } from '../model/spec.ts';
import { planConnections, type ConnectionPlan, type DeclaredIO } from '../runtime/planConnections.ts';
import { StopEvent } from '../runtime/events.ts';

export interface GroupLinks {
  /** Connectors from other groups into this one: connector id → link. */
  readonly inputs: { readonly id: string; readonly link: number }[];
  /** Connectors from this group to others. */
  readonly outputs: { readonly id: string; readonly link: number }[];
  readonly eventsIn: number[];
  /** Event links to groups that subscribe to `types` published here. */
  readonly eventsOut: { readonly types: string[]; readonly link: number }[];
}

export interface WiringPlan {
  readonly links: number;
  /** Per group (worker index). */
  readonly groups: readonly GroupLinks[];
  /** Components with no connected outputs or output events (writers): stopped last on a cancel. */
  readonly sinks: ReadonlySet<string>;
  /** Non-system event types a component consumes → the components that publish them. */
  readonly producers: ReadonlyMap<string, Readonly<Record<string, readonly string[]>>>;
  readonly errors: ConnectionPlan['errors'];
  readonly logs: ConnectionPlan['logs'];
}

/**
 * @example planWiring(config.process, shapes, plan.workerOf, plan.groups.length)
 */
export function planWiring(process: ProcessSpec, io: ReadonlyMap<string, DeclaredIO>, workerOf: Readonly<Record<string, number>>, groupCount: number): WiringPlan {
  const plan = planConnections(process, io);
  let links = 0;
  const groups: GroupLinks[] = Array.from({ length: groupCount }, () => ({ inputs: [], outputs: [], eventsIn: [], eventsOut: [] }));
  for (const c of plan.connectors) {
    if (!c.target) continue; // target does not exist: values are dropped in the source's group
    const from = workerOf[c.source.component];
    const to = workerOf[c.target.component];
    if (from === undefined || to === undefined || from === to) continue;
    const link = links++;
    groups[from]!.outputs.push({ id: c.id, link });
    groups[to]!.inputs.push({ id: c.id, link });
  }
  if (plan.eventsEnabled) {
    const pairs = new Map<string, Set<string>>();
    // Publishers by event type, once (a scan of every component per subscription is quadratic).
    const publishers = new Map<string, string[]>();
    for (const [publisher, pio] of io) for (const type of pio.outputEvents) (publishers.get(type) ?? publishers.set(type, []).get(type)!).push(publisher);
    for (const [subscriber, p] of plan.components) {
      const to = workerOf[subscriber];
      if (to === undefined) continue;
      for (const type of p.subscribes) {
        for (const publisher of publishers.get(type) ?? []) {
          const from = workerOf[publisher];
          if (from === undefined || from === to) continue;
          const key = `${from}>${to}`;
          (pairs.get(key) ?? pairs.set(key, new Set()).get(key)!).add(type);
        }
      }
    }
    for (const [key, types] of pairs) {
      const [from, to] = key.split('>').map(Number) as [number, number];
      const link = links++;
      groups[from]!.eventsOut.push({ types: [...types], link });
      groups[to]!.eventsIn.push(link);
    }
  }
  const sinks = new Set<string>();
  const producers = new Map<string, Readonly<Record<string, readonly string[]>>>();
  for (const [name, p] of plan.components) {
    const own = io.get(name)!;
    if (Object.keys(p.outputs).length === 0 && own.outputEvents.every((t) => t === StopEvent.type)) sinks.add(name);
    producers.set(name, p.producers);
  }
  return { links, groups, sinks, producers, errors: plan.errors, logs: plan.logs };
}
