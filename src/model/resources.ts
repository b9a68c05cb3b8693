/** Resource requirements of a component (spec §11), in base units. */
export interface Resources {
  readonly cpu: number;
  readonly gpu: number;
  /** Bytes, truncated to an integer. */
  readonly memory: number;
  readonly resources: Readonly<Record<string, number>>;
}

/** Unit suffixes accepted by Plugboard's resource strings (case-sensitive). */
export const RESOURCE_UNITS: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/** Defaults when `resources` is absent or a field is missing (Q6: never the class values). */
export const DEFAULT_RESOURCES: Resources = { cpu: 0.001, gpu: 0, memory: 0, resources: {} };

const QUANTITY = /^(\d+(?:\.\d+)?)(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** Result of {@link parseResources}: the parsed value or the problems, each with the offending key. */
export type ResourcesResult = { readonly ok: true; readonly value: Resources } | { readonly ok: false; readonly errors: readonly { readonly key: string; readonly message: string }[] };

/**
 * Parses one quantity: a number, or a string of digits with an optional decimal part and suffix.
 * @example parseQuantity('250m') // 0.25
 */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v.trim());
  if (!m) return undefined;
  return Number(m[1]) * (RESOURCE_UNITS[m[2] ?? ''] ?? 1);
}

/**
 * Parses a component's `resources` (spec §11). `null`/`undefined` gives the defaults.
 * @example parseResources({ cpu: '500m', gpu: 1, resources: { custom_hardware: 2 } })
 */
export function parseResources(raw: unknown): ResourcesResult {
  if (raw === null || raw === undefined) return { ok: true, value: DEFAULT_RESOURCES };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: [{ key: '', message: 'resources must be a mapping like {cpu: 1, memory: "512Mi"}' }] };
  const obj = raw as Record<string, unknown>;
  const errors: { key: string; message: string }[] = [];
  const bad = (key: string, v: unknown): void => {
    errors.push({ key, message: `'${key}' must be a number or a quantity string such as "250m" or "512Mi", got ${JSON.stringify(v)}` });
  };
  const field = (key: 'cpu' | 'gpu' | 'memory'): number => {
    if (!(key in obj) || obj[key] === undefined) return DEFAULT_RESOURCES[key];
    const q = parseQuantity(obj[key]);
    if (q === undefined) {
      bad(key, obj[key]);
      return DEFAULT_RESOURCES[key];
    }
    return key === 'memory' ? Math.trunc(q) : q;
  };
  for (const k of Object.keys(obj)) {
    if (!['cpu', 'gpu', 'memory', 'resources'].includes(k)) errors.push({ key: k, message: `unknown resource key '${k}'; use cpu, gpu, memory or resources: {name: amount}` });
  }
  const value = { cpu: field('cpu'), gpu: field('gpu'), memory: field('memory'), resources: {} as Record<string, number> };
  const custom = obj['resources'];
  if (custom !== undefined && custom !== null) {
    if (typeof custom !== 'object' || Array.isArray(custom)) errors.push({ key: 'resources', message: "'resources' must be a mapping of name: amount" });
    else {
      for (const [name, v] of Object.entries(custom as Record<string, unknown>)) {
        const q = parseQuantity(v);
        if (q === undefined) bad(`resources.${name}`, v);
        else value.resources[name] = q;
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/**
 * Ray actor options for resources (spec §11): values rounded to 4 decimals, zero fields left out.
 * @example rayActorOptions(parsed) // { num_cpus: 0.5, num_gpus: 1, resources: { custom_hardware: 2 } }
 */
export function rayActorOptions(r: Resources): Record<string, unknown> {
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  const out: Record<string, unknown> = {};
  if (r.cpu > 0) out['num_cpus'] = round(r.cpu);
  if (r.gpu > 0) out['num_gpus'] = round(r.gpu);
  if (r.memory > 0) out['memory'] = r.memory;
  const custom = Object.entries(r.resources);
  if (custom.length > 0) out['resources'] = Object.fromEntries(custom.map(([k, v]) => [k, round(v)]));
  return Object.keys(out).length > 0 ? out : { num_cpus: 0.001 };
}
