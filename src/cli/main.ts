/**
 * `npm run plugboard -- process run|validate|diagram FILE` — the verbs of Plugboard's CLI (spec §9).
 *
 * - `process run FILE [--process-type local|ray] [--out-dir DIR] [--job-id ID]`: runs the model
 *   (LocalProcess in this thread, or one worker per component for RayProcess / `ray`), prints
 *   progress, and writes every file the components wrote under `--out-dir` (default: cwd).
 * - `process validate FILE`: "Validation passed", or the errors.
 * - `process diagram FILE [--plain]`: the Mermaid flowchart (spec §8) in a code block plus a
 *   Mermaid Live link; `--plain` prints only the flowchart text.
 *
 * Problems go to stderr as `FILE:LINE:COL: message`; the exit code is 1 on any error, else 0.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { createRegistry } from '../library/index.ts';
import { registerModulesForYaml } from '../modules/loadModulesFromDir.node.ts';
import { withModuleLocation } from '../modules/loadModules.ts';
import type { ModuleSource } from '../protocol/run.ts';
import { overrideProcessType, plugboardValidate, rangeAt, RAY_PROCESS, toMermaid, type ConfigSpec, type Diagnostic, type RangeIndex } from '../model/index.ts';
import type { ErrorInfo, RunEvent, RunResult } from '../protocol/events.ts';
import { createLocalProcess, type ComponentRegistry } from '../runtime/index.ts';
import { parseConfig } from '../yaml/index.ts';
import { explainPlacement, type PlacementPlan } from '../host/placement.ts';

const USAGE = `usage: plugboard process run FILE [--process-type local|ray] [--out-dir DIR] [--modules DIR] [--explain] [--job-id ID (ignored)]
       plugboard process validate FILE [--modules DIR]
       plugboard process diagram FILE [--plain] [--modules DIR]

User components: TypeScript modules (hello_ray.ts for type hello_ray.Sleep) are read from --modules DIR,
or else from the YAML's own directory (only the modules its types name).`;

interface Args {
  readonly verb: string;
  readonly file: string;
  readonly options: Readonly<Record<string, string | true>>;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (key === 'plain' || key === 'help' || key === 'explain') options[key] = true;
      else {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new UsageError(`--${key} needs a value`);
        options[key] = value;
      }
    } else positional.push(a);
  }
  if (options['help']) throw new UsageError('');
  const [group, verb, file] = positional;
  if (group !== 'process' || !verb || !file || positional.length > 3) throw new UsageError('expected: process run|validate|diagram FILE');
  if (!['run', 'validate', 'diagram'].includes(verb)) throw new UsageError(`unknown command 'process ${verb}'`);
  const type = options['process-type'];
  if (type !== undefined && type !== 'local' && type !== 'ray') throw new UsageError(`--process-type must be 'local' or 'ray', got '${String(type)}'`);
  return { verb, file, options };
}

/** `FILE:LINE:COL: message` (warnings say so). */
function formatProblem(file: string, d: Diagnostic): string {
  const where = d.range ? `${d.range.start.line}:${d.range.start.column}` : '1:1';
  return `${d.file ?? file}:${where}: ${d.severity === 'error' ? '' : `${d.severity}: `}${d.message}`;
}

interface Loaded {
  readonly config: ConfigSpec;
  readonly modules: readonly ModuleSource[];
  readonly resolveRef: (ref: string) => string | undefined;
  readonly registry: ComponentRegistry;
  readonly ranges: RangeIndex;
  readonly diagnostics: readonly Diagnostic[];
}

