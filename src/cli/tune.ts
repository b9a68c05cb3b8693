/**
 * `npm run plugboard -- process tune FILE [--seed N] [--json] [--algorithm random|tpe]
 * [--num-samples N] [--max-concurrent N] [--modules DIR]` (spec §9, §10): runs the YAML's tune
 * section, each trial a LocalProcess on a worker_thread, and prints progress and, like Plugboard,
 * the best configuration and its metric. `--json` prints one JSON object per finished trial and a
 * summary last (`best_metric`, `best_config`, `trials`, `seconds`, …). Problems: `FILE:LINE:COL:
 * message` on stderr, exit 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRegistry } from '../library/index.ts';
import { rangeAt, type Diagnostic } from '../model/index.ts';
import { registerModulesForYaml } from '../modules/loadModulesFromDir.node.ts';
import { createNodeTuneExecutor } from '../node/tuneExecutor.node.ts';
import { createCancel } from '../runtime/index.ts';
import { readTuneConfig, runStudy, type Algorithm, type TrialRecord, type TuneConfig } from '../tune/index.ts';
import { parseConfig } from '../yaml/index.ts';

export const TUNE_USAGE =
  'usage: plugboard process tune FILE [--seed N] [--json] [--algorithm random|tpe] [--num-samples N] [--max-concurrent N] [--modules DIR]';

const where = (file: string, d: Diagnostic): string => `${d.file ?? file}:${d.range ? `${d.range.start.line}:${d.range.start.column}` : '1:1'}`;

/** Numbers as JSON (±∞ → "inf"/"-inf" strings as Python prints them; JSON has no infinities). */
const jsonNumber = (v: number | undefined): number | string | null => (v === undefined ? null : Number.isFinite(v) ? v : v > 0 ? 'inf' : '-inf');

const formatValue = (v: unknown): string => (typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(6) : JSON.stringify(v));

function trialJson(t: TrialRecord): Record<string, unknown> {
  return {
    trial: t.index,
    status: t.status,
    config: t.config,
    metric: jsonNumber(t.metric),
    ...(t.values && t.values.length > 1 ? { values: t.values.map(jsonNumber) } : {}),
    ...(t.error ? { error: t.error.message, ...(t.error.component ? { component: t.error.component } : {}) } : {}),
    source: t.source,
    ms: Math.round(t.durationMs ?? 0),
  };
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1)) throw new Error(`--${name} must be a ${name === 'seed' ? 'whole number ≥ 0' : 'positive whole number'}, got '${text}'`);
  return n;
}

