/**
 * Throughput of the in-memory runtime: source → B1 → B2 with 100k values in one thread.
 * Run: `npx tsx bench/chainThroughput.ts` (prints items/s per repetition; the first
 * repetitions include JIT warm-up).
 */
import { LocalProcess } from '../src/runtime/index.ts';
import { chainRegistry, chainSpec } from './inProcessChain.ts';

const registry = chainRegistry();
const N = 100_000;
const reps = Number(process.argv[2] ?? 8);
for (const recordSteps of [false, true]) {
  let best = 0;
  for (let rep = 0; rep < reps; rep++) {
    const spec = chainSpec(N);
    let events = 0;
    const p = new LocalProcess(spec, registry, { recordSteps, onEvents: (batch) => (events += batch.length) });
    await p.init();
    const t0 = performance.now();
    const result = await p.run();
    const ms = performance.now() - t0;
    const rate = (N / ms) * 1000;
    best = Math.max(best, rate);
    if (result.status !== 'completed' || (p.component('b2')!.out as { x: number }).x !== N + 1) throw new Error('wrong result');
    console.log(`recordSteps=${recordSteps} ${ms.toFixed(1)} ms  ${(rate / 1e6).toFixed(2)} M items/s  (${events} run events)`);
  }
  console.log(`best with recordSteps=${recordSteps}: ${(best / 1e6).toFixed(2)} M items/s`);
}
