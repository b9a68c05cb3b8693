/**
 * Strongly connected components (Tarjan, iterative), each listed in discovery order.
 * @example stronglyConnected(['a', 'b'], (n) => graph.get(n) ?? []) // [['b', 'a']] for a ⇄ b
 */
export function stronglyConnected(nodes: readonly string[], next: (n: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    index.set(root, index.size);
    low.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      const succ = next(v);
      if (i < succ.length) {
        top[1] = i + 1;
        const w = succ[i]!;
        if (!index.has(w)) {
          index.set(w, index.size);
          low.set(w, index.get(w)!);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!));
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
          if (w === v) break;
        }
        out.push(scc);
      }
    }
  }
  return out;
}

/**
 * All elementary cycles of a directed graph (Johnson 1975), deterministic: nodes are visited in the
 * order given by `order`, and each cycle is listed starting from its earliest node in that order.
 * Upstream iterates Python sets, so its cycle order and rotation depend on string hashing; we fix
 * one order so messages are stable (documented difference in wording order only). Searches stay
 * inside one strongly connected component, so acyclic models cost O(nodes + edges).
 * Dense graphs can have exponentially many cycles, so enumeration stops after `limit` (the editor
 * must stay responsive; real models have a handful).
 * @example elementaryCycles(new Map([['a', ['b']], ['b', ['a']]]), ['a', 'b']) // [['a', 'b']]
 */
export function elementaryCycles(graph: ReadonlyMap<string, readonly string[]>, order: readonly string[], limit = 10_000): string[][] {
  const rank = new Map<string, number>();
  for (const n of order) if (!rank.has(n)) rank.set(n, rank.size);
  for (const [n, nbrs] of graph) {
    if (!rank.has(n)) rank.set(n, rank.size);
    for (const m of nbrs) if (!rank.has(m)) rank.set(m, rank.size);
  }
  const nodes = [...rank.keys()];
  const r = (n: string): number => rank.get(n) ?? 0;
  const succ = new Map(nodes.map((n) => [n, [...new Set(graph.get(n) ?? [])].sort((x, y) => r(x) - r(y))]));
  const sccOf = new Map<string, number>();
  stronglyConnected(nodes, (n) => succ.get(n) ?? []).forEach((scc, i) => {
    if (scc.length > 1) for (const n of scc) sccOf.set(n, i);
  });
  const cycles: string[][] = [];
  for (const start of nodes) {
    if (cycles.length >= limit) break;
    const comp = sccOf.get(start);
    if (comp === undefined) continue; // self-loops are not edges here, so a singleton has no cycle
    // Johnson: cycles whose smallest node is `start`, searching only its component's nodes ranked >= start.
    const allowed = (n: string): boolean => sccOf.get(n) === comp && r(n) >= r(start);
    const blocked = new Set<string>();
    const b = new Map<string, Set<string>>();
    const path: string[] = [];
    const unblock = (u: string): void => {
      const stack = [u];
      while (stack.length > 0) {
        const w = stack.pop() as string;
        if (!blocked.has(w)) continue;
        blocked.delete(w);
        for (const x of b.get(w) ?? []) stack.push(x);
        b.get(w)?.clear();
      }
    };
    const circuit = (v: string): boolean => {
      let found = false;
      path.push(v);
      blocked.add(v);
      const nbrs = (succ.get(v) ?? []).filter(allowed);
      for (const w of nbrs) {
        if (cycles.length >= limit) break;
        if (w === start) {
          cycles.push([...path]);
          found = true;
        } else if (!blocked.has(w) && circuit(w)) found = true;
      }
      if (found) unblock(v);
      else for (const w of nbrs) {
        const set = b.get(w) ?? new Set<string>();
        set.add(v);
        b.set(w, set);
      }
      path.pop();
      return found;
    };
    circuit(start);
  }
  return cycles;
}
