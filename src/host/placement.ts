/**
 * The placement plan of a parallel run: which components share a worker. Plain data, computed
 * from the model's shape before any worker starts (docs/ARCHITECTURE.md, "Worker pool and
 * placement").
 *
 * Rules, in order:
 * 1. A component whose `resources.cpu` is ≥ 1 (Plugboard's hint that it needs a CPU of its own)
 *    gets a worker of its own.
 * 2. The other components are cut into *segments*: maximal linear chains (each link is the only
 *    output of its source and the only input of its target). A chain of light components then
 *    runs in one thread with in-memory channels; branches of a fan-out start new segments.
 * 3. The number of shared workers is about the width of the graph (segments that can be busy at
 *    once) bounded by the pool size. With fewer segments than CPUs, the longest segments are cut
 *    in halves (pieces of at least MIN_PIECE components) so a long chain still pipelines.
 * 4. Segments are spread over the shared workers, largest first, each onto the worker with the
 *    fewest components that holds none of its siblings (branches of the same fan-out) — so
 *    parallel branches that can block at the same time (the tutorial's two Sleep branches) run on
 *    different workers whenever there are enough of them.
 * 0. Before all that: when the model has user code (module or Python components), components that
 *    hold results (built-in sinks: FileWriter, Save, ...) share a worker only with each other. User
 *    code may block its worker for good (`for (;;) {}`); Stop then terminates that worker, and a
 *    writer on it would lose the rows sent to it before (issue 13 item 6).
 */

/** What the planner needs to know about a model. */
export interface PlacementInput {
  /** Component names in model order, with the CPUs they ask for (`resources.cpu`, default 0). */
  readonly components: readonly { readonly name: string; readonly cpu?: number; readonly role?: PlacementRole }[];
  /** Field connectors between components (several between one pair count once). */
  readonly links: readonly { readonly from: string; readonly to: string }[];
}

/**
 * What the planner must keep apart: `user` code (may block its worker forever) and components that
 * hold `results` (writers: their rows must survive a terminated neighbour). Others are plain.
 */
export type PlacementRole = 'user' | 'results';

export interface PlacementGroup {
  /** Worker index (lane `worker:<index>` in the Timeline). */
  readonly worker: number;
  /** Components on this worker, in model order. */
  readonly components: readonly string[];
  /** Why they are together. */
  readonly reason: 'own-cpu' | 'shared' | 'results';
}

export interface PlacementPlan {
  /** Size of the pool the plan was made for. */
  readonly poolSize: number;
  readonly groups: readonly PlacementGroup[];
  /** Component → worker index. */
  readonly workerOf: Readonly<Record<string, number>>;
}

/**
 * A chain is cut for pipelining only into pieces of at least this many components: shorter
 * (light) chains stay fused in one thread, where a hop costs nothing.
 */
export const MIN_PIECE = 4;

/** Most workers a pool starts, whatever the hardware says. */
export const MAX_POOL_SIZE = 16;

/**
 * Fewest workers a default pool offers: parallel branches that block (sleep, wait on I/O) use no
 * CPU, so they may outnumber the cores; a worker costs ≈ 10 MB.
 */
export const MIN_POOL_SIZE = 8;

/**
 * Pool size: `configured`, else the hardware's parallelism (`navigator.hardwareConcurrency` /
 * `os.availableParallelism()`) but at least {@link MIN_POOL_SIZE}; never more than
 * {@link MAX_POOL_SIZE}. The plan uses only as many workers as the model is wide.
 * @example poolSizeFor(4) // 8
 */
export function poolSizeFor(hardware: number | undefined, configured?: number): number {
  const wanted = configured ?? Math.max(MIN_POOL_SIZE, hardware ?? 1);
  return Math.max(1, Math.min(MAX_POOL_SIZE, Math.floor(wanted)));
}

/**
 * CPUs a `resources` value asks for: `cpu: 2`, `cpu: "500m"` (milli-CPUs), `cpu: "1.5"`.
 * @example cpuOf({ cpu: '500m' }) // 0.5
 */
