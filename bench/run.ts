/**
 * `npm run bench [-- NAME...] [--json] [--host node|chromium] [--reps K] [--scale S] [--sizes 200,500]`
 *
 * Runs seed, chain, fanout (issue 3) and scale (issue 8) in Node (worker_threads) and in headless Chromium (module
 * workers in a page served by `vite preview` with COOP/COEP, driven by Playwright). Prints a table,
 * or with --json one JSON object per line with "bench" and "host".
 */
import { performance } from 'node:perf_hooks';
import { BENCH_NAMES, runBench, type BenchName, type BenchOptions, type BenchRecord, type Runner } from './benches.ts';
import { runLocalInWorker, runParallel } from '../src/node/runParallel.node.ts';
import { runInChromium } from './chromium.ts';

interface Args {
  readonly names: BenchName[];
  readonly json: boolean;
  readonly hosts: ('node' | 'chromium')[];
  readonly options: BenchOptions;
}

function parseArgs(argv: readonly string[]): Args {
  const names: BenchName[] = [];
  let json = false;
  let hosts: ('node' | 'chromium')[] = ['node', 'chromium'];
  const options: { reps?: number; scale?: number; values?: number; ns?: number[]; sizes?: number[] } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => argv[++i] ?? '';
    if (a === '--json') json = true;
    else if (a === '--host') hosts = [next() as 'node' | 'chromium'];
    else if (a === '--reps') options.reps = Number(next());
    else if (a === '--scale') options.scale = Number(next());
    else if (a === '--values') options.values = Number(next());
    else if (a === '--n') options.ns = next().split(',').map(Number);
    else if (a === '--sizes') options.sizes = next().split(',').map(Number);
    else if ((BENCH_NAMES as readonly string[]).includes(a) || a === 'python') names.push(a as BenchName);
    else throw new Error(`unknown argument '${a}' (benchmarks: ${BENCH_NAMES.join(', ')})`);
  }
  return { names: names.length ? names : [...BENCH_NAMES], json, hosts, options };
}

const nodeRunner: Runner = async (yaml, mode) => {
  // Peak RSS of this process (worker_threads included), sampled every 20 ms during the run.
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const run = mode === 'parallel' ? runParallel : runLocalInWorker;
  const result = await run({ yaml, mode }, () => undefined, { recordSteps: false }).done;
  const wall_s = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return { result, wall_s, peak_mb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
};

function print(record: BenchRecord, json: boolean): void {
  if (json) console.log(JSON.stringify(record));
  else console.log(Object.entries(record).map(([k, v]) => `${k}=${v}`).join('  '));
}

async function main(): Promise<void> {
  if (process.argv.includes('flood')) return (await import('./flood.ts')).main(process.argv.slice(2)); // peak RSS of CLI runs (issue 13)
  if (process.argv[2] === 'probe') return (await import('./probe.ts')).benchProbe(process.argv.slice(3)); // connector counting and probes (issue 10)
  if (process.argv[2] === 'tune') return (await import('./tune.ts')).benchTune(process.argv.slice(3));
  const args = parseArgs(process.argv.slice(2));
  for (const host of args.hosts) {
    if (host === 'node') {
      for (const name of args.names) {
        const records = (name as string) === 'python' ? await (await import('./python.ts')).runPythonBench(args.options) : await runBench(name, nodeRunner, args.options);
        for (const r of records) print({ ...r, host: 'node' }, args.json);
      }
    } else {
      await runInChromium(args.names, args.options, (r) => print({ ...r, host: 'chromium' }, args.json));
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
