/**
 * `npm run plugboard -- process tune FILE [--seed N] [--json] [--algorithm random|tpe]
 * [--num-samples N] [--max-concurrent N] [--modules DIR]` (spec §9, §10): runs the YAML's tune
 * section, each trial a LocalProcess on a worker_thread, and prints progress and, like Plugboard,
 * the best configuration and its metric. `--json` prints one JSON object per finished trial and a
 * summary last (`best_metric`, `best_config`, `trials`, `seconds`, …). Problems: `FILE:LINE:COL:
 * message` on stderr, exit 1. Trials run confined (Node's permission model, see confine.ts) unless
 * `--unconfined`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { formatDiagnostic, rangeAt, type Diagnostic } from '../model/index.ts';
import { createNodeTuneExecutor } from '../node/tuneExecutor.node.ts';
import { pythonStartMessage } from '../host/loadModel.ts';
import { createCancel } from '../runtime/index.ts';
import { readTuneConfig, runStudy, type Algorithm, type TrialRecord, type TuneConfig } from '../tune/index.ts';
import { listOption, stringOption, UsageError, type OptionValues, type Subcommand } from './args.ts';
import { isConfined, runConfined } from './confine.ts';
import { loadModel } from './loadModel.ts';

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
    ...(t.error ? { error: t.error.message, ...(t.error.component ? { component: t.error.component } : {}), ...(t.error.file ? { file: t.error.file, line: t.error.line } : {}) } : {}),
    source: t.source,
    ms: Math.round(t.durationMs ?? 0),
  };
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1)) throw new UsageError(`--${name} must be a ${name === 'seed' ? 'whole number ≥ 0' : 'positive whole number'}, got '${text}'`);
  return n;
}

/**
 * Runs `process tune`. The model and its modules are read statically here (no user code runs in
 * this thread); the trial workers evaluate the modules, as in the browser.
 */
async function tuneMain(file: string, values: OptionValues): Promise<number> {
  const parsed = tuneOptions(values);
  const { json } = parsed;
  const modulesDir = stringOption(values, 'modules');
  const loaded = loadModel(file, { ...(modulesDir !== undefined ? { modulesDir: resolve(modulesDir) } : {}), allowRead: listOption(values, 'allow-read') });
  const print = (ds: readonly Diagnostic[]): void => {
    for (const d of ds) if (d.severity !== 'info') process.stderr.write(`${formatDiagnostic(d, file)}\n`);
  };
  if (!loaded.ok) {
    print(loaded.diagnostics);
    return 1;
  }
  const model = loaded.model;
  const tuneRead = readTuneConfig(model.config, model.ranges);
  print([...model.diagnostics, ...tuneRead.diagnostics]);
  if (!tuneRead.ok) return 1;
  const tune: TuneConfig = tuneRead.tune;
  const concurrency = parsed.maxConcurrent ?? tune.maxConcurrent ?? availableParallelism();
  const numSamples = parsed.numSamples ?? tune.numSamples;
  const algorithm: Algorithm = tune.multiObjective ? 'random' : parsed.algorithm;
  const objective = tune.objectives.map((o, i) => `${o.component}.${o.field} (${tune.modes[i]})`).join(', ');
  if (!json) process.stdout.write(`Tuning ${objective}: ${numSamples} trials, ${algorithm}, ${concurrency} at once, seed ${parsed.seed}\n`);
  // Files a component reads (FileReader `path`, inside the allowed folders) go to the workers.
  const files: Record<string, string> = {};
  for (const c of model.config.process.components) {
    const path = c.args['path'];
    const text = typeof path === 'string' ? model.readInput(path) : undefined;
    if (typeof path === 'string' && text !== undefined) files[path] = text;
  }
  const executor = createNodeTuneExecutor({ config: model.config, ...(model.modules.length ? { modules: model.modules } : {}), files }, concurrency, {
    onPythonStart: (worker, start) => void (json || process.stdout.write(`${pythonStartMessage(`tune:${worker}`, start)}\n`)),
  });
  const stop = createCancel();
  process.once('SIGINT', () => stop.cancel());
  let done = 0;
  const result = await runStudy({
    tune,
    process: model.config.process,
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
      const outcome = t.status === 'failed' || t.status === 'stopped' ? `${t.status}${t.error ? `: ${t.error.file ? `${t.error.file}:${t.error.line ?? 1}: ` : t.error.component ? `${t.error.component}: ` : ''}${t.error.message}` : ''}` : `${tune.objectives[0]!.field}=${formatValue(t.metric)}${t.status === 'constraint' ? ' (ConstraintError)' : ''}`;
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
    const index = e.component ? model.config.process.components.findIndex((c) => c.name === e.component) : -1;
    const range = index >= 0 ? rangeAt(model.ranges, `plugboard.process.args.components[${index}]`) : undefined;
    const loc = e.file && e.line ? `${e.file}:${e.line}:${e.column ?? 1}` : `${file}:${range ? `${range.start.line}:${range.start.column}` : '1:1'}`;
    process.stderr.write(`${loc}: every trial failed; the first: ${e.message}\n`);
    return 1;
  }
  return result.stopped ? 1 : 0;
}

/**
 * Trials run user module code, so like `process run` the study runs in a re-spawned Node under the
 * permission model (reads: the model's folder, `--modules`, `--allow-read`; writes: a scratch
 * folder only; worker threads allowed; no child processes). `--unconfined` trusts the code.
 */
async function tuneCommandMain(file: string, values: OptionValues, argv: readonly string[]): Promise<number> {
  tuneOptions(values); // usage errors before any re-spawn
  if (isConfined() || values['unconfined'] === true) return tuneMain(file, values);
  const modules = stringOption(values, 'modules');
  const reads = [dirname(resolve(file)), ...(modules !== undefined ? [resolve(modules)] : []), ...listOption(values, 'allow-read').map((d) => resolve(d))];
  // Trials write no files; the child may write only this empty scratch folder.
  const scratch = mkdtempSync(join(tmpdir(), 'plugboard-tune-'));
  try {
    return await runConfined(argv, reads, scratch, true);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function tuneOptions(values: OptionValues) {
  const algorithm = stringOption(values, 'algorithm') ?? 'tpe';
  if (algorithm !== 'random' && algorithm !== 'tpe') throw new UsageError(`--algorithm must be 'random' or 'tpe', got '${algorithm}'`);
  return {
    json: values['json'] === true,
    algorithm: algorithm as Algorithm,
    seed: positiveInt('seed', stringOption(values, 'seed')) ?? 0,
    numSamples: positiveInt('num-samples', stringOption(values, 'num-samples')),
    maxConcurrent: positiveInt('max-concurrent', stringOption(values, 'max-concurrent')),
  };
}

export const tuneCommand: Subcommand = {
  name: 'tune',
  usage: 'tune FILE [--seed N] [--json] [--algorithm random|tpe] [--num-samples N] [--max-concurrent N] [--unconfined] [--modules DIR] [--allow-read DIR]',
  options: { seed: { type: 'string' }, json: { type: 'boolean' }, algorithm: { type: 'string' }, 'num-samples': { type: 'string' }, 'max-concurrent': { type: 'string' }, unconfined: { type: 'boolean' } },
  run: (file, values, argv) => tuneCommandMain(file, values, argv),
};