export function cpuOf(resources: unknown): number {
  if (resources === null || typeof resources !== 'object') return 0;
  const cpu = (resources as { cpu?: unknown }).cpu;
  if (typeof cpu === 'number') return Number.isFinite(cpu) ? cpu : 0;
  if (typeof cpu !== 'string') return 0;
  const text = cpu.trim();
  const value = text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
  return Number.isFinite(value) ? value : 0;
}

/**
 * @example
 * planPlacement({ components: [{ name: 'a' }, { name: 'b' }], links: [{ from: 'a', to: 'b' }] }, 4)
 * // { poolSize: 4, groups: [{ worker: 0, components: ['a'] }, { worker: 1, components: ['b'] }], ... }
 */
export function planPlacement(input: PlacementInput, poolSize: number, cpus: number = poolSize): PlacementPlan {
  const order = new Map<string, number>();
  for (const c of input.components) if (!order.has(c.name)) order.set(c.name, order.size);
  const names = [...order.keys()];
  const cpu = new Map(input.components.map((c) => [c.name, c.cpu ?? 0]));
  const outs = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  const ins = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const { from, to } of input.links) {
    if (from === to || !order.has(from) || !order.has(to)) continue;
    outs.get(from)!.add(to);
    ins.get(to)!.add(from);
  }
  const own = names.filter((n) => (cpu.get(n) ?? 0) >= 1);
  const ownSet = new Set(own);
  // 0. Results holders leave the shared workers when user code would share them.
  const role = new Map(input.components.map((c) => [c.name, c.role]));
  const notOwn = names.filter((n) => !ownSet.has(n));
  const apart = notOwn.some((n) => role.get(n) === 'user') ? notOwn.filter((n) => role.get(n) === 'results') : [];
  const apartSet = new Set(apart);
  for (const n of apart) ownSet.add(n); // never fused into a segment below
  const shared = notOwn.filter((n) => !apartSet.has(n));
  const reserved = own.length + (apart.length > 0 ? 1 : 0);

  // 2. Segments: follow links a → b where a has one output and b one input (both shared).
  const fused = (a: string, b: string): boolean => !ownSet.has(a) && !ownSet.has(b) && outs.get(a)!.size === 1 && ins.get(b)!.size === 1;
  const segmentOf = new Map<string, number>();
  let segments: string[][] = [];
  for (const name of shared) {
    if (segmentOf.has(name)) continue;
    // Walk back to the head of the chain (stopping at a loop), then forward.
    let head = name;
    const seen = new Set([head]);
    for (;;) {
      const [prev] = ins.get(head)!;
      if (ins.get(head)!.size !== 1 || prev === undefined || !fused(prev, head) || seen.has(prev) || segmentOf.has(prev)) break;
      head = prev;
      seen.add(head);
    }
    const segment = [head];
    segmentOf.set(head, segments.length);
    for (let at = head; ; ) {
      const [next] = outs.get(at)!;
      if (outs.get(at)!.size !== 1 || next === undefined || !fused(at, next) || segmentOf.has(next)) break;
      segment.push(next);
      segmentOf.set(next, segments.length);
      at = next;
    }
    segments.push(segment);
  }

  // 3. Workers for the shared components: about the width, bounded by what the pool has left.
  // Branches may all block at once (a blocking sleep costs no CPU): up to the pool. Cutting a chain
  // only pays while each piece gets a CPU: up to the hardware's.
  const width = Math.max(segments.length, Math.min(cpus, Math.ceil(shared.length / MIN_PIECE)));
  const sharedWorkers = shared.length === 0 ? 0 : Math.max(1, Math.min(width, poolSize - reserved));
  while (segments.length < sharedWorkers) {
    const longest = segments.reduce((best, s, i) => (s.length > segments[best]!.length ? i : best), 0);
    const s = segments[longest]!;
    if (s.length < 2 * MIN_PIECE) break;
    const cut = Math.ceil(s.length / 2);
    segments = [...segments.slice(0, longest), s.slice(0, cut), s.slice(cut), ...segments.slice(longest + 1)];
  }

  // 4. Spread: largest segment first onto the emptiest worker without a sibling of it.
  const parentsOf = (s: readonly string[]): Set<string> => new Set(ins.get(s[0]!) ?? []);
  const bins: { names: string[]; parents: Set<string> }[] = Array.from({ length: sharedWorkers }, () => ({ names: [], parents: new Set() }));
  const bySize = segments.map((s, i) => ({ s, i })).sort((a, b) => b.s.length - a.s.length || a.i - b.i);
  for (const { s } of bySize) {
    const parents = parentsOf(s);
    let best = -1;
    for (let b = 0; b < bins.length; b++) {
      const sibling = [...parents].some((p) => bins[b]!.parents.has(p));
      const score = bins[b]!.names.length + (sibling ? shared.length : 0);
      const bestScore = best < 0 ? Infinity : bins[best]!.names.length + ([...parents].some((p) => bins[best]!.parents.has(p)) ? shared.length : 0);
      if (score < bestScore) best = b;
    }
    bins[best]!.names.push(...s);
    for (const p of parents) bins[best]!.parents.add(p);
  }

  const groups: PlacementGroup[] = [];
  const byOrder = (a: string, b: string): number => order.get(a)! - order.get(b)!;
  for (const bin of bins) if (bin.names.length > 0) groups.push({ worker: groups.length, components: [...bin.names].sort(byOrder), reason: 'shared' });
  if (apart.length > 0) groups.push({ worker: groups.length, components: apart, reason: 'results' });
  for (const name of own) groups.push({ worker: groups.length, components: [name], reason: 'own-cpu' });
  const workerOf: Record<string, number> = {};
  for (const g of groups) for (const n of g.components) workerOf[n] = g.worker;
  return { poolSize, groups, workerOf };
}