/** Runs `process tune`; `argv` is what follows `process tune`. Resolves to the exit code. */
export async function tuneMain(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    process.stderr.write(`plugboard: ${error instanceof Error ? error.message : String(error)}\n${TUNE_USAGE}\n`);
    return 1;
  }
  const { file, json } = parsed;
  if (!existsSync(file)) {
    process.stderr.write(`${file}:1:1: file not found\n`);
    return 1;
  }
  const text = readFileSync(file, 'utf8');
  const registry = createRegistry();
  const mods = registerModulesForYaml(registry, file, text, parsed.modules);
  const base = dirname(resolve(file));
  const resolveRef = (ref: string): string | undefined => {
    for (const candidate of [resolve(base, ref), resolve(ref)]) if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    return undefined;
  };
  const config = parseConfig(text, { catalog: registry, file, resolveRef });
  const tuneRead = config.config ? readTuneConfig(config.config, config.ranges) : undefined;
  const diagnostics = [...mods.diagnostics, ...config.diagnostics, ...(tuneRead?.diagnostics ?? [])];
  for (const d of diagnostics) if (d.severity !== 'info') process.stderr.write(`${where(file, d)}: ${d.severity === 'error' ? '' : `${d.severity}: `}${d.message}\n`);
  if (!config.config || !tuneRead?.ok || diagnostics.some((d) => d.severity === 'error')) return 1;
  const tune: TuneConfig = tuneRead.tune;
  const concurrency = parsed.maxConcurrent ?? tune.maxConcurrent ?? availableParallelism();
  const numSamples = parsed.numSamples ?? tune.numSamples;
  const algorithm: Algorithm = tune.multiObjective ? 'random' : parsed.algorithm;
  const objective = tune.objectives.map((o, i) => `${o.component}.${o.field} (${tune.modes[i]})`).join(', ');
  if (!json) process.stdout.write(`Tuning ${objective}: ${numSamples} trials, ${algorithm}, ${concurrency} at once, seed ${parsed.seed}\n`);
  // Files a component reads (FileReader `path`) go to the workers, which cannot read the disk.
  const files: Record<string, string> = {};
  for (const c of config.config.process.components) {
    const path = c.args['path'];
    if (typeof path === 'string') for (const candidate of [resolve(base, path), resolve(path)]) if (existsSync(candidate)) files[path] ??= readFileSync(candidate, 'utf8');
  }
  const executor = createNodeTuneExecutor({ config: config.config, modules: mods.modules, files }, concurrency);
  const stop = createCancel();
  process.once('SIGINT', () => stop.cancel());
  let done = 0;
  const result = await runStudy({
    tune,
    process: config.config.process,
    executor,
    seed: parsed.seed,
    algorithm,
    numSamples,
    maxConcurrent: concurrency,
    signal: stop.signal,
    onTrial: (t) => {
      if (t.status === 'running') return;
      done++;
      if (json) return void process.stdout.write(`${JSON.stringify(trialJson(t))}\n`);
      const values = Object.entries(t.config).map(([k, v]) => `${k.split('.').slice(1).join('.')}=${formatValue(v)}`).join(' ');
      const outcome = t.status === 'failed' || t.status === 'stopped' ? `${t.status}${t.error ? `: ${t.error.message}` : ''}` : `${tune.objectives[0]!.field}=${formatValue(t.metric)}${t.status === 'constraint' ? ' (ConstraintError)' : ''}`;
      process.stdout.write(`trial ${String(done).padStart(String(numSamples).length)}/${numSamples} #${t.index} ${values}  ${outcome}  (${Math.round(t.durationMs ?? 0)} ms)\n`);
    },
  });
  await executor.dispose();
  const failed = result.trials.filter((t) => t.status === 'failed');
  const bestConfig = result.best?.config ?? null;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        best_metric: jsonNumber(result.best?.metric),
        best_config: bestConfig,
        trials: result.trials.length,
        seconds: result.seconds,
        trials_per_second: result.trials.length / result.seconds,
        algorithm: result.algorithm,
        max_concurrent: result.maxConcurrent,
        seed: parsed.seed,
        failed: failed.length,
        stopped: result.stopped,
        ...(tune.multiObjective ? { pareto: result.pareto.map((t) => ({ trial: t.index, config: t.config, values: t.values?.map(jsonNumber) })) } : {}),
      })}\n`,
    );
  } else if (tune.multiObjective) {
    process.stdout.write(`Pareto front (${result.pareto.length} trials):\n`);
    for (const t of result.pareto) process.stdout.write(`  #${t.index} ${JSON.stringify(t.config)} → ${JSON.stringify(t.values)}\n`);
  } else if (result.best) {
    process.stdout.write(`Best config: ${JSON.stringify(bestConfig)}\nBest metric: ${tune.objectives[0]!.field} = ${result.best.metric}\n`);
  }
  if (!json) process.stdout.write(`${result.trials.length} trials (${failed.length} failed) in ${result.seconds.toFixed(2)} s\n`);
  const anyResult = result.trials.some((t) => t.status === 'completed' || t.status === 'constraint');
  if (!anyResult && failed[0]?.error) {
    const e = failed[0].error;
    const index = e.component ? config.config.process.components.findIndex((c) => c.name === e.component) : -1;
    const range = index >= 0 ? rangeAt(config.ranges, `plugboard.process.args.components[${index}]`) : undefined;
    const loc = e.file && e.line ? `${e.file}:${e.line}:${e.column ?? 1}` : `${file}:${range ? `${range.start.line}:${range.start.column}` : '1:1'}`;
    process.stderr.write(`${loc}: every trial failed; the first: ${e.message}\n`);
    return 1;
  }
  return result.stopped ? 1 : 0;
}

function parseCli(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      json: { type: 'boolean' },
      algorithm: { type: 'string' },
      'num-samples': { type: 'string' },
      'max-concurrent': { type: 'string' },
      modules: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new Error('expected one FILE');
  const algorithm = values.algorithm ?? 'tpe';
  if (algorithm !== 'random' && algorithm !== 'tpe') throw new Error(`--algorithm must be 'random' or 'tpe', got '${algorithm}'`);
  return {
    file: positionals[0]!,
    json: values.json === true,
    algorithm: algorithm as Algorithm,
    seed: positiveInt('seed', values.seed) ?? 0,
    numSamples: positiveInt('num-samples', values['num-samples']),
    maxConcurrent: positiveInt('max-concurrent', values['max-concurrent']),
    modules: values.modules !== undefined ? resolve(values.modules) : undefined,
  };
}
