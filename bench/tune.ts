/**
 * `npm run bench -- tune [--json] [--seeds K]` (issue 9): the tutorial tuning (40 samples, 4 at once)
 * and the production line, each with random search and TPE for seeds 0 … K−1 (default 5) on a Node
 * worker_threads pool: best per seed, the median, trials/s (pool already started); then trials/s
 * with 4 concurrent against 1 concurrent on the same study.
 */
import { readFileSync } from 'node:fs';
import { createRegistry } from '../src/library/index.ts';
import { createNodeTuneExecutor } from '../src/node/tuneExecutor.node.ts';
import { readTuneConfig, runStudy, type Algorithm } from '../src/tune/index.ts';
import { parseConfig } from '../src/yaml/index.ts';

const MODELS = {
  tutorial: { file: '006_optimisation__model-with-tuner.yaml', goal: 'median best max_y >= 460 with TPE (optimum ~509.5)' },
  'production-line': { file: '002_production_line_optimisation__production-line.yaml', goal: 'within 0.5 % of the grid optimum 22.49', optimum: 22.49 },
} as const;

function load(file: string) {
  const text = readFileSync(new URL(`../fixtures/plugboard-yaml/${file}`, import.meta.url), 'utf8');
  const parsed = parseConfig(text, { catalog: createRegistry(), file });
  const read = parsed.config ? readTuneConfig(parsed.config, parsed.ranges) : undefined;
  if (!parsed.config || !read?.ok) throw new Error(`${file}: cannot read the tune section`);
  return { config: parsed.config, tune: read.tune };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** Registered in bench/run.ts: `npm run bench -- tune`. */
export async function benchTune(argv: readonly string[]): Promise<void> {
  const json = argv.includes('--json');
  const seedsAt = argv.indexOf('--seeds');
  const seeds = seedsAt >= 0 ? Number(argv[seedsAt + 1]) : 5;
  const print = (record: Record<string, unknown>): void =>
    console.log(json ? JSON.stringify(record) : Object.entries(record).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`).join('  '));
  for (const [name, model] of Object.entries(MODELS)) {
    const { config, tune } = load(model.file);
    const concurrency = tune.maxConcurrent ?? 4;
    const executor = createNodeTuneExecutor({ config }, concurrency);
    // Start the pool (worker start-up is not part of trials/s).
    await runStudy({ tune, process: config.process, executor, numSamples: concurrency, algorithm: 'random', seed: 999 });
    for (const algorithm of ['random', 'tpe'] as Algorithm[]) {
      const best: number[] = [];
      let trials = 0;
      let seconds = 0;
      for (let seed = 0; seed < seeds; seed++) {
        const result = await runStudy({ tune, process: config.process, executor, seed, algorithm });
        best.push(round(result.best?.metric ?? NaN, 4));
        trials += result.trials.length;
        seconds += result.seconds;
      }
      const med = median(best);
      print({
        bench: 'tune',
        model: name,
        algorithm,
        samples: tune.numSamples,
        concurrent: concurrency,
        mode: tune.modes[0],
        best,
        median: round(med, 4),
        ...('optimum' in model ? { gap_pct: round((100 * Math.abs(med - model.optimum)) / model.optimum, 3) } : {}),
        trials_per_s: round(trials / seconds, 2),
        goal: model.goal,
      });
    }
    await executor.dispose();
    // Throughput: the same random study with 1 worker and with 4.
    const rate: Record<number, number> = {};
    for (const workers of [1, 4]) {
      const pool = createNodeTuneExecutor({ config }, workers);
      await runStudy({ tune, process: config.process, executor: pool, numSamples: workers, maxConcurrent: workers, algorithm: 'random', seed: 999 });
      const result = await runStudy({ tune, process: config.process, executor: pool, maxConcurrent: workers, algorithm: 'random', seed: 0 });
      rate[workers] = result.trials.length / result.seconds;
      await pool.dispose();
    }
    print({ bench: 'tune-concurrency', model: name, trials_per_s_1: round(rate[1]!, 2), trials_per_s_4: round(rate[4]!, 2), speedup: round(rate[4]! / rate[1]!, 2), goal: '>= 3x on a 4-core machine' });
  }
}