/**
 * The plan as text (CLI `--explain`).
 * @example console.log(explainPlacement(plan));
 */
export function explainPlacement(plan: PlacementPlan): string {
  const lines = [`Placement: ${plan.groups.length} worker(s) from a pool of ${plan.poolSize}`];
  const why = { 'own-cpu': ' (own CPU: resources.cpu >= 1)', results: ' (results kept apart from user code)', shared: '' } as const;
  for (const g of plan.groups) lines.push(`  worker ${g.worker}${why[g.reason]}: ${g.components.join(', ')}`);
  return lines.join('\n');
}

/** What the planner needs to know about a component type (the built-in library's classes). */
export interface PlacementCatalog {
  resolve(type: string):
    | { readonly info: { readonly outputs: readonly string[]; readonly resources?: unknown; portsFor?(args: Readonly<Record<string, unknown>>): { outputs: readonly string[] } } }
    | undefined;
}

type SpecComponent = { readonly name: string; readonly type: string; readonly args?: Readonly<Record<string, unknown>>; readonly resources: unknown };

/**
 * The planner's input from a process spec: pipeline connectors as links; CPUs from the instance's
 * `resources`, else the component class's own (`classResources(type)`: a built-in's declaration,
 * or a module class's `resources`), replaced wholesale by the instance's as in Plugboard; roles from
 * the library: a type it does not hold is user code, a built-in with no outputs holds results.
 * @example placementInput(config.process, { library: createRegistry() })
 */
export function placementInput(
  spec: { readonly components: readonly SpecComponent[]; readonly connectors: readonly { readonly source: { readonly entity: string }; readonly target: { readonly entity: string }; readonly mode: string }[] },
  options: { readonly library?: PlacementCatalog; readonly classResources?: (type: string) => unknown } = {},
): PlacementInput {
  const { library } = options;
  const classResources = (type: string): unknown => options.classResources?.(type) ?? library?.resolve(type)?.info.resources;
  const roleOf = (c: SpecComponent): PlacementRole | undefined => {
    if (!library) return undefined;
    const cls = library.resolve(c.type);
    if (!cls) return 'user';
    let outputs = cls.info.outputs;
    try {
      outputs = cls.info.portsFor?.(c.args ?? {}).outputs ?? outputs;
    } catch {
      // odd args: validation reports them; the declared ports decide here
    }
    return outputs.length === 0 ? 'results' : undefined;
  };
  return {
    components: spec.components.map((c) => {
      const role = roleOf(c);
      return { name: c.name, cpu: cpuOf(c.resources ?? classResources(c.type)), ...(role ? { role } : {}) };
    }),
    links: spec.connectors.filter((c) => c.mode === 'pipeline').map((c) => ({ from: c.source.entity, to: c.target.entity })),
  };
}
