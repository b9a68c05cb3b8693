/**
 * Node positions live in one trailing comment line that Plugboard ignores:
 * `# plugboard-studio:layout {"input":[40,80],"slow-sleep":[300,20]}`.
 */
export const LAYOUT_PREFIX = '# plugboard-studio:layout ';
/** The layout comment line (global, multi-line; group 1 is the JSON). Use with matchAll/replace. */
export const LAYOUT_LINE = /^# plugboard-studio:layout (.*)$/gm;

/** A component position on the canvas. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

function findLayoutLine(text: string): { start: number; end: number; json: string } | undefined {
  let found: { start: number; end: number; json: string } | undefined;
  for (const m of text.matchAll(LAYOUT_LINE)) found = { start: m.index, end: m.index + m[0].length, json: m[1] ?? '' };
  return found;
}

/**
 * Reads the layout block; an absent or malformed block gives `{}` (positions are a convenience).
 * @example readLayout(text)['input'] // { x: 40, y: 80 }
 */
export function readLayout(text: string): Record<string, Point> {
  const line = findLayoutLine(text);
  if (!line) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(line.json);
  } catch {
    return {};
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, Point> = {};
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number' && Number.isFinite(v[0]) && Number.isFinite(v[1])) out[name] = { x: v[0], y: v[1] };
  }
  return out;
}

/**
 * Replaces the layout line, or appends one at the end; no other text changes (a missing final
 * newline stays missing). An empty layout removes the line.
 * @example writeLayout(text, { input: { x: 40, y: 80 } })
 */
export function writeLayout(text: string, layout: Readonly<Record<string, Point>>): string {
  const entries = Object.entries(layout);
  const json = JSON.stringify(Object.fromEntries(entries.map(([k, p]) => [k, [round(p.x), round(p.y)]])));
  const line = findLayoutLine(text);
  if (entries.length === 0) {
    if (!line) return text;
    const nlAfter = text.startsWith('\r\n', line.end) ? 2 : text[line.end] === '\n' ? 1 : 0;
    const end = line.end + nlAfter;
    const nlBefore = text.startsWith('\r\n', line.start - 2) ? 2 : 1;
    const start = nlAfter === 0 && line.start > 0 ? line.start - nlBefore : line.start;
    return text.slice(0, start) + text.slice(end);
  }
  const newLine = LAYOUT_PREFIX + json;
  if (line) return text.slice(0, line.start) + newLine + text.slice(line.end);
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  if (text === '') return `${newLine}${nl}`;
  return text.endsWith('\n') ? `${text}${newLine}${nl}` : `${text}${nl}${newLine}`;
}

/**
 * Layout after a rename or removal (keys follow the component).
 * @example renameInLayout(layout, 'a', 'b')
 */
export function renameInLayout(layout: Readonly<Record<string, Point>>, from: string, to: string | undefined): Record<string, Point> {
  const out: Record<string, Point> = {};
  for (const [k, v] of Object.entries(layout)) {
    if (k !== from) out[k] = v;
    else if (to !== undefined) out[to] = v;
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