function load(file: string, modulesDir?: string): Loaded | null {
  if (!existsSync(file)) {
    process.stderr.write(`${file}:1:1: file not found\n`);
    return null;
  }
  const text = readFileSync(file, 'utf8');
  const registry = createRegistry();
  const mods = registerModulesForYaml(registry, file, text, modulesDir);
  const base = dirname(resolve(file));
  const resolveRef = (ref: string): string | undefined => {
    for (const candidate of [resolve(base, ref), resolve(ref)]) if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    return undefined;
  };
  const parsed = parseConfig(text, { catalog: registry, file, resolveRef });
  const diagnostics = [...mods.diagnostics, ...parsed.diagnostics];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !parsed.config) {
    for (const d of errors) process.stderr.write(`${formatProblem(file, d)}\n`);
    if (errors.length === 0) process.stderr.write(`${file}:1:1: the file could not be read as a Plugboard model\n`);
    return null;
  }
  // Plugboard's own rules (e.g. at least one component) on top of the editor-level diagnostics.
  const plugboardErrors = plugboardValidate(parsed.config.process, registry).filter(
    (message) => !diagnostics.some((d) => d.message.includes(message)),
  );
  if (plugboardErrors.length > 0) {
    for (const message of plugboardErrors) process.stderr.write(`${file}:1:1: ${message}\n`);
    return null;
  }
  return { config: parsed.config, modules: mods.modules, resolveRef, registry, ranges: parsed.ranges, diagnostics };
}

function validate(file: string, modulesDir?: string): number {
  const loaded = load(file, modulesDir);
  if (!loaded) {
    process.stderr.write('Validation failed\n');
    return 1;
  }
  for (const d of loaded.diagnostics) process.stderr.write(`${formatProblem(file, d)}\n`);
  process.stdout.write('Validation passed\n');
  return 0;
}

/**
 * Mermaid Live link: URL-safe base64 (with padding, like Python's urlsafe_b64encode) of the
 * zlib-deflated JSON, as Plugboard builds it (spec §8). Node's zlib may pick different matches
 * than Python's, so the bytes can differ while decoding to the same diagram.
 */
function mermaidLiveUrl(diagram: string): string {
  const json = `{"code": ${JSON.stringify(diagram)}, "mermaid": {"theme": "default"}}`;
  return `https://mermaid.live/edit#pako:${deflateSync(Buffer.from(json, 'utf8')).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`;
}

function diagram(file: string, plain: boolean, modulesDir?: string): number {
  const loaded = load(file, modulesDir);
  if (!loaded) return 1;
  const text = toMermaid(loaded.config.process, loaded.registry);
  if (plain) process.stdout.write(`${text}\n`);
  else process.stdout.write(`\`\`\`mermaid\n${text}\n\`\`\`\n\nEditable diagram: ${mermaidLiveUrl(text)}\n`);
  return 0;
}

/** Turns the event stream into progress lines. */
function createProgress(): { onEvents: (events: readonly RunEvent[]) => void; finish: () => void } {
  const steps = new Map<string, number>();
  const rows = new Map<string, number>();
  let last = Date.now();
  const summary = (): string =>
    [...steps]
      .map(([c, n]) => `${c}=${n}`)
      .join(' ');
  return {
    onEvents: (events) => {
      for (const e of events) {
        switch (e.kind) {
          case 'process-status':
            process.stdout.write(`process ${e.status}\n`);
            break;
          case 'component-status':
            if (e.status === 'completed' || e.status === 'failed' || e.status === 'stopped') process.stdout.write(`  ${e.component}: ${e.status}\n`);
            break;
          case 'step':
            steps.set(e.component, e.index + 1);
            break;
          case 'file':
            rows.set(e.path, (rows.get(e.path) ?? 0) + (e.rows?.length ?? e.text.split('\n').length - 1));
            break;
          case 'log':
            process.stderr.write(`${e.level}: ${e.component ? `[${e.component}] ` : ''}${e.message}\n`);
            break;
        }
      }
      if (Date.now() - last > 1000 && steps.size > 0) {
        last = Date.now();
        process.stdout.write(`  steps: ${summary()}\n`);
      }
    },
    finish: () => {
      if (steps.size > 0) process.stdout.write(`  steps: ${summary()}\n`);
    },
  };
}

/** Where in the YAML a failing component is declared, for `FILE:LINE:COL:`. */
function errorLocation(file: string, loaded: Loaded, error: ErrorInfo): string {
  if (error.file && error.line) return `${error.file}:${error.line}:${error.column ?? 1}`;
  const index = error.component ? loaded.config.process.components.findIndex((c) => c.name === error.component) : -1;
  const range = index >= 0 ? rangeAt(loaded.ranges, `plugboard.process.args.components[${index}]`) : undefined;
  return `${file}:${range ? `${range.start.line}:${range.start.column}` : '1:1'}`;
}

function modulesOption(options: Args['options']): string | undefined {
  const dir = options['modules'];
  return typeof dir === 'string' ? resolve(dir) : undefined;
}

