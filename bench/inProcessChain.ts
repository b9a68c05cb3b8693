/**
 * The in-process chain the runtime benchmarks run in one thread: source (counts to n) → b1 → b2
 * (each x + 1). Used by `bench/probe.ts` and `bench/chainThroughput.ts`.
 */
import { arg, buildProcessSpec, componentClass, createEmptyRegistry, port, type ComponentRegistry } from '../src/runtime/index.ts';

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

export function chainRegistry(): ComponentRegistry {
  const registry = createEmptyRegistry();
  registry.register(Source);
  registry.register(Inc);
  return registry;
}

/** source → b1 → b2 with `n` values; b2's last output is n + 1 when all arrived. */
export function chainSpec(n: number): ReturnType<typeof buildProcessSpec> {
  return buildProcessSpec({
    components: [
      { type: 'bench.Source', name: 'source', args: { n } },
      { type: 'bench.Inc', name: 'b1' },
      { type: 'bench.Inc', name: 'b2' },
    ],
    connectors: ['source.x -> b1.x', 'b1.x -> b2.x'],
  });
}
