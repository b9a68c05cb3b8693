/**
 * `process run FILE`: validates (modules read statically), then runs the model in a Node process
 * confined by the permission model (see confine.ts) unless `--unconfined`. Files stream to disk
 * inside `--out-dir` as they are written; SIGINT, SIGTERM and SIGHUP stop the run and keep them.
 */
import { dirname, resolve } from 'node:path';
import { withModuleLocation } from '../modules/loadModules.ts';
import { overrideProcessType, rangeAt, RAY_PROCESS } from '../model/index.ts';
import type { ErrorInfo, RunEvent, RunResult } from '../protocol/events.ts';
import { createLocalProcess } from '../runtime/index.ts';
import { explainPlacement, type PlacementPlan } from '../host/placement.ts';
import { setDefaultKeepLimit } from '../runtime/files.ts';
import { listOption, stringOption, UsageError, type OptionValues, type Subcommand } from './args.ts';
import { loadForCheck, printDiagnostics } from './check.ts';
import { isConfined, runConfined } from './confine.ts';
import { createDiskSink } from './diskSink.ts';
import { loadModel, outputPaths, type LoadedModel } from './loadModel.ts';
import { checkOutDir } from './paths.ts';
import { ProbeCollector, probeProblem } from './probesCsv.ts';
import { runSteps, stepsOption } from './steps.ts';
import { now } from '../lib/clock.ts';
import { preparePythonForYaml } from '../python/preparePythonForYaml.node.ts';

/** Text kept in memory per written file; the rest only streams to disk. */
const KEEP_LIMIT = 4 * 1024 * 1024;

/**
 * Turns the event stream into progress lines; `periodic`: a step-count line at most once a second
 * (off with --steps, whose step reports print the counts: a line in between would interleave them).
 */
function createProgress(periodic = true): { onEvents: (events: readonly RunEvent[]) => void; finish: () => void; unfinished: () => string[] } {
  const steps = new Map<string, number>();
  const statuses = new Map<string, string>();
  let last = Date.now();
  const summary = (): string => [...steps].map(([c, n]) => `${c}=${n}`).join(' ');
  return {
    onEvents: (events) => {
      for (const e of events) {
        if (e.kind === 'process-status') process.stdout.write(`process ${e.status}\n`);
        else if (e.kind === 'component-status') {
          statuses.set(e.component, e.status);
          if (e.status === 'completed' || e.status === 'failed' || e.status === 'stopped') process.stdout.write(`  ${e.component}: ${e.status}\n`);
        }
        else if (e.kind === 'step') steps.set(e.component, e.index + 1);
        else if (e.kind === 'log') process.stderr.write(`${e.level}: ${e.component ? `[${e.component}] ` : ''}${e.message}\n`);
      }
      if (periodic && Date.now() - last > 1000 && steps.size > 0) {
        last = Date.now();
        process.stdout.write(`  steps: ${summary()}\n`);
      }
    },
    finish: () => {
      if (steps.size > 0) process.stdout.write(`  steps: ${summary()}\n`);
    },
    unfinished: () => [...statuses].filter(([, s]) => s !== 'completed' && s !== 'failed' && s !== 'stopped').map(([c, s]) => `'${c}' (${s}${steps.has(c) ? `, after step ${steps.get(c)}` : ''})`),
  };
}

/** `FILE:LINE:COL` of a component's declaration (or of one of its args). */
function componentLocation(model: LoadedModel, component: string | undefined, arg?: string): string {
  const index = component ? model.config.process.components.findIndex((c) => c.name === component) : -1;
  const range = index >= 0 ? rangeAt(model.ranges, `plugboard.process.args.components[${index}]${arg ? `.args.${arg}` : ''}`) : undefined;
  return `${model.file}:${range ? `${range.start.line}:${range.start.column}` : '1:1'}`;
}

function errorLocation(model: LoadedModel, error: ErrorInfo): string {
  if (error.file && error.line) return `${error.file}:${error.line}:${error.column ?? 1}`;
  return componentLocation(model, error.component);
}

