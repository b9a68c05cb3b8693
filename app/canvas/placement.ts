/**
 * The one placement rule for new components (palette double-click/Enter, paste, components the YAML
 * adds without a position): the free spot nearest the centre of the view, so a new node never hides
 * another or its ports. Framework-free.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}
export interface Size {
  readonly width: number;
  readonly height: number;
}
export interface Rect extends Point, Size {}

/** Space kept free around every node (room for ports and connector ends). */
export const PLACEMENT_GAP = 32;
const STEP = 40;
const MAX_RINGS = 60;

function overlaps(a: Rect, b: Rect, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * Top-left corner for a box of `size` centred as near `center` as possible without coming within
 * `gap` of any `occupied` rectangle. Candidates are tried ring by ring on a grid around the centre
 * (nearest first); if every ring is full the box goes right of everything.
 *
 * @example findFreeSpot({ width: 190, height: 84 }, { x: 500, y: 300 }, nodeRects)
 */
export function findFreeSpot(size: Size, center: Point, occupied: readonly Rect[], gap = PLACEMENT_GAP): Point {
  const origin = { x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2) };
  const fits = (p: Point) => !occupied.some((r) => overlaps({ ...p, ...size }, r, gap));
  if (fits(origin)) return origin;
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        candidates.push({ x: origin.x + i * STEP, y: origin.y + j * STEP });
      }
    }
    candidates.sort((a, b) => Math.hypot(a.x - origin.x, a.y - origin.y) - Math.hypot(b.x - origin.x, b.y - origin.y));
    const free = candidates.find(fits);
    if (free) return free;
  }
  const right = Math.max(...occupied.map((r) => r.x + r.width));
  return { x: right + gap, y: origin.y };
}

/**
 * Places several boxes one after the other (each placed box becomes occupied for the next).
 * @example placeAll([size, size], center, nodeRects) // two spots that overlap neither the nodes nor each other
 */
export function placeAll(sizes: readonly Size[], center: Point, occupied: readonly Rect[], gap = PLACEMENT_GAP): Point[] {
  const taken = [...occupied];
  return sizes.map((size) => {
    const p = findFreeSpot(size, center, taken, gap);
    taken.push({ ...p, ...size });
    return p;
  });
}

/** The bounding box of some rectangles (undefined for none). */
export function boundsOf(rects: readonly Rect[]): Rect | undefined {
  if (rects.length === 0) return undefined;
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  return { x, y, width: Math.max(...rects.map((r) => r.x + r.width)) - x, height: Math.max(...rects.map((r) => r.y + r.height)) - y };
}
