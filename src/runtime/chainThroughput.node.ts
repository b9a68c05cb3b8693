/**
 * Throughput of the in-memory runtime: source → B1 → B2 with 100k values in one thread.
 * Run: `npx tsx src/runtime/chainThroughput.node.ts` (prints items/s per repetition; the first
 * repetitions include JIT warm-up).
 */
import { arg, buildProcessSpec, componentClass, createEmptyRegistry, LocalProcess, port } from './index.ts';

class Source extends componentClass({ type: 'bench.Source', description: 'counts to n', outputs: { x: port<number>() }, args: { n: arg.integer() } }) {
  private i = 0;
  override step(): void {
    if (this.i >= this.args.n) {
      this.io.close();
      return;
    }
    this.out.x = this.i++;
  }
}

class Inc extends componentClass({ type: 'bench.Inc', description: 'x + 1', inputs: { x: port<number>() }, outputs: { x: port<number>() } }) {
  override step(): void {
    this.out.x = this.in.x + 1;
  }
}

const registry = createEmptyRegistry();
registry.register(Source);
registry.register(Inc);
const N = 100_000;
const reps = Number(process.argv[2] ?? 8);
for (const recordSteps of [false, true]) {
  let best = 0;
  for (let rep = 0; rep < reps; rep++) {
    const spec = buildProcessSpec({
      components: [
        { type: 'bench.Source', name: 'source', args: { n: N } },
        { type: 'bench.Inc', name: 'b1' },
        { type: 'bench.Inc', name: 'b2' },
      ],
      connectors: ['source.x -> b1.x', 'b1.x -> b2.x'],
    });
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