async function run(file: string, options: Args['options']): Promise<number> {
  const loaded = load(file, modulesOption(options));
  if (!loaded) return 1;
  for (const d of loaded.diagnostics) process.stderr.write(`${formatProblem(file, d)}\n`);
  const kind = options['process-type'] as 'local' | 'ray' | undefined;
  const config = kind ? overrideProcessType(loaded.config, kind) : loaded.config;
  const outDir = resolve(typeof options['out-dir'] === 'string' ? options['out-dir'] : '.');
  const progress = createProgress();
  const base = dirname(resolve(file));
  const loadFile = (path: string): string | undefined => {
    for (const candidate of [resolve(outDir, path), resolve(path), resolve(base, path)]) if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    return undefined;
  };
  let result: RunResult;
  if (config.process.type === RAY_PROCESS) {
    let runParallel: typeof import('../node/runParallel.node.ts').runParallel;
    try {
      ({ runParallel } = await import('../node/runParallel.node.ts'));
    } catch {
      process.stderr.write(`${file}:1:1: parallel runs (RayProcess) are not available yet; use --process-type local\n`);
      return 1;
    }
    // Workers cannot read the disk: hand them every existing file a component names in `path`
    // (FileReader input, append-mode text files) and the text of a `process:` file reference.
    const files: Record<string, string> = {};
    for (const component of config.process.components) {
      const path = component.args['path'];
      if (typeof path !== 'string') continue;
      const text = loadFile(path);
      if (text !== undefined) files[path] = text;
    }
    const handle = runParallel({ yaml: readFileSync(file, 'utf8'), mode: 'parallel', modules: loaded.modules }, progress.onEvents, {
      files,
      resolveRef: loaded.resolveRef,
      ...(options['explain'] ? { onPlan: (plan: PlacementPlan) => process.stderr.write(`${explainPlacement(plan)}\n`) } : {}),
    });
    process.once('SIGINT', () => handle.cancel());
    result = await handle.done;
  } else {
    if (options['explain']) process.stderr.write(`Placement: local run, every component in one thread (${config.process.components.length} components)\n`);
    // PLUGBOARD_IO_READ_TIMEOUT (seconds, spec §12) sets the producer-check interval of event consumers.
    const timeout = Number(process.env['PLUGBOARD_IO_READ_TIMEOUT'] ?? 0);
    const local = createLocalProcess(config.process, loaded.registry, {
      onEvents: progress.onEvents,
      loadFile,
      batchMs: 100,
      ...(timeout > 0 ? { ioReadTimeoutMs: timeout * 1000 } : {}),
    });
    process.once('SIGINT', () => local.cancel());
    result = await local.execute();
  }
  progress.finish();
  for (const [path, text] of Object.entries(result.files)) {
    const target = resolve(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    process.stdout.write(`wrote ${target}\n`);
  }
  if (result.status === 'completed') {
    process.stdout.write('Process complete\n');
    return 0;
  }
  if (result.error) {
    const error = withModuleLocation(result.error);
    process.stderr.write(`${errorLocation(file, loaded, error)}: ${error.message}\n`);
    if (error.stack && process.env['PLUGBOARD_DEBUG']) process.stderr.write(`${error.stack}\n`);
  } else process.stderr.write(`${file}:1:1: process ${result.status}\n`);
  return 1;
}

async function main(argv: readonly string[]): Promise<number> {
  // `npm run` starts scripts in the package root; resolve paths from where the user typed the command.
  const cwd = process.env['INIT_CWD'];
  if (cwd && existsSync(cwd)) process.chdir(cwd);
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`plugboard: ${error.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return error.message ? 1 : 0;
    }
    throw error;
  }
  switch (args.verb) {
    case 'validate':
      return validate(args.file, modulesOption(args.options));
    case 'diagram':
      return diagram(args.file, args.options['plain'] === true, modulesOption(args.options));
    default:
      return run(args.file, args.options);
  }
}

// If the event loop empties while a run is pending, every component is waiting on another: a hang
// (e.g. a connector from an unknown component, spec §2.6). Say so instead of exiting silently.
process.once('beforeExit', () => {
  process.stderr.write('plugboard: the process is stuck: every component is waiting for input that never comes\n');
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`plugboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
