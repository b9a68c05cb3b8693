// `tsx bench/ports.ts [N]` (CAPS=1024,4096 to choose capacities): raw worker→worker throughput of the port channel (Node), no component loop.
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { spawnNodeWorker } from '../src/node/spawnWorker.node.ts';
import type { PortWorkerApi } from './portWorker.ts';

const n = Number(process.argv[2] ?? 2_000_000);
const entry = new URL('./portWorker.ts', import.meta.url);
const a = spawnNodeWorker<PortWorkerApi>(entry, 'producer');
const b = spawnNodeWorker<PortWorkerApi>(entry, 'consumer');
// The first run warms up the JIT in both workers and is not printed.
for (const capacity of [4096, ...(process.env.CAPS ?? '1024,4096,16384,65536').split(',').map(Number)].map((c, i) => ({ c, i }))) {
  const { port1, port2 } = new MessageChannel();
  const t0 = performance.now();
  const [, count] = await Promise.all([a.api.produce(Comlink.transfer(port1, [port1]) as never, n, capacity.c), b.api.consume(Comlink.transfer(port2, [port2]) as never, capacity.c)]);
  const s = (performance.now() - t0) / 1000;
  if (capacity.i > 0) console.log(JSON.stringify({ bench: 'ports', host: 'node', capacity: capacity.c, items: count, items_per_s: Math.round(n / s) }));
}
await Promise.all([a.terminate(), b.terminate()]);
