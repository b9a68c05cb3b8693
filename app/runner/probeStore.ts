/**
 * Which connectors (and ports) the user probes (issue 10). Kept outside the editor store: the set
 * is chosen on the canvas before or during a run and sent with the next RunRequest (`probes`).
 * Keys are runtime connector ids `<source>.<field>..<target>.<field>` or ports `<component>.<field>`.
 */
type Listener = () => void;

let keys: readonly string[] = [];
const listeners = new Set<Listener>();

/** The canvas's edge id (`a.x->b.y`) as the runtime's connector id (`a.x..b.y`). */
export const runtimeConnectorId = (edgeId: string): string => edgeId.replace('->', '..');

export const probeStore = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  keys: (): readonly string[] => keys,
  has: (key: string): boolean => keys.includes(key),
  toggle(key: string): void {
    keys = keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key];
    for (const l of listeners) l();
  },
  clear(): void {
    keys = [];
    for (const l of listeners) l();
  },
};

/** Short text for a value on an edge label or in a table cell. */
export function formatProbeValue(value: unknown, max = 24): string {
  let text: string;
  if (typeof value === 'number') text = Number.isInteger(value) ? String(value) : value.toPrecision(4);
  else if (typeof value === 'string') text = value;
  else if (value === null || value === undefined) text = 'None';
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
