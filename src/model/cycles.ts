/**
 * All elementary cycles of a directed graph (Johnson 1975), deterministic: nodes are visited in the
 * order given by `order`, and each cycle is listed starting from its earliest node in that order.
 * Upstream iterates Python sets, so its cycle order and rotation depend on string hashing; we fix
 * one order so messages are stable (documented difference in wording order only).
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
  const cycles: string[][] = [];
  for (const start of nodes) {
    if (cycles.length >= limit) break;
    // Johnson: cycles whose smallest node is `start`, searching only nodes ranked >= start.
    const allowed = (n: string): boolean => r(n) >= r(start);
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
    const neighbours = (v: string): string[] => [...new Set(graph.get(v) ?? [])].filter(allowed).sort((x, y) => r(x) - r(y));
    const circuit = (v: string): boolean => {
      let found = false;
      path.push(v);
      blocked.add(v);
      for (const w of neighbours(v)) {
        if (cycles.length >= limit) break;
        if (w === start) {
          cycles.push([...path]);
          found = true;
        } else if (!blocked.has(w) && circuit(w)) found = true;
      }
      if (found) unblock(v);
      else for (const w of neighbours(v)) {
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
