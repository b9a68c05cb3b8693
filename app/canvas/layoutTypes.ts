export interface LayoutRequest {
  readonly nodes: readonly { id: string; width: number; height: number }[];
  readonly edges: readonly { source: string; target: string }[];
}
export interface LayoutResponse {
  readonly positions: Record<string, { x: number; y: number }>;
}
