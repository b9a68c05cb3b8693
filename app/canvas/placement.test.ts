import { describe, expect, it } from 'vitest';
import { boundsOf, findFreeSpot, placeAll, PLACEMENT_GAP, type Rect } from './placement.ts';

const size = { width: 190, height: 84 };
const intersects = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('findFreeSpot', () => {
  it('centres the box on the view centre when that is free', () => {
    expect(findFreeSpot(size, { x: 500, y: 300 }, [])).toEqual({ x: 405, y: 258 });
  });

  it('moves off a node at the centre, keeping the gap, and stays near the centre', () => {
    const node: Rect = { x: 400, y: 250, width: 200, height: 100 };
    const p = findFreeSpot(size, { x: 500, y: 300 }, [node]);
    const placed = { ...p, ...size };
    const inflated = { x: node.x - PLACEMENT_GAP, y: node.y - PLACEMENT_GAP, width: node.width + 2 * PLACEMENT_GAP, height: node.height + 2 * PLACEMENT_GAP };
    expect(intersects(placed, inflated)).toBe(false);
    expect(Math.hypot(p.x + size.width / 2 - 500, p.y + size.height / 2 - 300)).toBeLessThan(300);
  });

  it('places several new boxes without overlapping each other or existing nodes', () => {
    const nodes: Rect[] = [
      { x: 0, y: 0, width: 200, height: 100 },
      { x: 300, y: 0, width: 200, height: 100 },
      { x: 150, y: 150, width: 200, height: 100 },
    ];
    const spots = placeAll([size, size, size, size, size, size], { x: 250, y: 100 }, nodes);
    const all = [...nodes, ...spots.map((p) => ({ ...p, ...size }))];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(intersects(all[i]!, all[j]!), `${i} vs ${j}`).toBe(false);
  });

  it('computes bounds', () => {
    expect(boundsOf([])).toBeUndefined();
    expect(boundsOf([{ x: 0, y: 10, width: 5, height: 5 }, { x: 20, y: 0, width: 10, height: 5 }])).toEqual({ x: 0, y: 0, width: 30, height: 15 });
  });
});
