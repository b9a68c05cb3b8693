import * as Comlink from 'comlink';
import type { ConfigSpec } from '../../src/index.ts';
import type { LayoutRequest, LayoutResponse } from './layoutTypes.ts';
import { layoutWithFallback } from '../layout/layeredLayout.ts';

type LayoutApi = { layout(req: LayoutRequest): Promise<LayoutResponse> };
let api: Comlink.Remote<LayoutApi> | null = null;

function worker(): Comlink.Remote<LayoutApi> {
  api ??= Comlink.wrap<LayoutApi>(new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }));
  return api;
}

/** Node size estimate when React Flow has not measured a node yet. */
export function estimateSize(inputs: number, outputs: number): { width: number; height: number } {
  return { width: 190, height: 62 + Math.max(inputs, outputs, 1) * 22 };
}

/** Lays out the whole model (in a worker). Sizes come from React Flow's measurements when known. */
export async function autoLayout(
  config: ConfigSpec,
  sizeOf: (name: string) => { width: number; height: number },
): Promise<Record<string, { x: number; y: number }>> {
  const names = new Set(config.process.components.map((c) => c.name));
  const req: LayoutRequest = {
    nodes: [...names].map((id) => ({ id, ...sizeOf(id) })),
    edges: config.process.connectors
      .filter((k) => names.has(k.source.entity) && names.has(k.target.entity))
      .map((k) => ({ source: k.source.entity, target: k.target.entity })),
  };
  const res = await layoutWithFallback(req, (r) => worker().layout(r)); // elkjs can fail on big models
  return res.positions;
}