/** Runs the model in this process (already confined, or trusted). */
async function execute(file: string, values: OptionValues, outDir: string): Promise<number> {
  const modules = stringOption(values, 'modules');
  const processType = stringOption(values, 'process-type') as 'local' | 'ray' | undefined;
  await preparePythonForYaml(file, modules !== undefined ? resolve(modules) : undefined, processType); // Pyodide, only if a .py module is used
  const loaded = loadModel(file, { ...(modules !== undefined ? { modulesDir: resolve(modules) } : {}), allowRead: listOption(values, 'allow-read'), outDir, executeModules: true });
  if (!loaded.ok) {
    printDiagnostics(file, loaded.diagnostics);
    return 1;
  }
  const model = loaded.model;
  printDiagnostics(file, model.diagnostics);
  setDefaultKeepLimit(KEEP_LIMIT);
  process.env['PLUGBOARD_FILE_KEEP_LIMIT'] = String(KEEP_LIMIT); // for the stores in worker threads
  const kind = stringOption(values, 'process-type') as 'local' | 'ray' | undefined;
  const config = kind ? overrideProcessType(model.config, kind) : model.config;
  const probes = [...new Set(listOption(values, 'probe'))];
  for (const probe of probes) {
    const problem = probeProblem(config, probe);
    if (problem === null) continue;
    process.stderr.write(`${componentLocation(model, probe.slice(0, probe.indexOf('.')))}: ${problem}\n`);
    return 1;
  }
  const collector = probes.length > 0 ? new ProbeCollector(probes, now()) : null;
  // --steps N: start held, run N process steps printing each component's state, then Stop.
  const steps = stepsOption(values);
  const order = config.process.components.map((c) => c.name);
  let stepsRan = 0;
  let ended = false;
  const write = (text: string): void => void process.stdout.write(text);
  const progress = createProgress(!steps);
  const sink = createDiskSink(outDir);
  const onEvents = (events: readonly RunEvent[]): void => {
    for (const e of events) if (e.kind === 'file') sink.write(e);
    collector?.onEvents(events);
    progress.onEvents(events);
  };
  let cancel: () => void = () => undefined;
  let firstSignal = 0;
  const onSignal = (signal: NodeJS.Signals) => () => {
    // Ctrl-C reaches this process twice when confined (from the terminal and forwarded by the
    // parent): a repeat within a second is the same request; a later one means "stop now".
    if (firstSignal > 0) {
      if (Date.now() - firstSignal < 1000) return;
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
    }
    firstSignal = Date.now();
    process.stderr.write(`plugboard: ${signal}: stopping the run (files written so far are kept)\n`);
    cancel();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal(signal));
  // A throw in a module's timer or an unhandled rejection: report it at the module line, stop the run
  // (files written so far are kept) and fail, instead of dying with a raw stack.
  let uncaught = false;
  const onUncaught = (error: unknown): void => {
    const info = withModuleLocation(error instanceof Error ? { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) } : { name: 'Error', message: String(error) });
    process.stderr.write(`${info.file && info.line ? `${info.file}:${info.line}:${info.column ?? 1}` : `${model.file}:1:1`}: uncaught in module code: ${info.message}\n`);
    if (!uncaught) cancel();
    uncaught = true;
  };
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  // The event loop emptied while the run is pending: every unfinished component waits on another or
  // on a promise that never settles. Name them, and keep what was written (the sink writes as it goes).
  process.once('beforeExit', () => {
    const waiting = progress.unfinished();
    process.stderr.write(`${model.file}:1:1: the run is stuck: ${waiting.length ? `${waiting.join(', ')} never finished` : 'no component finished'}; each waits for input that never comes or for an await that never settles\n`);
    for (const f of sink.close()) if (f.error === undefined) process.stdout.write(`wrote ${f.target}\n`);
    process.exit(1);
  });
  let result: RunResult;
  if (config.process.type === RAY_PROCESS) {
    const { runParallel } = await import('../node/runParallel.node.ts');
    // Workers cannot read the disk: hand them the existing files components name in `path`.
    const files: Record<string, string> = {};
    for (const component of config.process.components) {
      const path = component.args['path'];
      if (typeof path !== 'string') continue;
      const text = model.readInput(path);
      if (text !== undefined) files[path] = text;
    }
    const handle = runParallel({ yaml: model.text, mode: 'parallel', modules: model.modules, ...(probes.length ? { probes } : {}), ...(steps ? { startPaused: true } : {}) }, onEvents, {
      files,
      resolveRef: model.resolveRef,
      ...(values['explain'] === true ? { onPlan: (plan: PlacementPlan) => process.stderr.write(`${explainPlacement(plan)}\n`) } : {}),
    });
    cancel = () => handle.cancel();
    if (steps) {
      void handle.done.then(() => (ended = true));
      stepsRan = await runSteps(handle.control!, steps, order, write, () => ended);
      handle.cancel();
    }
    result = await handle.done;
  } else {
    if (values['explain'] === true) process.stderr.write(`Placement: local run, every component in one thread (${config.process.components.length} components)\n`);
    // PLUGBOARD_IO_READ_TIMEOUT (seconds, spec §12) sets the producer-check interval of event consumers.
    const timeout = Number(process.env['PLUGBOARD_IO_READ_TIMEOUT'] ?? 0);
    const local = createLocalProcess(config.process, model.registry, {
      onEvents,
      loadFile: model.readInput,
      batchMs: 100,
      ...(probes.length ? { probes } : {}),
      ...(timeout > 0 ? { ioReadTimeoutMs: timeout * 1000 } : {}),
      ...(steps ? { startPaused: true } : {}),
    });
    cancel = () => local.cancel();
    const running = local.execute();
    if (steps) {
      void running.then(() => (ended = true));
      stepsRan = await runSteps(local, steps, order, write, () => ended);
      local.cancel();
    }
    result = await running;
  }
  progress.finish();
  if (collector) sink.ensure('probes.csv', '', collector.csv());
  // Our own Stop after the asked steps is a clean end.
  const steppedStop = !!steps && result.status === 'stopped' && !result.error && !uncaught && firstSignal === 0;
  if (steppedStop) process.stdout.write(`Stopped after ${stepsRan} step${stepsRan === 1 ? '' : 's'} (files written so far are kept)\n`);
  const code = report(model, result, sink, steppedStop);
  return uncaught ? 1 : code;
}

