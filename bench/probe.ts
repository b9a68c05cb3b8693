/**
 * Cost of connector counting and probes (issue 10): the chain source → B1 → B2 (100,000 values, one
 * thread, step events off) run plain (counting off), with counting on and no probe, and with one
 * probe (on b1.x), interleaved so load drifts hit all three alike. Prints median and best items/s
 * and the loss against plain. Run: `npm run bench -- probe [--values N] [--reps R]`.
 */
import { LocalProcess, type LocalProcessOptions } from '../src/runtime/index.ts';
import { chainRegistry, chainSpec } from './inProcessChain.ts';

const VARIANTS: Record<string, Partial<LocalProcessOptions>> = {
  plain: { countConnectors: false },
  counting: {},
  one_probe: { probes: ['b1.x'] },
};

async function once(n: number, options: Partial<LocalProcessOptions>): Promise<number> {
  const registry = chainRegistry();
  const spec = chainSpec(n);
  let probed = 0;
  const p = new LocalProcess(spec, registry, {
    recordSteps: false,
    batchMs: 16,
    onEvents: (batch) => {
      for (const e of batch) if (e.kind === 'connectors') for (const pr of e.probes) probed += pr.values.length;
    },
    ...options,
  });
  await p.init();
  const t0 = performance.now();
  const result = await p.run();
  const ms = performance.now() - t0;
  if (result.status !== 'completed' || (p.component('b2')!.out as { x: number }).x !== n + 1) throw new Error('wrong result');
  if (options.probes && probed < Math.min(n, 10_000)) throw new Error(`probe recorded ${probed} values`);
  return (n / ms) * 1000;
}

export async function benchProbe(argv: readonly string[]): Promise<void> {
  const opt = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const n = opt('--values', 100_000);
  const reps = opt('--reps', 9);
  const rates: Record<string, number[]> = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, []]));
  for (let warm = 0; warm < 2; warm++) for (const v of Object.values(VARIANTS)) await once(n, v);
  for (let r = 0; r < reps; r++) for (const [name, v] of Object.entries(VARIANTS)) rates[name]!.push(await once(n, v));
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const plain = median(rates['plain']!);
  const record: Record<string, number | string> = { bench: 'probe', values: n, reps };
  for (const [name, xs] of Object.entries(rates)) {
    record[`${name}_items_per_s`] = Math.round(median(xs));
    record[`${name}_best_items_per_s`] = Math.round(Math.max(...xs));
    if (name !== 'plain') record[`${name}_loss_pct`] = Number(((1 - median(xs) / plain) * 100).toFixed(1));
  }
  console.log(Object.entries(record).map(([k, v]) => `${k}=${v}`).join('  '));
}
