// Auto-layout off the main thread: elkjs's layered algorithm (handles feedback loops by reversing
// back edges) runs inside this worker.
import * as Comlink from 'comlink';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutRequest, LayoutResponse } from './layoutTypes.ts';

const elk = new ELK();

async function layout(req: LayoutRequest): Promise<LayoutResponse> {
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.spacing.nodeNode': '40',
      'elk.spacing.componentComponent': '60',
      'elk.layered.cycleBreaking.strategy': 'GREEDY',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: req.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: req.edges.map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  });
  const positions: Record<string, { x: number; y: number }> = {};
  for (const c of graph.children ?? []) positions[c.id] = { x: Math.round((c.x ?? 0) + 40), y: Math.round((c.y ?? 0) + 40) };
  return { positions };
}

Comlink.expose({ layout });