function report(model: LoadedModel, result: RunResult, sink: ReturnType<typeof createDiskSink>, cleanStop = false): number {
  for (const [path, text] of Object.entries(result.files)) {
    const writer = outputPaths(model.config).find((o) => o.path === path);
    sink.ensure(path, writer?.name ?? '', text);
  }
  let failedFiles = 0;
  for (const f of sink.close()) {
    if (f.error === undefined) {
      process.stdout.write(`wrote ${f.target}\n`);
      continue;
    }
    failedFiles++;
    process.stderr.write(`${componentLocation(model, f.component, 'path')}: component '${f.component}' could not write '${f.path}': ${f.error}\n`);
  }
  if (cleanStop && failedFiles === 0) return 0;
  if (result.status === 'completed' && failedFiles === 0) {
    process.stdout.write('Process complete\n');
    return 0;
  }
  if (result.error) {
    const error = withModuleLocation(result.error);
    process.stderr.write(`${errorLocation(model, error)}: ${error.message}\n`);
    if (error.stack && process.env['PLUGBOARD_DEBUG']) process.stderr.write(`${error.stack}\n`);
  } else if (result.status !== 'completed') process.stderr.write(`${model.file}:1:1: process ${result.status}\n`);
  return 1;
}

async function runCommandMain(file: string, values: OptionValues, argv: readonly string[]): Promise<number> {
  stepsOption(values); // a bad --steps is a usage error before anything runs
  const type = stringOption(values, 'process-type');
  if (type !== undefined && type !== 'local' && type !== 'ray') throw new UsageError(`--process-type must be 'local' or 'ray', got '${type}'`);
  const outDir = resolve(stringOption(values, 'out-dir') ?? '.');
  const out = checkOutDir(outDir);
  if (!out.ok) {
    process.stderr.write(`plugboard: ${out.reason}\n`);
    return 1;
  }
  if (isConfined() || values['unconfined'] === true) return execute(file, values, outDir);
  // Unconfined half: validate without running module code, then re-run confined.
  const checked = loadForCheck(file, values, outDir);
  if (!checked.ok) {
    printDiagnostics(file, checked.diagnostics);
    return 1;
  }
  const modules = stringOption(values, 'modules');
  const reads = [dirname(resolve(file)), ...(modules !== undefined ? [resolve(modules)] : []), ...listOption(values, 'allow-read').map((d) => resolve(d))];
  const parallel = (type ?? (checked.model.config.process.type === RAY_PROCESS ? 'ray' : 'local')) === 'ray';
  return runConfined(argv, reads, outDir, parallel);
}

export const runCommand: Subcommand = {
  name: 'run',
  usage: 'run FILE [--process-type local|ray] [--out-dir DIR] [--unconfined] [--explain] [--modules DIR] [--allow-read DIR] [--probe COMPONENT.FIELD]... [--steps N] [--job-id ID (ignored)]',
  options: { 'process-type': { type: 'string' }, steps: { type: 'string' }, probe: { type: 'string', multiple: true }, 'out-dir': { type: 'string' }, 'job-id': { type: 'string' }, unconfined: { type: 'boolean' }, explain: { type: 'boolean' } },
  run: runCommandMain,
};
