// The fallback auto-layout: when elkjs fails (it overflows its stack around 3,000 components), the
// model is still laid out, left to right in layers, with a notice. Iterative, O(nodes + edges).
import type { LayoutRequest, LayoutResponse } from '../canvas/layoutTypes.ts';

const GAP_X = 60;
const GAP_Y = 40;
const MARGIN = 40;

/**
 * Layers by longest path from the sources (edges that close a cycle are ignored), each layer a
 * column ordered by where its predecessors sit.
 * @example layeredLayout({ nodes: [{ id: 'a', width: 190, height: 80 }], edges: [] }).positions.a // { x: 40, y: 40 }
 */
export function layeredLayout(req: LayoutRequest): LayoutResponse {
  const ids = req.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const out: number[][] = ids.map(() => []);
  for (const e of req.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s !== undefined && t !== undefined && s !== t) out[s]!.push(t);
  }
  const forward = dropBackEdges(out);
  const layer = longestPathLayers(forward);
  const columns: number[][] = [];
  ids.forEach((_, i) => (columns[layer[i]!] ??= []).push(i));
  const rank = new Float64Array(ids.length);
  const preds: number[][] = ids.map(() => []);
  forward.forEach((targets, s) => targets.forEach((t) => preds[t]!.push(s)));
  const positions: Record<string, { x: number; y: number }> = {};
  let x = MARGIN;
  for (const column of columns) {
    if (!column) continue;
    // Barycentre of the predecessors' ranks: fewer crossings than input order, one pass.
    const key = (i: number) => (preds[i]!.length ? preds[i]!.reduce((sum, p) => sum + rank[p]!, 0) / preds[i]!.length : i);
    column.sort((a, b) => key(a) - key(b));
    let y = MARGIN;
    let width = 0;
    column.forEach((i, r) => {
      const n = req.nodes[i]!;
      rank[i] = r;
      positions[n.id] = { x, y };
      y += n.height + GAP_Y;
      width = Math.max(width, n.width);
    });
    x += width + GAP_X;
  }
  return { positions };
}

/** The same graph without the edges that close a cycle (iterative depth-first search). */
function dropBackEdges(out: readonly number[][]): number[][] {
  const state = new Uint8Array(out.length); // 0 new, 1 on the stack, 2 done
  const kept: number[][] = out.map(() => []);
  for (let root = 0; root < out.length; root++) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, i] = top;
      if (i >= out[v]!.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1] = i + 1;
      const w = out[v]![i]!;
      if (state[w] === 1) continue; // back edge: closes a cycle
      kept[v]!.push(w);
      if (state[w] === 0) {
        state[w] = 1;
        stack.push([w, 0]);
      }
    }
  }
  return kept;
}

function longestPathLayers(out: readonly number[][]): Int32Array {
  const indegree = new Int32Array(out.length);
  out.forEach((targets) => targets.forEach((t) => indegree[t]!++));
  const layer = new Int32Array(out.length);
  const queue: number[] = [];
  indegree.forEach((d, i) => d === 0 && queue.push(i));
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of out[v]!) {
      layer[w] = Math.max(layer[w]!, layer[v]! + 1);
      if (--indegree[w]! === 0) queue.push(w);
    }
  }
  return layer;
}

type Listener = (reason: string) => void;
const listeners = new Set<Listener>();

/** Tells the app that auto-layout fell back (it shows a notice). Returns the unsubscribe. */
export function onLayoutFallback(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs `elk`; on failure lays out with `layeredLayout` and tells the listeners why. */
export async function layoutWithFallback(req: LayoutRequest, elk: (req: LayoutRequest) => Promise<LayoutResponse>): Promise<LayoutResponse> {
  try {
    return await elk(req);
  } catch (err) {
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    for (const l of listeners) l(reason);
    return layeredLayout(req);
  }
}
